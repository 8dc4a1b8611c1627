"""The policy set as officials edit it: every saved version of the YAML text, the newest one active.

Versions are never changed or deleted, so that any earlier set can be viewed and restored (a restore saves the
old text again as the newest version). ``based_on`` is unique: it names the version a save replaced (0 for the
bundled file), so two officials saving over the same version at once cannot both succeed, the history stays a
single line, and the second one is told to reload.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, defer, mapped_column

from cmmm.store.base import Base, UtcDateTime, utcnow

BUNDLED_VERSION = 0
"""The version number of the bundled policy file, active while no version has been saved."""


class PolicySetVersion(Base):
    __tablename__ = "policy_set_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    based_on: Mapped[int] = mapped_column(Integer, unique=True)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    """Policy ids added, changed and removed against the version it replaced: the history without parsing."""
    note: Mapped[str] = mapped_column(Text, default="")
    restored_from: Mapped[int | None] = mapped_column(Integer)
    """The version whose text a restore saved again (0 for the bundled file); None for an edit."""
    saved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    saved_by_name: Mapped[str] = mapped_column(String(100))
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


def newest_head(session: Session) -> tuple[int, str] | None:
    """The id and content hash of the active version, without loading its text; None when none was saved."""
    row = session.execute(
        select(PolicySetVersion.id, PolicySetVersion.content_hash).order_by(PolicySetVersion.id.desc()).limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


def version_list(session: Session, limit: int = 100) -> list[PolicySetVersion]:
    """The newest versions first, without their texts (a history page lists dozens of 20 kB texts otherwise)."""
    query = (
        select(PolicySetVersion).options(defer(PolicySetVersion.text)).order_by(PolicySetVersion.id.desc()).limit(limit)
    )
    return list(session.scalars(query))
