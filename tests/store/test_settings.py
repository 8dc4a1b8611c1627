"""Where the database is: CMMM_DATABASE_URL, else cmmm.db in CMMM_DATA_DIR, else in the XDG data directory."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from cmmm.settings import Settings
from cmmm.store.database import display_url, make_engine


def test_the_url_wins_over_the_data_directory() -> None:
    settings = Settings.from_env({"CMMM_DATABASE_URL": "postgresql+psycopg://u:pw@db/cmmm", "CMMM_DATA_DIR": "/d"})
    assert settings.database_url == "postgresql+psycopg://u:pw@db/cmmm" and not settings.is_sqlite
    assert display_url(settings.database_url) == "postgresql+psycopg://u:***@db/cmmm"


def test_the_default_is_a_sqlite_file_in_the_data_directory(tmp_path: Path) -> None:
    assert Settings.from_env({"CMMM_DATA_DIR": str(tmp_path)}).database_url == f"sqlite:///{tmp_path / 'cmmm.db'}"
    xdg = Settings.from_env({"XDG_DATA_HOME": str(tmp_path), "HOME": "/nowhere"})
    assert xdg.data_dir == tmp_path / "cmmm" and xdg.is_sqlite


def test_sqlite_gets_its_directory_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new' / 'dir' / 'cmmm.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
    assert (tmp_path / "new" / "dir" / "cmmm.db").exists()
