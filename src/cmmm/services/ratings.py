"""Step 3, formal assessment (正式评估): each assessor's ratings and the lead's final ones.

A save names the version the assessor last read; if someone saved in between, :class:`RatingConflict` says
so instead of overwriting (optimistic locking, checked again by the database's version column on update).
Ratings change only while the assessment is open; publication locks them.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from cmmm.errors import Problem
from cmmm.model.schema import Model
from cmmm.services.actors import Actor
from cmmm.services.errors import InputInvalid, RatingConflict
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, assessment_resource, audit, load
from cmmm.services.workflow import RATING_OPEN, require_state
from cmmm.store.assessments import Assessment, FinalRating, PreAssessment, Rating


def in_scope_problems(model: Model, session: Session, assessment: Assessment, requirement_id: str) -> list[Problem]:
    """A requirement must exist, be at or below the target level and lie in a domain not cut out."""
    requirement = model.index.requirements.get(requirement_id)
    if requirement is None:
        return [Problem("requirement_id", f"未知的要求 {requirement_id}", f"unknown requirement {requirement_id}")]
    pre = session.get(PreAssessment, assessment.id)
    excluded = pre.excluded_domains if pre is not None else {}
    if requirement.level > assessment.target_level or model.index.domain_of_requirement(requirement_id) in excluded:
        return [Problem("requirement_id", f"要求 {requirement_id} 不在评估范围内", f"{requirement_id} is out of scope")]
    return []


def _grade_problems(model: Model, grade: str, note: str = "") -> list[Problem]:
    """A known grade; not applicable (a grade without points) needs a justification in the note (R1)."""
    found = model.grade(grade)
    if found is None:
        ids = ", ".join(g.id for g in model.method.grades)
        return [Problem("grade", f"未知的满足程度 {grade}（可选：{ids}）", f"unknown grade {grade} (one of: {ids})")]
    if found.points is None and not note.strip():
        return [Problem("note", "评为不适用须说明理由", "not applicable needs a justification in the note")]
    return []


def _conflict(requirement_id: str, expected: int | None, current: int | None) -> RatingConflict:
    return RatingConflict(
        f"评分 {requirement_id} 已被他人修改（您读取的版本 {expected}，当前版本 {current}），请刷新后重试",
        f"rating {requirement_id} was changed by someone else (you read version {expected}, now {current}); "
        "reload and try again",
        [Problem(requirement_id, f"当前版本 {current}", f"current version {current}")],
    )


def save_rating(
    platform: Platform,
    actor: Actor,
    assessment_id: int,
    requirement_id: str,
    grade: str,
    expected_version: int | None,
    note: str = "",
) -> int:
    """Save the actor's own rating; ``expected_version`` is None for a first save. Returns the new version."""
    try:
        with platform.db.begin() as session:
            return _save_rating(platform, session, actor, assessment_id, requirement_id, grade, expected_version, note)
    except (StaleDataError, IntegrityError):
        raise _conflict(requirement_id, expected_version, None) from None


def _save_rating(
    platform: Platform,
    session: Session,
    actor: Actor,
    assessment_id: int,
    requirement_id: str,
    grade: str,
    expected_version: int | None,
    note: str,
) -> int:
    assessment = load(session, Assessment, assessment_id)
    require(actor, Action.rating_save, assessment_resource(session, assessment))
    require_state(assessment, RATING_OPEN, ("修改评分", "change ratings"))
    model = platform.models(f"{assessment.model_id}@{assessment.model_version}")
    problems = in_scope_problems(model, session, assessment, requirement_id) + _grade_problems(model, grade, note)
    if problems:
        raise InputInvalid("评分有误", "the rating is invalid", problems)
    rating = session.scalar(
        select(Rating).where(
            Rating.assessment_id == assessment_id,
            Rating.requirement_id == requirement_id,
            Rating.assessor_id == actor.user_id,
        )
    )
    current = None if rating is None else rating.version
    if current != expected_version:
        raise _conflict(requirement_id, expected_version, current)
    before = None if rating is None else {"grade": rating.grade, "version": rating.version}
    if rating is None:
        rating = Rating(assessment_id=assessment_id, requirement_id=requirement_id, assessor_id=actor.user_id)
        session.add(rating)
    rating.grade = grade
    rating.note = note
    rating.updated_at = platform.clock()
    session.flush()
    audit(session, actor, "rating", rating.id, "save", before, {"grade": grade, "version": rating.version})
    return rating.version


def finalize_rating(
    platform: Platform,
    actor: Actor,
    assessment_id: int,
    requirement_id: str,
    grade: str,
    reason: str,
    expected_version: int | None,
) -> int:
    """The lead settles the grade of a requirement on which the assessors differ."""
    try:
        with platform.db.begin() as session:
            assessment = load(session, Assessment, assessment_id)
            require(actor, Action.rating_finalize, assessment_resource(session, assessment))
            require_state(assessment, RATING_OPEN, ("确定最终评分", "settle ratings"))
            model = platform.models(f"{assessment.model_id}@{assessment.model_version}")
            problems = in_scope_problems(model, session, assessment, requirement_id) + _grade_problems(
                model, grade, reason
            )
            if problems:
                raise InputInvalid("最终评分有误", "the final rating is invalid", problems)
            final = session.scalar(
                select(FinalRating).where(
                    FinalRating.assessment_id == assessment_id, FinalRating.requirement_id == requirement_id
                )
            )
            current = None if final is None else final.version
            if current != expected_version:
                raise _conflict(requirement_id, expected_version, current)
            before = None if final is None else {"grade": final.grade, "version": final.version}
            if final is None:
                final = FinalRating(
                    assessment_id=assessment_id, requirement_id=requirement_id, decided_by=actor.user_id
                )
                session.add(final)
            final.grade, final.reason, final.decided_by, final.decided_at = (
                grade,
                reason,
                actor.user_id,
                platform.clock(),
            )
            session.flush()
            audit(session, actor, "final_rating", final.id, "save", before, {"grade": grade, "reason": reason})
            return final.version
    except (StaleDataError, IntegrityError):
        raise _conflict(requirement_id, expected_version, None) from None


def effective_ratings(session: Session, assessment_id: int) -> tuple[dict[str, str], list[Problem]]:
    """One grade per requirement: the assessors' common grade, or the lead's final one where they differ."""
    by_requirement: dict[str, set[str]] = {}
    for requirement_id, grade in session.execute(
        select(Rating.requirement_id, Rating.grade).where(Rating.assessment_id == assessment_id)
    ):
        by_requirement.setdefault(requirement_id, set()).add(grade)
    finals: dict[str, str] = {
        requirement_id: grade
        for requirement_id, grade in session.execute(
            select(FinalRating.requirement_id, FinalRating.grade).where(FinalRating.assessment_id == assessment_id)
        )
    }
    ratings: dict[str, str] = {}
    problems = []
    for requirement_id in sorted(by_requirement.keys() | finals.keys()):
        grades = by_requirement.get(requirement_id, set())
        if requirement_id in finals:
            ratings[requirement_id] = finals[requirement_id]
        elif len(grades) == 1:
            ratings[requirement_id] = next(iter(grades))
        else:
            problems.append(
                Problem(
                    requirement_id,
                    f"评估师评分不一致（{', '.join(sorted(grades))}），须由主任评估师确定最终评分",
                    f"assessors differ ({', '.join(sorted(grades))}); the lead assessor must settle the rating",
                )
            )
    return ratings, problems
