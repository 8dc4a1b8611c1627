"""Re-assessment (后评价): a later assessment compared with the earlier one named as its baseline, to check
what an improvement plan achieved: levels, exact scores, and each requirement whose grade moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from cmmm.errors import Problem
from cmmm.services.actors import Actor
from cmmm.services.errors import InputInvalid
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, assessment_resource, load
from cmmm.services.publication import published_result
from cmmm.store.assessments import Assessment

GRADE_ORDER = {"none": 0, "partly": 1, "largely": 2, "full": 3}


@dataclass(frozen=True)
class GradeChange:
    requirement_id: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class BaselineComparison:
    baseline_id: int
    baseline_level: int
    baseline_score: Fraction
    level: int
    score: Fraction
    improved: tuple[GradeChange, ...]
    worsened: tuple[GradeChange, ...]
    other: tuple[GradeChange, ...]
    """Changes that are neither better nor worse: to or from not applicable, or newly in or out of scope."""


def compare_with_baseline(platform: Platform, actor: Actor, assessment_id: int) -> BaselineComparison:
    with platform.db() as session:
        assessment = load(session, Assessment, assessment_id)
        require(actor, Action.assessment_view, assessment_resource(session, assessment))
        if assessment.baseline_id is None:
            raise InputInvalid(
                "该评估没有基线", "the assessment has no baseline", [Problem("baseline_id", "为空", "empty")]
            )
        old = published_result(session, assessment.baseline_id)
        new = published_result(session, assessment_id)
    improved: list[GradeChange] = []
    worsened: list[GradeChange] = []
    other: list[GradeChange] = []
    for requirement_id in sorted(old.ratings.keys() | new.ratings.keys()):
        before, after = old.ratings.get(requirement_id), new.ratings.get(requirement_id)
        if before == after:
            continue
        change = GradeChange(requirement_id, before, after)
        if before in GRADE_ORDER and after in GRADE_ORDER:
            (improved if GRADE_ORDER[after] > GRADE_ORDER[before] else worsened).append(change)
        else:
            other.append(change)
    return BaselineComparison(
        baseline_id=assessment.baseline_id,
        baseline_level=old.level,
        baseline_score=Fraction(old.total_score_exact),
        level=new.level,
        score=Fraction(new.total_score_exact),
        improved=tuple(improved),
        worsened=tuple(worsened),
        other=tuple(other),
    )
