"""Fixtures of the use cases: the database fixtures of tests/store (a fresh database per test, on SQLite and on
PostgreSQL when CMMM_TEST_POSTGRES_URL is set) and a small world of organizations and users on it."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from cmmm.model.schema import Model
from tests.services.world import World, build_world
from tests.store.conftest import empty_engine, engine, session

__all__ = ["empty_engine", "engine", "session"]


@pytest.fixture
def world(engine: Engine, toy_model: Model) -> World:
    return build_world(engine, toy_model)
