"""Opening the platform's database from settings, and bringing its schema up to date.

Every command but ``cmmm db upgrade`` refuses a database whose schema is behind (or ahead of) this version of
cmmm, with a message saying what to run, instead of failing later on a missing table or column.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine

from cmmm.errors import Problem
from cmmm.services.errors import DatabaseOutdated
from cmmm.services.platform import Platform
from cmmm.settings import Settings
from cmmm.store.database import current_revision, head_revision, make_engine, schema_differences, upgrade


def upgrade_database(settings: Settings) -> tuple[str | None, str | None]:
    """Upgrade to the newest revision; returns (revision before, revision after)."""
    engine = make_engine(settings.database_url)
    try:
        before = current_revision(engine)
        upgrade(engine)
        return before, current_revision(engine)
    finally:
        engine.dispose()


def schema_check(settings: Settings) -> list[str]:
    """Differences between the database and the code, as ``alembic check`` finds them (empty: none)."""
    engine = make_engine(settings.database_url)
    try:
        _check_revision(engine)
        return [str(difference) for difference in schema_differences(engine)]
    finally:
        engine.dispose()


def open_platform(settings: Settings, **options: Any) -> Platform:
    """A long-lived platform on the settings' database (a server's); the caller disposes of its engine."""
    engine = make_engine(settings.database_url)
    try:
        _check_revision(engine)
    except DatabaseOutdated:
        engine.dispose()
        raise
    return Platform.on(engine, **options)


@contextmanager
def command_platform(settings: Settings, **options: Any) -> Iterator[Platform]:
    """The platform for one command, its connections closed at the end of the ``with`` block."""
    platform = open_platform(settings, **options)
    try:
        yield platform
    finally:
        bind = platform.db.kw["bind"]
        assert isinstance(bind, Engine)
        bind.dispose()


def _check_revision(engine: Engine) -> None:
    current, head = current_revision(engine), head_revision(engine)
    if current != head:
        raise DatabaseOutdated(
            "数据库结构不是最新版本，请先运行 cmmm db upgrade",
            "the database schema is not up to date; run cmmm db upgrade first",
            [Problem("database", f"当前 {current or '空'}，应为 {head}", f"at {current or 'empty'}, expected {head}")],
        )
