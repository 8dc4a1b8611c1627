"""The API tests use the same real app and demo site as the page tests; ``client_for`` opens the same site with
other settings (a smaller or larger peer group), ``session`` signs in and returns the CSRF token."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from cmmm.app import create_app
from cmmm.services.demo_site import DEMO_PASSWORD
from cmmm.services.platform import Platform
from cmmm.settings import Settings
from tests.web.conftest import client, platform

__all__ = ["client", "client_for", "platform", "session"]


@contextmanager
def client_for(platform: Platform, folder: Path, **options: Any) -> Iterator[TestClient]:
    settings = Settings(database_url="sqlite://", data_dir=folder, **options)
    with TestClient(create_app(settings, platform)) as test_client:
        yield test_client


def session(client: TestClient, username: str) -> str:
    client.cookies.clear()
    response = client.post("/api/v1/session", json={"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.text
    token: str = response.json()["csrf_token"]
    return token
