"""Tables of what an assessment produces: published results (revisions, never edited in place), expert
reviews, certificates, and improvement plans with their items.

A published result stores the model id, version and content hash, the weights and their provenance
(rule R14) and the engine's serialized result, so that a later edit of a model never changes it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from cmmm.store.base import Base, UtcDateTime, utcnow


class PublishedResult(Base):
    __tablename__ = "published_results"
    __table_args__ = (UniqueConstraint("assessment_id", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    model_id: Mapped[str] = mapped_column(String(60))
    model_version: Mapped[str] = mapped_column(String(40))
    model_hash: Mapped[str] = mapped_column(String(64))
    weights: Mapped[dict[str, str]] = mapped_column(JSON)
    weight_provenance: Mapped[dict[str, str]] = mapped_column(JSON)
    ratings: Mapped[dict[str, str]] = mapped_column(JSON)
    total_score_exact: Mapped[str] = mapped_column(String(80))
    level: Mapped[int] = mapped_column(Integer)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    enterprise: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    """The enterprise as it was at publication (name, credit code, region, industry, size, path), so that a later
    profile edit never rewrites the report; ``None`` on rows published before it was recorded."""
    published_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


def newest_result(session: Session, assessment_id: int) -> PublishedResult | None:
    """The newest revision of an assessment's published result (a returned result is published again)."""
    return session.scalar(
        select(PublishedResult)
        .where(PublishedResult.assessment_id == assessment_id)
        .order_by(PublishedResult.revision.desc())
        .limit(1)
    )


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("published_results.id"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decision: Mapped[str] = mapped_column(String(20))
    comments: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Certificate(Base):
    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("published_results.id"))
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    enterprise_name: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str] = mapped_column(String(18), index=True)
    scope: Mapped[str] = mapped_column(Text)
    level: Mapped[int] = mapped_column(Integer)
    level_name: Mapped[str] = mapped_column(String(40))
    total_score: Mapped[str] = mapped_column(String(20))
    issued_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    verification_token: Mapped[str] = mapped_column(String(64), unique=True)


class ImprovementPlan(Base):
    __tablename__ = "improvement_plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))
    self_assessment_id: Mapped[int | None] = mapped_column(ForeignKey("self_assessments.id"))
    target_level: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ImprovementItem(Base):
    __tablename__ = "improvement_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("improvement_plans.id", ondelete="CASCADE"), index=True)
    requirement_id: Mapped[str] = mapped_column(String(40))
    from_grade: Mapped[str] = mapped_column(String(20))
    to_grade: Mapped[str] = mapped_column(String(20))
    owner: Mapped[str] = mapped_column(String(100), default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
