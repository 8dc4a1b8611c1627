"""The hash chain of the audit trail: intact chains verify; an edited or deleted entry is found, and named."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cmmm.store.audit import GENESIS, AuditEntry, append_entry, verify_chain


def fill(session: Session, count: int) -> list[int]:
    ids = [
        append_entry(
            session, actor_id=None, actor_name="测试", entity="assessment", entity_id=i, action="step",
            before={"state": "a"}, after={"state": "b", "n": i},
        ).id
        for i in range(count)
    ]  # fmt: skip
    session.commit()
    return ids


def test_an_untouched_chain_verifies(session: Session) -> None:
    fill(session, 5)
    assert verify_chain(session) == (5, None)
    first = session.get_one(AuditEntry, 1)
    assert first.prev_hash == GENESIS and len(first.hash) == 64


def test_an_edited_entry_is_named(session: Session) -> None:
    ids = fill(session, 5)
    session.execute(update(AuditEntry).where(AuditEntry.id == ids[2]).values(after={"state": "forged"}))
    session.commit()
    session.expire_all()
    checked, broken = verify_chain(session)
    assert checked == 2 and broken is not None and (broken.entry_id, broken.reason) == (ids[2], "edited")


def test_a_deleted_entry_breaks_the_link_of_the_next_one(session: Session) -> None:
    ids = fill(session, 5)
    session.execute(delete(AuditEntry).where(AuditEntry.id == ids[1]))
    session.commit()
    _, broken = verify_chain(session)
    assert broken is not None and (broken.entry_id, broken.reason) == (ids[2], "unlinked")


def test_the_chain_cannot_fork(session: Session) -> None:
    fill(session, 2)
    last = session.get_one(AuditEntry, 2)
    session.add(
        AuditEntry(at=last.at, actor_id=None, actor_name="x", entity="e", entity_id="1", action="a", before=None,
                   after=None, prev_hash=last.prev_hash, hash="f" * 64)
    )  # fmt: skip
    with pytest.raises(IntegrityError):
        session.commit()


@pytest.mark.parametrize("field", ["at", "actor_id", "actor_name", "entity", "entity_id", "action", "before", "after"])
def test_editing_any_field_of_any_entry_is_found_at_that_entry(session: Session, field: str) -> None:
    ids = fill(session, 4)
    forged = {
        "at": datetime(2020, 1, 1, tzinfo=UTC), "actor_id": 99, "actor_name": "冒名", "entity": "user",
        "entity_id": "999", "action": "delete", "before": {"state": "z"}, "after": None,
    }[field]  # fmt: skip
    for entry_id in ids:
        original = getattr(session.get_one(AuditEntry, entry_id), field)
        session.execute(update(AuditEntry).where(AuditEntry.id == entry_id).values({field: forged}))
        session.commit()
        session.expire_all()
        _, broken = verify_chain(session)
        assert broken is not None and broken.entry_id == entry_id
        session.execute(update(AuditEntry).where(AuditEntry.id == entry_id).values({field: original}))
        session.commit()
        session.expire_all()
        assert verify_chain(session) == (4, None)
