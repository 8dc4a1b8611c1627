"""Throwaway databases for tests and trials: a SQLite file, or a fresh PostgreSQL schema dropped afterwards.

A PostgreSQL sandbox lives in its own schema (through ``search_path``), so that tests may run against a
shared server database side by side and never leave data behind.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url

from cmmm.store.database import make_engine


def _fast_and_loose(dbapi_connection: Any, _record: Any) -> None:
    """A throwaway file need not survive a power cut: skip the fsyncs that make each commit slow."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.close()


@contextmanager
def sqlite_sandbox(directory: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{directory / 'cmmm.db'}")
    event.listen(engine, "connect", _fast_and_loose)
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def postgres_sandbox(url: str) -> Iterator[Engine]:
    """An engine whose every connection works in a new, empty schema (named in its URL, so that a command run
    with that URL works there too); the schema is dropped at the end."""
    schema = f"cmmm_test_{secrets.token_hex(6)}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    engine = make_engine(scoped.render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
