"""Tables of the dashboards: recognitions (标杆/示范) that officials record, each enterprise's latest
self-assessed standing, and counts pre-aggregated per region, industry and size.

Dashboards must answer within a second over 500,000 enterprises, so they never read the self-assessments
themselves: :mod:`cmmm.services.statistics` folds each new self-assessment into these tables (the latest one
of an enterprise replaces the one before it), and queries only group and sum them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Index, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from cmmm.store.base import Base, UtcDateTime, utcnow


class Recognition(Base):
    """A department recognizes an enterprise as a benchmark (标杆) or demonstration (示范) enterprise."""

    __tablename__ = "recognitions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    department_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    recognized_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class EnterpriseStanding(Base):
    """An enterprise's latest self-assessment, with what the dashboards group by, copied from the enterprise.

    ``profile`` maps each sub-domain to its maturity profile (0..5); ``unmet`` lists the requirements of the
    next level rated 不满足 or 部分满足, which is what holds the enterprise back.
    """

    __tablename__ = "enterprise_standings"
    __table_args__ = (
        Index(
            "ix_enterprise_standings_region_level",
            "region_code",
            "level",
            "industry_division",
            "size_class",
            "assessed_at",
        ),
        Index("ix_enterprise_standings_rank", "level", "score"),
    )

    enterprise_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True)
    self_assessment_id: Mapped[int] = mapped_column(ForeignKey("self_assessments.id", ondelete="CASCADE"))
    assessed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    region_code: Mapped[str] = mapped_column(String(6))
    industry_division: Mapped[str] = mapped_column(String(2), index=True)
    size_class: Mapped[str] = mapped_column(String(10))
    above_designated_size: Mapped[bool] = mapped_column(Boolean)
    level: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    profile: Mapped[dict[str, float | None]] = mapped_column(JSON)
    unmet: Mapped[list[str]] = mapped_column(JSON)


class StandingTotal(Base):
    """A sum over the standings of one group (a district, an industry division, a size class, or a district
    crossed with a division, size or year as ``320505:39``) at one level.

    ``item`` is ``count`` (enterprises), ``profile:<sub-domain>`` (sum of profiles, ``enterprises`` with a
    value), ``short:<sub-domain>`` (enterprises whose profile is below their next level) or
    ``unmet:<requirement>`` (enterprises that do not meet it at their next level).
    """

    __tablename__ = "standing_totals"

    dimension: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(20), primary_key=True)
    level: Mapped[int] = mapped_column(Integer, primary_key=True)
    item: Mapped[str] = mapped_column(String(60), primary_key=True)
    enterprises: Mapped[int] = mapped_column(Integer)
    total: Mapped[float] = mapped_column(Float)


class StatisticsMark(Base):
    """How far the statistics have read: the highest self-assessment id folded in."""

    __tablename__ = "statistics_marks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


SELF_ASSESSMENT_MARK = "self_assessments"


def hold_self_assessment_mark(session: Session, *, shared: bool) -> StatisticsMark | None:
    """Lock the fold mark of self-assessments: shared by a transaction that records self-assessments, exclusive
    by a fold.

    Ids come from a sequence in the order transactions insert, not in the order they commit; without the lock a
    fold could move its mark past the id of a self-assessment still being committed, and never fold it. With
    it, a fold waits for every recording transaction in flight, and any id taken afterwards is above the mark.
    (SQLite writes one transaction at a time and ignores the lock.)
    """
    query = select(StatisticsMark).where(StatisticsMark.name == SELF_ASSESSMENT_MARK).with_for_update(read=shared)
    return session.scalars(query).first()
