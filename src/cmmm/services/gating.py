"""The gating rules of reference/process.md, each configurable, each failure explained in Chinese and English.

Checks take plain facts (an :class:`ApplicantFacts`) and return every failed rule at once, so that an
enterprise learns all it must fix from one refusal; advice (the first-application level) is a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from cmmm.codes.industries import is_manufacturing as _is_manufacturing
from cmmm.errors import Problem


@dataclass(frozen=True)
class GatingRules:
    require_manufacturing: bool = True
    require_in_operation: bool = True
    require_it_basis: bool = True
    require_self_assessment: bool = True
    trained_employees: Mapping[int, int] = field(default_factory=lambda: {3: 1, 4: 2, 5: 2})
    """Target level -> the least number of employees who passed the CMMM training exam."""
    high_maturity_from: int = 4
    """From this target level on, the lead assessor must be qualified for high maturity..."""
    require_high_maturity_lead: bool = True
    lower_certificate_levels: tuple[int, ...] = (2, 3)
    """...and the enterprise must have held a certificate of one of these levels for ``wait_days``."""
    wait_days: int = 365
    advised_first_levels: tuple[int, ...] = (2, 3)
    certificate_validity_years: int = 3
    is_manufacturing: Callable[[str], bool] = _is_manufacturing


@dataclass(frozen=True)
class HeldCertificate:
    level: int
    issued_on: date


@dataclass(frozen=True)
class ApplicantFacts:
    industry_code: str
    in_operation: bool
    has_it_basis: bool
    self_assessments: int
    trained_employees: int
    certificates: tuple[HeldCertificate, ...]
    """Certificates held now (valid), used for the one-year rule and to tell a first application."""
    target_level: int
    today: date


def application_problems(rules: GatingRules, facts: ApplicantFacts) -> list[Problem]:
    """Every gating rule the application breaks (empty when it may go ahead)."""
    problems: list[Problem] = []
    if rules.require_manufacturing and not rules.is_manufacturing(facts.industry_code):
        problems.append(
            Problem(
                "industry_code",
                f"行业代码 {facts.industry_code} 不属于制造业（GB/T 4754 门类 C，13-43 大类）",
                f"industry code {facts.industry_code} is not manufacturing (GB/T 4754 section C, divisions 13-43)",
            )
        )
    if rules.require_in_operation and not facts.in_operation:
        problems.append(Problem("in_operation", "企业未处于正常经营状态", "the enterprise is not in normal operation"))
    if rules.require_it_basis and not facts.has_it_basis:
        problems.append(Problem("has_it_basis", "企业不具备信息化基础", "the enterprise has no IT basis"))
    if rules.require_self_assessment and facts.self_assessments == 0:
        problems.append(
            Problem("self_assessments", "申请前须先在平台完成自评估", "a self-assessment on the platform comes first")
        )
    problems.extend(_training_problems(rules, facts))
    problems.extend(_high_maturity_problems(rules, facts))
    return problems


def _training_problems(rules: GatingRules, facts: ApplicantFacts) -> list[Problem]:
    needed = max((n for level, n in rules.trained_employees.items() if level <= facts.target_level), default=0)
    if facts.trained_employees >= needed:
        return []
    return [
        Problem(
            "trained_employees",
            f"申请 {facts.target_level} 级须至少 {needed} 名员工通过 CMMM 培训考试，现有 {facts.trained_employees} 名",
            f"level {facts.target_level} needs at least {needed} employee(s) who passed the CMMM training exam; "
            f"{facts.trained_employees} did",
        )
    ]


def _high_maturity_problems(rules: GatingRules, facts: ApplicantFacts) -> list[Problem]:
    if facts.target_level < rules.high_maturity_from:
        return []
    lower = [c for c in facts.certificates if c.level in rules.lower_certificate_levels]
    if any((facts.today - c.issued_on).days >= rules.wait_days for c in lower):
        return []
    levels = "/".join(str(level) for level in rules.lower_certificate_levels)
    if lower:
        earliest = min(c.issued_on for c in lower)
        zh = f"取得 {levels} 级证书（{earliest}）未满 {rules.wait_days} 天，尚不能申请 {facts.target_level} 级"
        en = (
            f"the level {levels} certificate ({earliest}) is less than {rules.wait_days} days old; "
            f"level {facts.target_level} cannot be applied for yet"
        )
    else:
        zh = f"申请 {facts.target_level} 级须先取得 {levels} 级证书满 {rules.wait_days} 天"
        en = f"level {facts.target_level} needs a level {levels} certificate held for {rules.wait_days} days"
    return [Problem("certificates", zh, en)]


def application_warnings(rules: GatingRules, facts: ApplicantFacts) -> list[Problem]:
    if facts.certificates or facts.target_level in rules.advised_first_levels:
        return []
    levels = "/".join(str(level) for level in rules.advised_first_levels)
    return [
        Problem(
            "target_level",
            f"建议首次申请以 {levels} 级为目标",
            f"a first application is advised to target level {levels}",
        )
    ]


def lead_problems(rules: GatingRules, target_level: int, lead_high_maturity: bool) -> list[Problem]:
    if not rules.require_high_maturity_lead or target_level < rules.high_maturity_from or lead_high_maturity:
        return []
    return [
        Problem(
            "lead_assessor",
            f"{target_level} 级评估须由具备高成熟度资质的主任评估师牵头",
            f"a level {target_level} assessment must be led by a lead assessor qualified for high maturity",
        )
    ]
