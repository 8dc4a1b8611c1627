"""Self-assessment (自评估): any number, at any time, by the enterprise; each result is labelled self-declared
and stored with the model's id, version and hash (R14), so that it can be compared with later ones.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from sqlalchemy import select

from cmmm.engine.answers import Answers
from cmmm.engine.scoring import score
from cmmm.engine.serialize import result_to_dict
from cmmm.services.actors import Actor
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, audit, enterprise_resource
from cmmm.store.assessments import SelfAssessment
from cmmm.store.statistics import hold_self_assessment_mark


def answers_to_data(answers: Answers) -> dict[str, Any]:
    return {
        "industry": answers.industry,
        "target_level": answers.target_level,
        "excluded_domains": list(answers.excluded_domains),
        "weights": {d: str(w) for d, w in answers.weights.items()},
        "ratings": dict(answers.ratings),
    }


def answers_from_data(data: dict[str, Any]) -> Answers:
    return Answers(
        industry=data["industry"],
        target_level=data["target_level"],
        ratings=dict(data["ratings"]),
        excluded_domains=tuple(data.get("excluded_domains", ())),
        weights={d: Fraction(w) for d, w in data.get("weights", {}).items()},
    )


def full_result(platform: Platform, record: SelfAssessment) -> dict[str, Any]:
    """The stored result, or, for a summary (bulk-seeded), the full one recomputed with the same model."""
    if not record.result.get("summary"):
        return record.result
    model = platform.models(f"{record.model_id}@{record.model_version}")
    return result_to_dict(model, score(model, answers_from_data(record.answers)))


def record_self_assessment(
    platform: Platform, actor: Actor, enterprise_id: int, answers: Answers, model_ref: str | None = None
) -> int:
    model = platform.models(model_ref)
    with platform.db.begin() as session:
        require(actor, Action.self_assessment_create, enterprise_resource(session, enterprise_id))
        hold_self_assessment_mark(session, shared=True)  # so that a fold cannot pass this id before it commits
        result = score(model, answers)
        record = SelfAssessment(
            enterprise_id=enterprise_id,
            created_by=actor.user_id,
            created_at=platform.clock(),
            model_id=model.id,
            model_version=model.version,
            model_hash=model.content_hash,
            industry=answers.industry,
            target_level=answers.target_level,
            answers=answers_to_data(answers),
            total_score_exact=str(result.total_score),
            level=result.maturity_level,
            result=result_to_dict(model, result),
        )
        session.add(record)
        session.flush()
        after = {"level": result.maturity_level, "score": str(result.total_score), "label": record.label}
        audit(session, actor, "self_assessment", record.id, "create", None, after)
        return record.id


def list_self_assessments(platform: Platform, actor: Actor, enterprise_id: int) -> list[SelfAssessment]:
    with platform.db() as session:
        require(actor, Action.self_assessment_view, enterprise_resource(session, enterprise_id))
        return list(
            session.scalars(
                select(SelfAssessment)
                .where(SelfAssessment.enterprise_id == enterprise_id)
                .order_by(SelfAssessment.created_at)
            )
        )
