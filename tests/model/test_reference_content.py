"""The bundled reference requirement set against reference/model.md: its structure, counts and wording rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from cmmm.model.schema import Model, Requirement

STRUCTURE = {
    ("personnel", "人员"): {("strategy", "组织战略"): ["strategy"], ("skills", "人员技能"): ["skills"]},
    ("technology", "技术"): {
        ("data", "数据"): ["data"],
        ("integration", "集成"): ["integration"],
        ("security", "信息安全"): ["security"],
    },
    ("resources", "资源"): {("equipment", "装备"): ["equipment"], ("network", "网络"): ["network"]},
    ("manufacturing", "制造"): {
        ("design", "设计"): ["product_design", "process_design"],
        ("production", "生产"): [
            "procurement",
            "planning",
            "operations",
            "maintenance",
            "warehousing",
            "ehs",
            "energy",
        ],
        ("logistics", "物流"): ["logistics"],
        ("sales", "销售"): ["sales"],
        ("service", "服务"): ["customer_service", "product_service"],
    },
}
"""reference/model.md, "Elements, domains, sub-domains (4 / 12 / 20) and their stable ids"."""

LEVELS_ASKED = {
    "strategy":         "x x x x x",
    "skills":           "x x x x x",
    "data":             "- x x x x",
    "integration":      "- x x x x",
    "security":         "- x x x -",
    "equipment":        "x x x x x",
    "network":          "x x x x -",
    "product_design":   "x x x x x",
    "process_design":   "x x x x x",
    "procurement":      "x x x x x",
    "planning":         "x x x x x",
    "operations":       "x x x x x",
    "maintenance":      "x x x x x",
    "warehousing":      "x x x x x",
    "ehs":              "x x x x -",
    "energy":           "x x x x -",
    "logistics":        "x x x x x",
    "sales":            "x x x x x",
    "customer_service": "x x x x -",
    "product_service":  "- - x x x",
}  # fmt: skip
"""reference/model.md, "What each level asks of each sub-domain": x where it has an entry for L1..L5, - where "-"."""


def requirements(model: Model) -> list[Requirement]:
    return list(model.index.requirements.values())


def localized_texts(model: Model) -> Iterator[tuple[str, dict[str, str]]]:
    """Every text of the model a user reads, with a name for the failure message."""
    yield "title", model.title
    yield "provenance", model.provenance.statement
    yield from ((f"level {lv.number}", text) for lv in model.levels for text in (lv.name, lv.description))
    yield from ((f"grade {g.id}", g.label) for g in model.method.grades)
    yield from ((f"band {b.level}", b.name) for b in model.method.bands)
    yield from ((f"template {t.path}", t.rationale) for t in model.weight_templates)
    for element in model.elements:
        yield element.id, element.name
        for domain in element.domains:
            yield domain.id, domain.name
            yield from ((sub.id, sub.name) for sub in domain.subdomains)
    for req in requirements(model):
        yield from ((req.id, text) for text in (req.text, req.question, *req.evidence))
        yield from ((f"{req.id} {path}", text) for path, text in req.text_by_path.items())
        if req.guidance is not None:
            yield f"{req.id} guidance", req.guidance


def test_elements_domains_and_subdomains_follow_model_md(reference_model: Model) -> None:
    tree = {
        (e.id, e.name["zh"]): {(d.id, d.name["zh"]): [s.id for s in d.subdomains] for d in e.domains}
        for e in reference_model.elements
    }
    assert tree == STRUCTURE
    assert len(reference_model.index.subdomains) == 20
    assert len(reference_model.index.domains) == 12


@pytest.mark.parametrize("subdomain", sorted(LEVELS_ASKED))
def test_requirements_per_level_follow_the_table_of_model_md(reference_model: Model, subdomain: str) -> None:
    counts = Counter(r.level for r in reference_model.index.subdomains[subdomain].requirements)
    for level, asked in enumerate(LEVELS_ASKED[subdomain].split(), start=1):
        if asked == "x":
            assert 2 <= counts[level] <= 6, (subdomain, level, counts[level])
        else:
            assert counts[level] == 0, (subdomain, level, counts[level])


def test_about_three_hundred_requirements_in_all(reference_model: Model) -> None:
    assert 280 <= len(requirements(reference_model)) <= 320


def test_every_text_is_present_and_non_empty_in_both_languages(reference_model: Model) -> None:
    assert reference_model.locales == ("zh", "en")
    missing = [name for name, text in localized_texts(reference_model) if not all(text.get(c) for c in ("zh", "en"))]
    assert missing == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_two_clause_texts_are_equal(reference_model: Model, lang: str) -> None:
    texts = [r.text[lang] for r in requirements(reference_model)]
    texts.extend(t[lang] for r in requirements(reference_model) for t in r.text_by_path.values())
    assert [text for text, n in Counter(texts).items() if n > 1] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_two_questions_are_equal(reference_model: Model, lang: str) -> None:
    questions = Counter(r.question[lang] for r in requirements(reference_model))
    assert [text for text, n in questions.items() if n > 1] == []


def test_each_requirement_has_one_to_four_evidence_items(reference_model: Model) -> None:
    assert [r.id for r in requirements(reference_model) if not 1 <= len(r.evidence) <= 4] == []


def test_chinese_clause_texts_start_with_ying(reference_model: Model) -> None:
    texts = [(r.id, r.text["zh"]) for r in requirements(reference_model)]
    texts.extend((f"{r.id} {p}", t["zh"]) for r in requirements(reference_model) for p, t in r.text_by_path.items())
    assert [name for name, text in texts if not text.startswith("应")] == []


def test_requirement_ids_are_contiguous_per_subdomain_and_level(reference_model: Model) -> None:
    for sub in reference_model.index.subdomains.values():
        levels = [r.level for r in sub.requirements]
        assert levels == sorted(levels), sub.id
        expected = [f"{sub.id}.{lv}.{n}" for lv in sorted(set(levels)) for n in range(1, levels.count(lv) + 1)]
        assert [r.id for r in sub.requirements] == expected


def test_provenance_says_it_is_a_reference_set_and_not_the_official_text(reference_model: Model) -> None:
    provenance = reference_model.provenance
    assert provenance.kind == "reference"
    assert "并非" in provenance.statement["zh"] and "官方" in provenance.statement["zh"]
    assert "not the official" in provenance.statement["en"]
    assert set(provenance.based_on) == {"GB/T 39116-2020", "GB/T 39117-2020"}


def test_both_weight_templates_cover_all_twelve_domains_with_a_rationale(reference_model: Model) -> None:
    domains = set(reference_model.index.domains)
    assert {t.path for t in reference_model.weight_templates} == {"discrete", "process"}
    for template in reference_model.weight_templates:
        assert set(template.weights) == domains
        assert all(weight > 0 for weight in template.weights.values())
        assert len(template.rationale["zh"]) >= 20 and len(template.rationale["en"]) >= 40
        assert "default" in template.rationale["en"].lower()  # model.md: our own defaults, documented as such
