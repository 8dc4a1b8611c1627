"""Self-assessment drafts: the answers an enterprise has given so far, so that the wizard can be left and
resumed. One open draft per enterprise; submitting it records a self-assessment and removes the draft.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from cmmm.store.base import Base, UtcDateTime, utcnow


class SelfAssessmentDraft(Base):
    __tablename__ = "self_assessment_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), unique=True)
    model_ref: Mapped[str] = mapped_column(String(100))
    industry: Mapped[str] = mapped_column(String(20))
    target_level: Mapped[int] = mapped_column(Integer)
    ratings: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative API
