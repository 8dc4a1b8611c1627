"""Tables of who takes part: organizations (enterprises, assessment bodies, committees, departments, viewers),
their users and roles, trained employees, and what an enterprise has shared with whom.

An enterprise's details live in their own table keyed by its organization, so that every other kind of
organization stays a plain row; a share is revoked by stamping it, never by deleting it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cmmm.store.base import Base, UtcDateTime, utcnow


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str | None] = mapped_column(String(6), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    enterprise: Mapped[Enterprise | None] = relationship(back_populates="organization", uselist=False)


class Enterprise(Base):
    __tablename__ = "enterprises"

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True)
    credit_code: Mapped[str] = mapped_column(String(18), index=True)
    industry_code: Mapped[str] = mapped_column(String(5), index=True)
    size_class: Mapped[str] = mapped_column(String(10))
    above_designated_size: Mapped[bool] = mapped_column(Boolean)
    entity_kind: Mapped[str] = mapped_column(String(20))
    parent_credit_code: Mapped[str | None] = mapped_column(String(18))
    """For a unit (branch, plant, workshop, business unit): the credit code of the legal entity it belongs to."""
    path: Mapped[str] = mapped_column(String(20))
    in_operation: Mapped[bool] = mapped_column(Boolean, default=True)
    has_it_basis: Mapped[bool] = mapped_column(Boolean, default=True)

    organization: Mapped[Organization] = relationship(back_populates="enterprise")


class Trainee(Base):
    """An enterprise employee who attended CMMM training and passed its exam (gating rule on training)."""

    __tablename__ = "trainees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    exam_passed_on: Mapped[date] = mapped_column(Date)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    high_maturity_qualified: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    roles: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    organization: Mapped[Organization | None] = relationship(lazy="joined")


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(30), primary_key=True)


class Share(Base):
    """An enterprise lets a viewer organization (investor, supplier) see its results, until revoked."""

    __tablename__ = "shares"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    viewer_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    granted_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
