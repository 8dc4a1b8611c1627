"""The audit trail: every state change (who, when, what, before, after) as a hash-chained entry.

Each entry's hash is SHA-256 over the canonical JSON of the entry and the previous entry's hash, so that
editing or deleting a past entry breaks the chain and :func:`verify_chain` names the first broken entry.
``prev_hash`` is unique: two writers can never fork the chain, the second one fails instead.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from cmmm.store.base import Base, UtcDateTime, utcnow

GENESIS = "0" * 64
_LOCK_KEY = 39116  # a PostgreSQL advisory lock that serializes writers of the chain


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(40), index=True)
    entity_id: Mapped[str] = mapped_column(String(40), index=True)
    action: Mapped[str] = mapped_column(String(40))
    before: Mapped[Any] = mapped_column(JSON)
    after: Mapped[Any] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)


def canonical_json(value: Any) -> str:
    """One spelling of a value: sorted keys, no spaces; dates and decimals as strings."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def entry_hash(entry: AuditEntry) -> str:
    body = {
        "at": entry.at.isoformat(),
        "actor_id": entry.actor_id,
        "actor_name": entry.actor_name,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "action": entry.action,
        "before": entry.before,
        "after": entry.after,
    }
    return hashlib.sha256((canonical_json(body) + entry.prev_hash).encode("utf-8")).hexdigest()


def append_entry(
    session: Session,
    *,
    actor_id: int | None,
    actor_name: str,
    entity: str,
    entity_id: object,
    action: str,
    before: Any,
    after: Any,
) -> AuditEntry:
    """Add one entry at the end of the chain, inside the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    last = session.scalars(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    entry = AuditEntry(
        at=utcnow(),
        actor_id=actor_id,
        actor_name=actor_name,
        entity=entity,
        entity_id=str(entity_id),
        action=action,
        before=json.loads(canonical_json(before)),
        after=json.loads(canonical_json(after)),
        prev_hash=last or GENESIS,
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str
    """``edited`` (the entry's hash does not match its content) or ``unlinked`` (an entry before it is missing
    or was changed)."""


def verify_chain(session: Session, batch: int = 5000) -> tuple[int, ChainBreak | None]:
    """Walk the chain in order; return how many entries were checked and the first break, if any."""
    expected_prev = GENESIS
    checked = 0
    entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=batch))
    with entries:
        for entry in entries:
            if entry.prev_hash != expected_prev:
                return checked, ChainBreak(entry.id, "unlinked")
            if entry_hash(entry) != entry.hash:
                return checked, ChainBreak(entry.id, "edited")
            expected_prev = entry.hash
            checked += 1
    return checked, None
