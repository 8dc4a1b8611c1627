"""Loading and validating model files: every bundled file loads; each rule names the path it concerns."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from cmmm.errors import ModelInvalid, ModelNotFound
from cmmm.model.loader import (
    bundled_model_files,
    get_model,
    json_schema_text,
    load_model_file,
    load_model_text,
    model_from_data,
)
from tests.conftest import FIXTURES

Data = dict[str, Any]


@pytest.fixture
def toy_data() -> Data:
    data: Data = yaml.safe_load((FIXTURES / "toy_model.yaml").read_text(encoding="utf-8"))
    return data


def problems_of(data: Data) -> list[tuple[str, str]]:
    with pytest.raises(ModelInvalid) as caught:
        model_from_data(data, "fixture.yaml")
    return [(p.location, p.en) for p in caught.value.problems]


def locations_of(data: Data) -> list[str]:
    return [location for location, _ in problems_of(data)]


@pytest.mark.parametrize("path", bundled_model_files(), ids=lambda p: p.name)
def test_every_bundled_model_file_loads(path: Path) -> None:
    model = load_model_file(path)
    assert len(model.index.subdomains) == 20
    assert len(model.content_hash) == 64


def test_bundled_json_schema_is_up_to_date() -> None:
    kept = (Path(__file__).parents[2] / "src/cmmm/model/data/model.schema.json").read_text(encoding="utf-8")
    assert kept == json_schema_text(), "regenerate with: cmmm model schema > src/cmmm/model/data/model.schema.json"


def test_content_hash_ignores_formatting_and_comments(toy_data: Data) -> None:
    plain = model_from_data(copy.deepcopy(toy_data), "a")
    reformatted = load_model_text("# a comment\n" + json.dumps(toy_data, ensure_ascii=False), "b")
    assert plain.content_hash == reformatted.content_hash


def test_content_hash_changes_with_a_clause_text(toy_data: Data) -> None:
    before = model_from_data(copy.deepcopy(toy_data), "a").content_hash
    toy_data["elements"][0]["domains"][0]["subdomains"][0]["requirements"][0]["text"]["zh"] = "应做别的事"
    assert model_from_data(toy_data, "b").content_hash != before


def test_a_model_file_loads_as_an_extra_model_by_reference(toy_model: Any) -> None:
    assert get_model("toy@1", extra=(toy_model,)) is toy_model
    with pytest.raises(ModelNotFound):
        get_model("toy@2", extra=(toy_model,))


def test_yaml_syntax_error_names_line_and_column() -> None:
    with pytest.raises(ModelInvalid) as caught:
        load_model_text("id: x\nlevels: [1, 2\n", "broken.yaml")
    assert caught.value.problems[0].location.startswith("broken.yaml:")


def test_duplicate_yaml_key_is_an_error_not_a_silent_overwrite() -> None:
    with pytest.raises(ModelInvalid) as caught:
        load_model_text("id: a\nid: b\n", "dup.yaml")
    assert "duplicate key 'id'" in caught.value.problems[0].en


def test_top_level_must_be_a_mapping() -> None:
    with pytest.raises(ModelInvalid):
        load_model_text("- 1\n- 2\n", "list.yaml")


def req(data: Data, e: int = 0, d: int = 0, s: int = 0, r: int = 0) -> Data:
    requirement: Data = data["elements"][e]["domains"][d]["subdomains"][s]["requirements"][r]
    return requirement


Mutation = Callable[[Data], None]
BASE = "elements[0].domains[0].subdomains[0].requirements[1]"

CASES: list[tuple[str, Mutation, str, str]] = [
    ("unknown key", lambda d: d.update(colour="red"), "colour", "Extra inputs"),
    ("missing key", lambda d: d.pop("method"), "method", "Field required"),
    ("unknown key deep", lambda d: req(d, r=1).update(note="x"), f"{BASE}.note", "Extra inputs"),
    ("bad id pattern", lambda d: d["elements"][0].update(id="A B"), "elements[0].id", "pattern"),
    ("duplicate element id", lambda d: d["elements"][1].update(id="a"), "elements", "element id a"),
    ("duplicate domain id", lambda d: d["elements"][1]["domains"][0].update(id="d1"), "elements[].domains", "d1"),
    (
        "duplicate sub-domain id",
        lambda d: d["elements"][1]["domains"][0]["subdomains"][0].update(id="s1"),
        "elements[].domains[].subdomains",
        "s1",
    ),
    ("requirement id of another sub-domain", lambda d: req(d, r=1).update(id="s2.1.2"), f"{BASE}.id", "start with"),
    ("requirement id level mismatch", lambda d: req(d, r=1).update(level=2), f"{BASE}.id", "differs from level"),
    ("non-contiguous requirement ids", lambda d: req(d, r=1).update(id="s1.1.3"), f"{BASE}.id", "numbered 2"),
    ("undefined level", lambda d: req(d, r=1).update(level=7, id="s1.7.1"), f"{BASE}.level", "not defined"),
    ("missing locale", lambda d: req(d, r=1)["text"].pop("en"), f"{BASE}.text", "locale(s) en"),
    ("empty text", lambda d: req(d, r=1)["text"].update(zh="  "), f"{BASE}.text.zh", "at least 1"),
    ("no evidence", lambda d: req(d, r=1).update(evidence=[]), f"{BASE}.evidence", "at least 1"),
    ("non-positive sub-domain weight", lambda d: d["elements"][0]["domains"][0]["subdomains"][0].update(weight=0),
     "elements[0].domains[0].subdomains[0].weight", "greater than 0"),
    ("grade points above 1", lambda d: d["method"]["grades"][0].update(points=2), "method.grades[0].points", "1"),
    ("duplicate grade", lambda d: d["method"]["grades"][1].update(id="full"), "method.grades", "grade id full"),
    ("no full grade", lambda d: d["method"]["grades"][0].update(points=0.9), "method.grades", "worth 1 point"),
    ("band not increasing", lambda d: d["method"]["bands"][2].update(min_score=0.5), "method.bands[2].min_score",
     "strictly increase"),
    ("band levels", lambda d: d["method"]["bands"].pop(), "method.bands", "cover levels"),
    ("levels not contiguous", lambda d: d["levels"][4].update(number=7), "levels", "1, 2, 3"),
    ("weight for unknown domain", lambda d: d["weight_templates"][0]["weights"].update(d9=1),
     "weight_templates[0].weights.d9", "unknown domain"),
    ("weight missing for a domain", lambda d: d["weight_templates"][0]["weights"].pop("d3"),
     "weight_templates[0].weights", "no weight for domain d3"),
    ("non-positive weight", lambda d: d["weight_templates"][0]["weights"].update(d1=0),
     "weight_templates[0].weights.d1", "positive"),
    ("template for unknown path", lambda d: d["weight_templates"][1].update(path="batch"),
     "weight_templates[1].path", "unknown path"),
    ("path without template", lambda d: d["weight_templates"].pop(), "weight_templates", "no weight template"),
    ("wording for unknown path", lambda d: req(d, r=1).update(text_by_path={"batch": {"zh": "应", "en": "x"}}),
     f"{BASE}.text_by_path.batch", "unknown path"),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "location", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule_names_the_path_it_concerns(toy_data: Data, mutate: Mutation, location: str, message: str) -> None:
    mutate(toy_data)
    problems = problems_of(toy_data)
    assert any(loc == location and message in text for loc, text in problems), problems


def test_every_problem_is_reported_at_once(toy_data: Data) -> None:
    req(toy_data, r=1).update(id="s2.1.2")
    toy_data["weight_templates"][0]["weights"].update(d1=0)
    toy_data["elements"][1].update(id="a")
    assert len(problems_of(toy_data)) >= 3


def test_problem_messages_exist_in_chinese_and_english(toy_data: Data) -> None:
    toy_data["elements"][1].update(id="a")
    with pytest.raises(ModelInvalid) as caught:
        model_from_data(toy_data, "x.yaml")
    problem = caught.value.problems[0]
    assert "重复" in problem.zh
    assert "appears" in problem.en
    assert "未通过校验" in caught.value.text("zh")
