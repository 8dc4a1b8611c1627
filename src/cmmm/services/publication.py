"""Step 4, publication (发布评估结果): the lead releases the result, which locks the ratings; the expert
committee approves it (a certificate is granted) or returns it with comments (ratings reopen).

A result is scored by the engine and stored with the model id, version and content hash and the weights with
their provenance (R14); a correction after a return is a new revision, never an edit of a published one.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cmmm.engine.answers import Answers
from cmmm.engine.scoring import score
from cmmm.engine.serialize import result_to_dict
from cmmm.errors import Problem
from cmmm.services.actors import Actor
from cmmm.services.errors import InputInvalid
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, assessment_resource, audit, load
from cmmm.services.ratings import effective_ratings
from cmmm.services.workflow import Step, advance
from cmmm.store.assessments import Assessment, PreAssessment
from cmmm.store.organizations import Enterprise, Organization
from cmmm.store.records import Certificate, PublishedResult, Review, newest_result


def assessment_answers(
    assessment: Assessment,
    excluded_domains: Iterable[str],
    weights: Mapping[str, str],
    provenance: Mapping[str, str],
    ratings: Mapping[str, str],
) -> Answers:
    """The engine's input for a formal assessment: its path, target, tailoring and weight overrides (the
    template weights come from the model, so only overrides are passed), and the settled ratings."""
    return Answers(
        industry=assessment.path,
        target_level=assessment.target_level,
        ratings=dict(ratings),
        excluded_domains=tuple(excluded_domains),
        weights={d: Fraction(w) for d, w in weights.items() if provenance.get(d) == "override"},
    )


def enterprise_snapshot(organization: Organization, enterprise: Enterprise) -> dict[str, Any]:
    """The enterprise as a published result records it: a result is a historical record, so its report keeps
    the name, credit code, region and industry of its publication even after the profile is edited."""
    return {
        "name": organization.name,
        "credit_code": enterprise.credit_code,
        "region_code": organization.region_code or "",
        "industry_code": enterprise.industry_code,
        "size_class": enterprise.size_class,
        "above_designated_size": enterprise.above_designated_size,
        "path": enterprise.path,
    }


def publish_result(platform: Platform, actor: Actor, assessment_id: int) -> int:
    """Score the settled ratings and publish them as the next revision (with the enterprise as it is now);
    returns the result's id."""
    with platform.db.begin() as session:
        assessment = load(session, Assessment, assessment_id)
        require(actor, Action.result_publish, assessment_resource(session, assessment))
        model = platform.models(f"{assessment.model_id}@{assessment.model_version}")
        pre = load(session, PreAssessment, assessment.id)
        ratings, problems = effective_ratings(session, assessment.id)
        if problems:
            raise InputInvalid("仍有评分未确定", "some ratings are not settled", problems)
        answers = assessment_answers(assessment, pre.excluded_domains, pre.weights, pre.weight_provenance, ratings)
        result = score(model, answers)
        revision = 1 + (session.scalar(select(func.count()).where(PublishedResult.assessment_id == assessment.id)) or 0)
        organization = load(session, Organization, assessment.enterprise_id)
        details = load(session, Enterprise, assessment.enterprise_id)
        record = PublishedResult(
            assessment_id=assessment.id,
            revision=revision,
            model_id=result.model_id,
            model_version=result.model_version,
            model_hash=result.model_hash,
            weights={d: str(w) for d, w in result.weights.items()},
            weight_provenance=dict(result.weight_provenance),
            ratings=dict(result.ratings),
            total_score_exact=str(result.total_score),
            level=result.maturity_level,
            result=result_to_dict(model, result),
            enterprise=enterprise_snapshot(organization, details),
            published_by=actor.user_id,
            published_at=platform.clock(),
        )
        session.add(record)
        session.flush()
        note = f"revision={revision}; level={result.maturity_level}; score={result.total_score}"
        advance(session, actor, assessment, Step.publish, note)
        return record.id


def latest_result(platform: Platform, actor: Actor, assessment_id: int) -> PublishedResult:
    with platform.db() as session:
        assessment = load(session, Assessment, assessment_id)
        require(actor, Action.assessment_view, assessment_resource(session, assessment))
        return published_result(session, assessment_id)


def published_result(session: Session, assessment_id: int) -> PublishedResult:
    """The newest published result of an assessment, or :class:`InputInvalid` when it has none yet."""
    record = newest_result(session, assessment_id)
    if record is None:
        raise InputInvalid(
            "尚无已发布的结果",
            "no published result yet",
            [Problem("assessment_id", f"评估 {assessment_id} 未发布", f"assessment {assessment_id} is unpublished")],
        )
    return record


def review_result(
    platform: Platform, actor: Actor, assessment_id: int, approve: bool, comments: str = ""
) -> int | None:
    """The committee's compliance review; on approval the certificate is granted and its id returned."""
    with platform.db.begin() as session:
        assessment = load(session, Assessment, assessment_id)
        require(actor, Action.result_review, assessment_resource(session, assessment))
        if not approve and not comments.strip():
            raise InputInvalid("退回须附意见", "a return needs comments", [Problem("comments", "为空", "empty")])
        result = newest_result(session, assessment_id)
        advance(session, actor, assessment, Step.approve if approve else Step.return_, comments)
        assert result is not None  # a published assessment has a result
        decision = "approve" if approve else "return"
        session.add(
            Review(
                assessment_id=assessment_id,
                result_id=result.id,
                reviewer_id=actor.user_id,
                decision=decision,
                comments=comments,
                decided_at=platform.clock(),
            )
        )
        if not approve:
            return None
        certificate = _certificate(
            platform, assessment, result, session.get_one(Organization, assessment.enterprise_id)
        )
        session.add(certificate)
        session.flush()
        certificate.number = f"CMMM-{certificate.issued_on.year}-{certificate.id:06d}"
        session.flush()
        after = {"number": certificate.number, "level": certificate.level, "valid_until": certificate.valid_until}
        audit(session, actor, "certificate", certificate.id, "issue", None, after)
        return certificate.id


def _certificate(
    platform: Platform, assessment: Assessment, result: PublishedResult, organization: Organization
) -> Certificate:
    enterprise = organization.enterprise
    assert isinstance(enterprise, Enterprise)
    issued = platform.today()
    scope = assessment.scope_kind + (f": {assessment.scope_description}" if assessment.scope_description else "")
    return Certificate(
        number=f"pending-{secrets.token_hex(8)}",
        assessment_id=assessment.id,
        result_id=result.id,
        enterprise_id=organization.id,
        enterprise_name=organization.name,
        credit_code=enterprise.credit_code,
        scope=scope,
        level=result.level,
        level_name=str(result.result.get("level_name", "")),
        total_score=str(result.result.get("total_score", "")),
        issued_on=issued,
        valid_until=add_years(issued, platform.rules.certificate_validity_years),
        status="valid",
        verification_token=secrets.token_urlsafe(24),
    )


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
