"""Loading and validating policy files: the bundled file loads; each invalid construct is named by its path."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from cmmm.errors import CmmmError
from cmmm.model.policy_loader import (
    PolicyInvalid,
    bundled_policies,
    bundled_policy_files,
    load_policies_file,
    load_policies_text,
    policies_from_data,
)

Data = dict[str, Any]
REFERENCE_REGIONS = {
    "520000", "340000", "360700", "360600", "320214", "320400", "330000", "410000", "130000", "610000",
    "510000", "210000", "370000", "321000", "000000", "120000",
}  # fmt: skip


@pytest.fixture
def data() -> Data:
    loaded: Data = yaml.safe_load(bundled_policy_files()[-1].read_text(encoding="utf-8"))
    return loaded


def policy_index(data: Data, policy_id: str) -> int:
    return next(i for i, p in enumerate(data["policies"]) if p["id"] == policy_id)


def problems_of(data: Data) -> list[tuple[str, str]]:
    with pytest.raises(PolicyInvalid) as caught:
        policies_from_data(data, "fixture.yaml")
    return [(p.location, p.en) for p in caught.value.problems]


def locations_of(data: Data) -> list[str]:
    return [location for location, _ in problems_of(data)]


@pytest.mark.parametrize("path", bundled_policy_files(), ids=lambda p: p.name)
def test_every_bundled_policy_file_loads(path: Path) -> None:
    policy_set = load_policies_file(path)
    assert len({p.id for p in policy_set.policies}) == len(policy_set.policies)


def test_the_bundled_file_encodes_the_17_policies_of_the_reference_table() -> None:
    policy_set = bundled_policies()
    assert len(policy_set.policies) == 17
    assert {p.region for p in policy_set.policies} == REFERENCE_REGIONS
    kinds = {p.kind for p in policy_set.policies}
    assert kinds == {"award", "recognition", "eligibility", "target", "provider_scoring", "programme"}


def test_a_dumped_policy_file_loads_back_unchanged() -> None:
    """The web editor saves what it loaded: every default written out must still validate, to the same value."""
    policy_set = bundled_policies()
    assert policies_from_data(policy_set.model_dump(mode="json"), "dumped") == policy_set


def test_vague_sources_keep_a_note() -> None:
    shaanxi = bundled_policies().policy("shaanxi_high_quality_implementation")
    assert shaanxi is not None
    award = shaanxi.benefits[0]
    assert award.amount_yuan is None and not award.per_level
    assert award.note is not None and "not stated" in award.note["en"]


def test_a_policy_file_is_a_package_resource() -> None:
    assert bundled_policy_files()[-1].name == "policies-2022.yaml"


def _benefit(data: Data, policy_id: str, index: int = 0) -> Data:
    benefit: Data = data["policies"][policy_index(data, policy_id)]["benefits"][index]
    return benefit


def _where(data: Data, policy_id: str) -> str:
    return f"policies[{policy_index(data, policy_id)}]"


BROKEN: dict[str, tuple[Callable[[Data], None], Callable[[Data], str]]] = {
    "unknown key": (
        lambda d: _benefit(d, "wuxi_hightech_zone_digital").update(bonus=1),
        lambda d: f"{_where(d, 'wuxi_hightech_zone_digital')}.benefits[0].bonus",
    ),
    "amount not an integer": (
        lambda d: _benefit(d, "wuxi_hightech_zone_digital")["per_level"][0].update(amount_yuan=2.5),
        lambda d: f"{_where(d, 'wuxi_hightech_zone_digital')}.benefits[0].per_level[0].amount_yuan",
    ),
    "negative amount": (
        lambda d: _benefit(d, "wuxi_hightech_zone_digital")["per_level"][0].update(amount_yuan=-1),
        lambda d: f"{_where(d, 'wuxi_hightech_zone_digital')}.benefits[0].per_level[0].amount_yuan",
    ),
    "level out of range": (
        lambda d: _benefit(d, "wuxi_hightech_zone_digital")["per_level"][0].update(level=6),
        lambda d: f"{_where(d, 'wuxi_hightech_zone_digital')}.benefits[0].per_level[0].level",
    ),
    "per-level table and a flat amount": (
        lambda d: _benefit(d, "wuxi_hightech_zone_digital").update(amount_yuan=5),
        lambda d: f"{_where(d, 'wuxi_hightech_zone_digital')}.benefits[0].per_level",
    ),
    "range upside down": (
        lambda d: _benefit(d, "yingtan_sixteen_measures")["per_level"][0].update(min_yuan=2000000),
        lambda d: f"{_where(d, 'yingtan_sixteen_measures')}.benefits[0].per_level[0].min_yuan",
    ),
    "row without an amount": (
        lambda d: _benefit(d, "yangzhou_etdz_award")["per_level"][1].pop("max_yuan"),
        lambda d: f"{_where(d, 'yangzhou_etdz_award')}.benefits[0].per_level[1].max_yuan",
    ),
    "rows out of order": (
        lambda d: _benefit(d, "wuxi_hightech_zone_digital")["per_level"].reverse(),
        lambda d: f"{_where(d, 'wuxi_hightech_zone_digital')}.benefits[0].per_level",
    ),
    "unknown region": (
        lambda d: d["policies"][policy_index(d, "tianjin_special_fund_2024")].update(region="999999"),
        lambda d: f"{_where(d, 'tianjin_special_fund_2024')}.region",
    ),
    "malformed region": (
        lambda d: d["policies"][policy_index(d, "tianjin_special_fund_2024")].update(region="12"),
        lambda d: f"{_where(d, 'tianjin_special_fund_2024')}.region",
    ),
    "undeclared list": (
        lambda d: d["policies"][policy_index(d, "anhui_first_pass_award")]["conditions"].update(member_of=["nope"]),
        lambda d: f"{_where(d, 'anhui_first_pass_award')}.conditions.member_of[0]",
    ),
    "levels upside down": (
        lambda d: d["policies"][policy_index(d, "tianjin_special_fund_2024")]["conditions"].update(max_level=1),
        lambda d: f"{_where(d, 'tianjin_special_fund_2024')}.conditions.max_level",
    ),
    "levels with min_level": (
        lambda d: d["policies"][policy_index(d, "tianjin_special_fund_2024")]["conditions"].update(levels=[2]),
        lambda d: f"{_where(d, 'tianjin_special_fund_2024')}.conditions.levels",
    ),
    "unknown result kind": (
        lambda d: d["policies"][policy_index(d, "tianjin_special_fund_2024")]["conditions"].update(min_result="x"),
        lambda d: f"{_where(d, 'tianjin_special_fund_2024')}.conditions.min_result",
    ),
    "target policy without targets": (
        lambda d: d["policies"][policy_index(d, "shaanxi_manufacturing_plan_targets")].pop("targets"),
        lambda d: f"{_where(d, 'shaanxi_manufacturing_plan_targets')}.targets",
    ),
    "targets on an award policy": (
        lambda d: d["policies"][policy_index(d, "wuxi_hightech_zone_digital")].update(
            targets=[{"min_level": 3, "count": 5, "by_year": 2025}]
        ),
        lambda d: f"{_where(d, 'wuxi_hightech_zone_digital')}.targets",
    ),
    "share without a cap": (
        lambda d: _benefit(d, "guizhou_digital_transformation", 1).pop("cap_yuan"),
        lambda d: f"{_where(d, 'guizhou_digital_transformation')}.benefits[1].cap_yuan",
    ),
    "percentage over 100": (
        lambda d: _benefit(d, "guizhou_digital_transformation", 1).update(percent=130),
        lambda d: f"{_where(d, 'guizhou_digital_transformation')}.benefits[1].percent",
    ),
    "amount on a recognition": (
        lambda d: _benefit(d, "ganzhou_benchmark_enterprises").update(amount_yuan=1),
        lambda d: f"{_where(d, 'ganzhou_benchmark_enterprises')}.benefits[0].amount_yuan",
    ),
    "award without amount or note": (
        lambda d: _benefit(d, "shaanxi_high_quality_implementation").pop("note"),
        lambda d: f"{_where(d, 'shaanxi_high_quality_implementation')}.benefits[0].note",
    ),
    "text without English": (
        lambda d: d["policies"][policy_index(d, "tianjin_special_fund_2024")]["title"].pop("en"),
        lambda d: f"{_where(d, 'tianjin_special_fund_2024')}.title",
    ),
    "validity upside down": (
        lambda d: d["policies"][policy_index(d, "tianjin_special_fund_2024")].update(
            valid_from="2024-06-01", valid_to="2024-01-01"
        ),
        lambda d: f"{_where(d, 'tianjin_special_fund_2024')}.valid_to",
    ),
    "provider rule without points": (
        lambda d: d["policies"][policy_index(d, "changzhou_diagnosis_tender")]["provider_rules"][0].pop(
            "points_per_certificate"
        ),
        lambda d: f"{_where(d, 'changzhou_diagnosis_tender')}.provider_rules[0].points_per_certificate",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_each_invalid_construct_is_reported_with_its_path(data: Data, name: str) -> None:
    breaks, where = BROKEN[name]
    broken = copy.deepcopy(data)
    breaks(broken)
    assert where(broken) in locations_of(broken)


def test_duplicate_ids_are_reported() -> None:
    text = bundled_policy_files()[-1].read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["policies"][1]["id"] = data["policies"][0]["id"]
    assert ("policies[1].id", f"id {data['policies'][0]['id']} repeats policies[0]") in problems_of(data)


def test_every_problem_is_reported_at_once(data: Data) -> None:
    semantic = ["unknown region", "undeclared list", "range upside down", "text without English"]
    for name in semantic:
        BROKEN[name][0](data)
    locations = locations_of(data)
    assert all(BROKEN[name][1](data) in locations for name in semantic)


def test_yaml_errors_name_the_line_and_duplicate_keys_are_refused() -> None:
    with pytest.raises(PolicyInvalid) as caught:
        load_policies_text("schema_version: 1\npolicies: [\n", "bad.yaml")
    assert caught.value.problems[0].location.startswith("bad.yaml:")
    with pytest.raises(PolicyInvalid) as twice:
        load_policies_text("id: a\nid: b\n", "twice.yaml")
    assert "duplicate key" in twice.value.problems[0].en


def test_a_missing_file_and_a_non_mapping_are_policy_errors(tmp_path: Path) -> None:
    with pytest.raises(PolicyInvalid):
        load_policies_file(tmp_path / "absent.yaml")
    with pytest.raises(PolicyInvalid) as caught:
        load_policies_text("- 1\n- 2\n")
    assert isinstance(caught.value, CmmmError)
    assert "top level" in caught.value.problems[0].en
