"""The self-assessment wizard's use cases: open a draft, save answers as they are given, submit.

A draft keeps only valid answers (known requirement, known grade), so that submitting can fail only on
completeness, which the wizard shows as progress per sub-domain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from cmmm.engine.answers import Answers
from cmmm.errors import Problem
from cmmm.model.schema import Model
from cmmm.services.actors import Actor
from cmmm.services.errors import InputInvalid, RatingConflict
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, audit, enterprise_resource, load
from cmmm.services.self_assessment import record_self_assessment
from cmmm.store.drafts import SelfAssessmentDraft
from cmmm.store.organizations import Enterprise


@dataclass(frozen=True)
class DraftView:
    id: int
    enterprise_id: int
    model_ref: str
    industry: str
    target_level: int
    ratings: dict[str, str]
    version: int

    def in_scope(self, model: Model) -> list[str]:
        return [rid for rid, r in model.index.requirements.items() if r.level <= self.target_level]

    def progress(self, model: Model) -> tuple[int, int]:
        wanted = self.in_scope(model)
        return sum(1 for rid in wanted if rid in self.ratings), len(wanted)


def _view(row: SelfAssessmentDraft) -> DraftView:
    return DraftView(row.id, row.enterprise_id, row.model_ref, row.industry, row.target_level, dict(row.ratings),
                     row.version)  # fmt: skip


def open_draft(platform: Platform, actor: Actor, enterprise_id: int, target_level: int = 5) -> DraftView:
    """The enterprise's open draft, or a new one on the default model and the enterprise's industry path."""
    with platform.db.begin() as session:
        require(actor, Action.self_assessment_create, enterprise_resource(session, enterprise_id))
        row = session.scalar(select(SelfAssessmentDraft).where(SelfAssessmentDraft.enterprise_id == enterprise_id))
        if row is None:
            model = platform.models(None)
            enterprise = load(session, Enterprise, enterprise_id)
            level = max(1, min(target_level, len(model.levels)))
            row = SelfAssessmentDraft(
                enterprise_id=enterprise_id, model_ref=model.ref, industry=enterprise.path, target_level=level,
                ratings={}, updated_by=actor.user_id, updated_at=platform.clock(),
            )  # fmt: skip
            session.add(row)
            session.flush()
            audit(session, actor, "self_assessment_draft", row.id, "open", None, {"model": model.ref})
        return _view(row)


def save_answers(
    platform: Platform, actor: Actor, draft_id: int, answers: Mapping[str, str], version: int
) -> DraftView:
    """Merge ``answers`` (requirement id -> grade id) into the draft; a stale ``version`` is a conflict."""
    with platform.db.begin() as session:
        row = load(session, SelfAssessmentDraft, draft_id)
        require(actor, Action.self_assessment_create, enterprise_resource(session, row.enterprise_id))
        if row.version != version:
            raise RatingConflict("草稿已被他人修改，请刷新后重试", "the draft was changed by someone else; reload it")
        model = platform.models(row.model_ref)
        problems = _answer_problems(model, answers)
        if problems:
            raise InputInvalid("答案有误", "some answers are invalid", problems)
        row.ratings = {**row.ratings, **answers}
        row.updated_by = actor.user_id
        row.updated_at = platform.clock()
        try:
            session.flush()
        except StaleDataError:
            raise RatingConflict("草稿已被他人修改，请刷新后重试", "the draft was changed by someone else") from None
        return _view(row)


def _answer_problems(model: Model, answers: Mapping[str, str]) -> list[Problem]:
    grades = {g.id for g in model.method.grades}
    problems = []
    for requirement_id, grade in answers.items():
        if requirement_id not in model.index.requirements:
            problems.append(Problem(requirement_id, "未知的要求", "unknown requirement"))
        elif grade not in grades:
            problems.append(Problem(requirement_id, f"未知的满足程度 {grade}", f"unknown grade {grade}"))
    return problems


def submit_draft(platform: Platform, actor: Actor, draft_id: int) -> int:
    """Score the complete draft as a self-assessment (self-declared) and remove the draft."""
    with platform.db() as session:
        row = load(session, SelfAssessmentDraft, draft_id)
        draft = _view(row)
    model = platform.models(draft.model_ref)
    missing = [rid for rid in draft.in_scope(model) if rid not in draft.ratings]
    if missing:
        raise InputInvalid(
            f"还有 {len(missing)} 条要求未作答", f"{len(missing)} requirement(s) not answered yet",
            [Problem(rid, "未作答", "not answered") for rid in missing],
        )  # fmt: skip
    answers = Answers(industry=draft.industry, target_level=draft.target_level, ratings=draft.ratings)
    record_id = record_self_assessment(platform, actor, draft.enterprise_id, answers, draft.model_ref)
    with platform.db.begin() as session:
        row = load(session, SelfAssessmentDraft, draft_id)
        audit(session, actor, "self_assessment_draft", row.id, "submit", {"answered": len(row.ratings)},
              {"self_assessment": record_id})  # fmt: skip
        session.delete(row)
    return record_id


def find_draft(platform: Platform, actor: Actor, enterprise_id: int) -> DraftView | None:
    with platform.db() as session:
        require(actor, Action.self_assessment_view, enterprise_resource(session, enterprise_id))
        row = session.scalar(select(SelfAssessmentDraft).where(SelfAssessmentDraft.enterprise_id == enterprise_id))
        return None if row is None else _view(row)
