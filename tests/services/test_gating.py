"""Gating rules of reference/process.md: each one blocks with a Chinese and an English reason, all failures
are reported at once, each rule can be switched or changed, and advice is a warning, not a refusal."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from cmmm.services.gating import (
    ApplicantFacts,
    GatingRules,
    HeldCertificate,
    application_problems,
    application_warnings,
    lead_problems,
)

TODAY = date(2026, 6, 1)
GOOD = ApplicantFacts(
    industry_code="3911",
    in_operation=True,
    has_it_basis=True,
    self_assessments=1,
    trained_employees=0,
    certificates=(),
    target_level=2,
    today=TODAY,
)
RULES = GatingRules()


def locations(facts: ApplicantFacts, rules: GatingRules = RULES) -> list[str]:
    return [p.location for p in application_problems(rules, facts)]


def test_a_manufacturer_in_operation_may_apply_for_level_2() -> None:
    assert application_problems(RULES, GOOD) == []


@pytest.mark.parametrize(("code", "allowed"), [("13", True), ("43", True), ("C", True), ("12", False), ("44", False)])
def test_only_manufacturing_divisions_13_to_43_may_apply(code: str, allowed: bool) -> None:
    assert (locations(replace(GOOD, industry_code=code)) == []) is allowed


def test_every_failed_rule_is_reported_at_once_in_both_languages() -> None:
    facts = replace(
        GOOD, industry_code="51", in_operation=False, has_it_basis=False, self_assessments=0, target_level=3
    )
    problems = application_problems(RULES, facts)
    assert [p.location for p in problems] == [
        "industry_code", "in_operation", "has_it_basis", "self_assessments", "trained_employees",
    ]  # fmt: skip
    assert all(p.zh and p.en and p.zh != p.en for p in problems)


@pytest.mark.parametrize(
    ("level", "trained", "ok"), [(2, 0, True), (3, 0, False), (3, 1, True), (4, 1, False), (5, 2, True)]
)
def test_training_level_3_needs_one_trained_employee_and_levels_4_5_need_two(
    level: int, trained: int, ok: bool
) -> None:
    held = (HeldCertificate(3, TODAY - timedelta(days=400)),)
    facts = replace(GOOD, target_level=level, trained_employees=trained, certificates=held)
    assert ("trained_employees" not in locations(facts)) is ok


@pytest.mark.parametrize(
    ("held", "ok"), [((), False), ((3, 364), False), ((3, 365), True), ((2, 500), True), ((1, 900), False)]
)
def test_level_4_needs_a_level_2_or_3_certificate_held_for_a_year(held: tuple[int, int], ok: bool) -> None:
    certificates = (HeldCertificate(held[0], TODAY - timedelta(days=held[1])),) if held else ()
    facts = replace(GOOD, target_level=4, trained_employees=2, certificates=certificates)
    assert (locations(facts) == []) is ok


def test_rules_are_configurable() -> None:
    lenient = GatingRules(require_manufacturing=False, trained_employees={}, wait_days=0, require_self_assessment=False)
    facts = replace(
        GOOD, industry_code="51", self_assessments=0, target_level=4, certificates=(HeldCertificate(2, TODAY),)
    )
    assert locations(facts, lenient) == []
    assert locations(replace(GOOD, target_level=2), GatingRules(trained_employees={2: 3})) == ["trained_employees"]


def test_a_first_application_is_advised_to_target_level_2_or_3_as_a_warning() -> None:
    assert [w.location for w in application_warnings(RULES, replace(GOOD, target_level=1))] == ["target_level"]
    assert application_warnings(RULES, replace(GOOD, target_level=3)) == []
    again = replace(GOOD, target_level=1, certificates=(HeldCertificate(2, TODAY),))
    assert application_warnings(RULES, again) == []


def test_a_high_maturity_assessment_needs_a_qualified_lead() -> None:
    assert [p.location for p in lead_problems(RULES, 4, lead_high_maturity=False)] == ["lead_assessor"]
    assert lead_problems(RULES, 4, lead_high_maturity=True) == []
    assert lead_problems(RULES, 3, lead_high_maturity=False) == []
    assert lead_problems(GatingRules(require_high_maturity_lead=False), 5, lead_high_maturity=False) == []
