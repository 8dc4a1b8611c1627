"""Database fixtures: every test gets a fresh database, on SQLite and, when CMMM_TEST_POSTGRES_URL is set,
on PostgreSQL too (in a schema of its own that is dropped afterwards)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cmmm.store import metadata
from cmmm.store.database import session_factory
from cmmm.store.sandbox import postgres_sandbox, sqlite_sandbox

POSTGRES_URL = os.environ.get("CMMM_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty database (no tables), on each backend."""
    if request.param == "sqlite":
        with sqlite_sandbox(tmp_path) as engine:
            yield engine
    else:
        if not POSTGRES_URL:
            pytest.skip("CMMM_TEST_POSTGRES_URL is not set")
        with postgres_sandbox(POSTGRES_URL) as engine:
            yield engine


@pytest.fixture
def engine(empty_engine: Engine) -> Engine:
    metadata.create_all(empty_engine)
    return empty_engine


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session
