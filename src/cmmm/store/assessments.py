"""Tables of the assessment work: self-assessments, formal assessments (application to publication), the
team, the pre-assessment, evidence with its files, and the ratings of each assessor and the lead's final ones.

Ratings carry a version column used by SQLAlchemy's optimistic locking, so that two assessors saving the
same rating never lose an update silently; exact scores are stored as fraction strings next to the JSON.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cmmm.store.base import Base, UtcDateTime, utcnow


class SelfAssessment(Base):
    """An enterprise's own assessment, any number at any time; its result is labelled self-declared."""

    __tablename__ = "self_assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    label: Mapped[str] = mapped_column(String(20), default="self_declared")
    model_id: Mapped[str] = mapped_column(String(60))
    model_version: Mapped[str] = mapped_column(String(40))
    model_hash: Mapped[str] = mapped_column(String(64))
    industry: Mapped[str] = mapped_column(String(20))
    target_level: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    total_score_exact: Mapped[str] = mapped_column(String(80))
    level: Mapped[int] = mapped_column(Integer, index=True)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)


class Assessment(Base):
    """One formal assessment, from the application to the certificate; ``state`` is the workflow's state."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    target_level: Mapped[int] = mapped_column(Integer)
    scope_kind: Mapped[str] = mapped_column(String(20))
    scope_description: Mapped[str] = mapped_column(Text, default="")
    path: Mapped[str] = mapped_column(String(20))
    model_id: Mapped[str] = mapped_column(String(60))
    model_version: Mapped[str] = mapped_column(String(40))
    baseline_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))
    lead_assessor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    contract_signed_on: Mapped[date | None] = mapped_column(Date)
    warnings: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class TeamMember(Base):
    __tablename__ = "team_members"

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))


class PreAssessment(Base):
    """Scope, domains cut out (each with its justification), weights with provenance, readiness."""

    __tablename__ = "pre_assessments"

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True)
    scope_description: Mapped[str] = mapped_column(Text)
    excluded_domains: Mapped[dict[str, str]] = mapped_column(JSON)
    weights: Mapped[dict[str, str]] = mapped_column(JSON)
    weight_provenance: Mapped[dict[str, str]] = mapped_column(JSON)
    ready: Mapped[bool] = mapped_column(Boolean)
    reasons: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class EvidenceItem(Base):
    __tablename__ = "evidence_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    requirement_id: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    effective_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    verified_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reused_from_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class EvidenceFile(Base):
    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class Rating(Base):
    """One assessor's grade of one requirement; ``version`` detects a concurrent overwrite."""

    __tablename__ = "ratings"
    __table_args__ = (UniqueConstraint("assessment_id", "requirement_id", "assessor_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    requirement_id: Mapped[str] = mapped_column(String(40))
    assessor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    grade: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class FinalRating(Base):
    """The lead assessor's settled grade of a requirement on which the assessors differ."""

    __tablename__ = "final_ratings"
    __table_args__ = (UniqueConstraint("assessment_id", "requirement_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    requirement_id: Mapped[str] = mapped_column(String(40))
    grade: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
