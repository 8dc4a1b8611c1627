"""A real app on a fresh SQLite database per test module, with the demo accounts of every role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cmmm.app import create_app
from cmmm.services.demo_site import DEMO_PASSWORD, ensure_demo_site
from cmmm.services.maintenance import open_platform, upgrade_database
from cmmm.services.platform import Platform
from cmmm.settings import Settings


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    folder: Path = tmp_path_factory.mktemp("web")
    settings = Settings(database_url=f"sqlite:///{folder / 'web.db'}", data_dir=folder)
    upgrade_database(settings)
    platform = open_platform(settings)
    ensure_demo_site(platform, enterprises=30, process_examples=0)
    yield platform
    platform.db.kw["bind"].dispose()


@pytest.fixture
def client(platform: Platform, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(database_url="sqlite://", data_dir=tmp_path)
    with TestClient(create_app(settings, platform)) as test_client:
        yield test_client


def csrf_of(client: TestClient) -> str:
    page = client.get("/login")
    marker = 'name="csrf_token" value="'
    start = page.text.index(marker) + len(marker)
    return page.text[start : page.text.index('"', start)]


def sign_in(client: TestClient, username: str) -> None:
    token = csrf_of(client)
    response = client.post(
        "/login", data={"username": username, "password": DEMO_PASSWORD, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
