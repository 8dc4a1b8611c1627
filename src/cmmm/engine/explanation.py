"""Why a result is what it is (R12), and the gap to a target level.

The impact of a requirement is how much its level score S_n would rise if it were raised to the top grade:
(1 - points) x (its sub-domain's share of the domain) x (its domain's share of the level) / (number of rated
requirements in its sub-domain at that level). Because S_n is linear in the points of level-n ratings, impacts
add up exactly, which the shortest path relies on.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from cmmm.engine.result import LevelResult, Result
from cmmm.errors import TargetLevelInvalid
from cmmm.model.schema import Model


@dataclass(frozen=True)
class Blocker:
    """A requirement holding its level back, with the rise of S_n if it were raised to the top grade."""

    requirement_id: str
    subdomain_id: str
    domain_id: str
    level: int
    grade: str
    points: Fraction
    impact: Fraction


@dataclass(frozen=True)
class LevelExplanation:
    level: int
    score: Fraction | None
    satisfied: bool
    counted: bool
    shortfall: Fraction
    """How far S_n is below the threshold (0 when satisfied)."""


@dataclass(frozen=True)
class Explanation:
    levels: tuple[LevelExplanation, ...]
    first_unsatisfied_level: int | None
    blockers: tuple[Blocker, ...]
    quirk: bool


def top_points(model: Model) -> Fraction:
    return max(Fraction(g.points) for g in model.method.grades if g.points is not None)


def level_blockers(model: Model, result: Result, level: int) -> tuple[Blocker, ...]:
    """Every rated, applicable requirement of ``level`` below the top grade, largest impact first (R12)."""
    lv = result.level_result(level)
    index = model.index
    top = top_points(model)
    blockers = []
    for requirement_id, grade_id in result.ratings.items():
        requirement = index.requirements[requirement_id]
        grade = model.grade(grade_id)
        if requirement.level != level or grade is None or grade.points is None or grade.points >= top:
            continue
        sub_id = index.subdomain_of_requirement[requirement_id]
        domain_id = index.domain_of_subdomain[sub_id]
        points = Fraction(grade.points)
        share = _subdomain_share(model, lv, sub_id) * _domain_share(result, lv, domain_id)
        impact = (top - points) * share / lv.rated_counts[sub_id]
        blockers.append(Blocker(requirement_id, sub_id, domain_id, level, grade_id, points, impact))
    return tuple(sorted(blockers, key=lambda b: (-b.impact, b.requirement_id)))


def _subdomain_share(model: Model, lv: LevelResult, sub_id: str) -> Fraction:
    domain = model.index.domains[model.index.domain_of_subdomain[sub_id]]
    present = [s for s in domain.subdomains if lv.subdomain_scores.get(s.id) is not None]
    total = sum((Fraction(s.weight) for s in present), Fraction(0))
    return Fraction(model.index.subdomains[sub_id].weight) / total


def _domain_share(result: Result, lv: LevelResult, domain_id: str) -> Fraction:
    total = sum((result.weights[d] for d, s in lv.domain_scores.items() if s is not None), Fraction(0))
    return result.weights[domain_id] / total


def explain(model: Model, result: Result) -> Explanation:
    """R12: each level's S_n and whether it is satisfied; blockers of the first unsatisfied level; R13."""
    threshold = Fraction(model.method.threshold)
    levels = tuple(
        LevelExplanation(
            lv.level,
            lv.score,
            lv.satisfied,
            lv.counted,
            max(Fraction(0), threshold - (lv.score or Fraction(0))),
        )
        for lv in result.levels
    )
    first = result.first_unsatisfied_level
    blockers = level_blockers(model, result, first) if first is not None else ()
    return Explanation(levels, first, blockers, result.quirk)


@dataclass(frozen=True)
class Gap:
    """What keeps ``target_level`` from being reached: per unsatisfied level, its blockers by sub-domain."""

    target_level: int
    reached: bool
    score_needed: Fraction
    """How far the total score is below the target level's band minimum (0 when reached)."""
    levels: tuple[LevelExplanation, ...]
    by_subdomain: dict[str, tuple[Blocker, ...]]


def check_target_level(result: Result, target_level: int) -> None:
    """Gaps and paths can only be computed for levels that were rated (1..the assessment's target)."""
    if not 1 <= target_level <= result.target_level:
        raise TargetLevelInvalid(
            f"目标等级 {target_level} 超出已评估的等级范围 1..{result.target_level}",
            f"target level {target_level} is outside the assessed levels 1..{result.target_level}",
        )


def gap_to(model: Model, result: Result, target_level: int) -> Gap:
    """Every requirement whose rating keeps a level 1..target from being satisfied, grouped by sub-domain."""
    check_target_level(result, target_level)
    explanation = explain(model, result)
    band_min = next(Fraction(b.min_score) for b in model.method.bands if b.level == target_level)
    unsatisfied = [lv for lv in explanation.levels[:target_level] if not lv.satisfied]
    by_subdomain: dict[str, list[Blocker]] = {}
    for lv in unsatisfied:
        for blocker in level_blockers(model, result, lv.level):
            by_subdomain.setdefault(blocker.subdomain_id, []).append(blocker)
    ordered = {sub: tuple(items) for sub, items in sorted(by_subdomain.items())}
    return Gap(
        target_level=target_level,
        reached=result.maturity_level >= target_level,
        score_needed=max(Fraction(0), band_min - result.total_score),
        levels=tuple(unsatisfied),
        by_subdomain=ordered,
    )
