"""Maturity scores of one element, domain or sub-domain on the 0-5 scale of the total score.

A unit's maturity score applies R9 to the unit alone: the sum of its level scores over levels 1..m, where
m is its first level whose score is below the threshold (that level still counts, as in R9). A level where
the unit has no score (no requirement there, all not applicable, or tailored out) is passed over: it
neither adds to the sum nor stops it. The radar chart and the comparison report show these scores
(docs/reports.md), and the dashboards average them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction

from cmmm.engine.result import LevelResult, Result

ScoreOf = Callable[[LevelResult], Fraction | None]


def maturity_profile(result: Result, threshold: Fraction, score_of: ScoreOf) -> Fraction | None:
    """The unit's maturity score, or None when it has no score at any assessed level."""
    total: Fraction | None = None
    for level in result.levels:
        value = score_of(level)
        if value is None:
            continue
        total = (total or Fraction(0)) + value
        if value < threshold:
            break
    return total


def subdomain_profile(result: Result, threshold: Fraction, subdomain_id: str) -> Fraction | None:
    return maturity_profile(result, threshold, lambda lv: lv.subdomain_scores.get(subdomain_id))


def domain_profile(result: Result, threshold: Fraction, domain_id: str) -> Fraction | None:
    return maturity_profile(result, threshold, lambda lv: lv.domain_scores.get(domain_id))


def element_profile(result: Result, threshold: Fraction, element_id: str) -> Fraction | None:
    return maturity_profile(result, threshold, lambda lv: lv.element_scores.get(element_id))


def subdomain_profiles(result: Result, threshold: Fraction, subdomain_ids: Iterable[str]) -> dict[str, Fraction | None]:
    """Every sub-domain's maturity score at once (None where it has no score at any assessed level)."""
    ratios = subdomain_profile_ratios(result, threshold, subdomain_ids)
    return {sub: None if ratio is None else Fraction(*ratio) for sub, ratio in ratios.items()}


def subdomain_profile_ratios(
    result: Result, threshold: Fraction, subdomain_ids: Iterable[str]
) -> dict[str, tuple[int, int] | None]:
    """:func:`subdomain_profiles` as exact (numerator, denominator) pairs, in integer arithmetic.

    Every sub-domain mean is the cell's scaled units over one common denominator (see
    :class:`cmmm.engine.result.CellSums`), so the sums and the threshold tests need no Fractions: the
    dashboards fold hundreds of thousands of self-assessments through this.
    """
    if not result.levels:
        return dict.fromkeys(subdomain_ids)
    first = result.levels[0]
    plan, sums = first.plan, first.sums
    denominator = plan.common_count * plan.unit
    bound = threshold.numerator * denominator
    profiles: dict[str, tuple[int, int] | None] = {}
    for sub in subdomain_ids:
        total: int | None = None
        for cell in plan.cells_of_subdomain.get(sub, ()):
            if cell.level > result.target_level or not sums.totals[cell.index]:
                continue  # not assessed, or nothing applicable there: passed over
            scaled = sums.scaled[cell.index]
            total = (total or 0) + scaled
            if scaled * threshold.denominator < bound:
                break
        profiles[sub] = None if total is None else (total, denominator)
    return profiles
