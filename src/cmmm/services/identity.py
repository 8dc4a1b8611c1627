"""Checks of an enterprise's identity on entry: the unified social credit code (with its check character,
GB 32100), the region (GB/T 2260), the industry (GB/T 4754) and the closed lists of size, kind and path.

Every problem is returned at once, with the field it concerns, so that a registration form can mark them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cmmm.codes.credit_code import credit_code_problems
from cmmm.codes.industries import bundled_industries, industry, is_manufacturing
from cmmm.codes.regions import validate_region_code
from cmmm.errors import CmmmError, Problem

if TYPE_CHECKING:
    from cmmm.services.accounts import EnterpriseDetails

SIZE_CLASSES = ("large", "medium", "small", "micro")
ENTITY_KINDS = ("legal_entity", "branch", "plant", "workshop", "business_unit")
PATHS = ("discrete", "process")


def _code_error(check: Callable[[str, str], object], value: str, location: str) -> list[Problem]:
    try:
        check(value, location)
    except CmmmError as error:
        return list(error.problems) or [Problem(location, error.zh, error.en)]
    return []


def enterprise_problems(details: EnterpriseDetails | None, region_code: str | None) -> list[Problem]:
    problems = [] if region_code is None else _code_error(validate_region_code, region_code, "region_code")
    if details is None:
        return problems
    problems += credit_code_problems(details.credit_code, "credit_code")
    if details.parent_credit_code:
        problems += credit_code_problems(details.parent_credit_code, "parent_credit_code")
        if details.entity_kind == "legal_entity":
            problems.append(
                Problem(
                    "parent_credit_code", "独立法人没有上级法人", "an independent legal entity has no parent entity"
                )
            )
    problems += _code_error(industry_at, details.industry_code, "industry_code")
    for field, value, allowed in (
        ("size_class", details.size_class, SIZE_CLASSES),
        ("entity_kind", details.entity_kind, ENTITY_KINDS),
        ("path", details.path, PATHS),
    ):
        if value not in allowed:
            problems.append(Problem(field, f"应为 {', '.join(allowed)} 之一", f"must be one of {', '.join(allowed)}"))
    return problems


def industry_at(code: str, location: str) -> None:
    """A manufacturing code must name a listed division; any other code must at least fall in a section
    (the table lists only section C's divisions, and a non-manufacturer may register, though not apply)."""
    del location
    digits = code.strip()
    in_a_section = digits.isdigit() and 2 <= len(digits) <= 4
    in_a_section = in_a_section and bundled_industries().section_of_division(int(digits[:2])) is not None
    if is_manufacturing(code) or not in_a_section:
        industry(code)
