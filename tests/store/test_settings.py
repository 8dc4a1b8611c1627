"""Where the database is: CMMM_DATABASE_URL, else cmmm.db in CMMM_DATA_DIR, else in the XDG data directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from cmmm.app import create_app
from cmmm.settings import Settings, SettingsInvalid
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


def test_the_peer_group_minimum_is_read_from_the_environment(tmp_path: Path) -> None:
    assert Settings.from_env({"CMMM_DATA_DIR": str(tmp_path)}).peer_min_group == 10
    assert Settings.from_env({"CMMM_DATA_DIR": str(tmp_path), "CMMM_PEER_MIN_GROUP": " 25 "}).peer_min_group == 25
    assert Settings.from_env({"CMMM_DATA_DIR": str(tmp_path), "CMMM_PEER_MIN_GROUP": ""}).peer_min_group == 10


@pytest.mark.parametrize("value", ["1", "0", "-5", "ten", "2.5", "1e3"])
def test_a_peer_group_minimum_below_two_or_not_an_integer_is_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(SettingsInvalid) as refused:
        Settings.from_env({"CMMM_DATA_DIR": str(tmp_path), "CMMM_PEER_MIN_GROUP": value})
    message = str(refused.value)
    assert "CMMM_PEER_MIN_GROUP" in message and "不小于 2 的整数" in message and "at least 2" in message
    assert repr(value) in message or repr(int(value)) in message


@pytest.mark.parametrize("value", [1, True, 2.0, "12"])
def test_check_refuses_a_peer_group_minimum_that_is_not_an_integer_of_two_or_more(
    tmp_path: Path, value: object
) -> None:
    settings = Settings(database_url="sqlite://", data_dir=tmp_path, peer_min_group=value)  # type: ignore[arg-type]
    with pytest.raises(SettingsInvalid, match="CMMM_PEER_MIN_GROUP"):
        settings.check()
    with pytest.raises(SettingsInvalid):
        create_app(settings)
    Settings(database_url="sqlite://", data_dir=tmp_path, peer_min_group=2).check()
