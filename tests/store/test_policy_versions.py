"""The stored versions of the policy set: the newest is the head, and the history cannot fork (two versions
replacing the same one are refused by the database), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cmmm.store.policies import PolicySetVersion, newest_head, version_list

AT = datetime(2026, 6, 1, 8, tzinfo=UTC)


def _version(based_on: int, text: str) -> PolicySetVersion:
    return PolicySetVersion(
        based_on=based_on, text=text, content_hash=f"{based_on:064d}", changes={"changed": []}, note="",
        saved_by_name="test", saved_at=AT,
    )  # fmt: skip


def test_the_newest_version_is_the_head_and_the_list_is_newest_first(session: Session) -> None:
    assert newest_head(session) is None
    first = _version(0, "a: 1")
    session.add(first)
    session.flush()
    second = _version(first.id, "a: 2")
    session.add(second)
    session.commit()
    assert newest_head(session) == (second.id, second.content_hash)
    assert [v.id for v in version_list(session)] == [second.id, first.id]
    assert [v.id for v in version_list(session, limit=1)] == [second.id]


def test_two_versions_cannot_replace_the_same_version(session: Session) -> None:
    session.add(_version(0, "a: 1"))
    session.commit()
    session.add(_version(0, "a: 2"))
    with pytest.raises(IntegrityError):
        session.commit()
