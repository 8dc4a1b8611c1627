"""Migrations: an empty database upgrades through every revision, and the tables match the models
(the equivalent of ``alembic check``), on each backend."""

from __future__ import annotations

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from cmmm.store import metadata
from cmmm.store.database import alembic_config, current_revision, head_revision, schema_differences, upgrade


def test_an_empty_database_upgrades_through_every_revision_one_by_one(empty_engine: Engine) -> None:
    script = ScriptDirectory.from_config(alembic_config(empty_engine))
    revisions = list(reversed(list(script.walk_revisions())))
    assert revisions, "no migrations found"
    for revision in revisions:
        upgrade(empty_engine, revision.revision)
        assert current_revision(empty_engine) == revision.revision
    assert current_revision(empty_engine) == head_revision(empty_engine)
    assert set(metadata.tables) <= set(inspect(empty_engine).get_table_names())


def test_migrations_match_the_models_alembic_check(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    assert schema_differences(empty_engine) == []


def test_a_change_in_code_without_a_migration_is_found(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    with empty_engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_organizations_kind"))
    assert [d[0] for d in schema_differences(empty_engine)] == ["add_index"]


def test_every_migration_downgrades_to_an_empty_database(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    command.downgrade(alembic_config(empty_engine), "base")
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    assert current_revision(empty_engine) is None


def test_upgrade_twice_is_a_no_op(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    upgrade(empty_engine)
    assert current_revision(empty_engine) == head_revision(empty_engine)


def test_revision_0005_adds_the_policy_set_versions_and_its_downgrade_removes_them(empty_engine: Engine) -> None:
    upgrade(empty_engine, "0004")
    assert "policy_set_versions" not in inspect(empty_engine).get_table_names()
    upgrade(empty_engine, "0005")
    inspector = inspect(empty_engine)
    columns = {column["name"] for column in inspector.get_columns("policy_set_versions")}
    assert {"id", "based_on", "text", "content_hash", "changes", "note", "saved_by", "saved_at"} <= columns
    unique = [item["column_names"] for item in inspector.get_unique_constraints("policy_set_versions")]
    assert ["based_on"] in unique
    command.downgrade(alembic_config(empty_engine), "0004")
    assert "policy_set_versions" not in inspect(empty_engine).get_table_names()
    assert current_revision(empty_engine) == "0004"


def test_revision_0006_adds_the_enterprise_snapshot_and_its_downgrade_removes_it(empty_engine: Engine) -> None:
    upgrade(empty_engine, "0005")
    assert "enterprise" not in {column["name"] for column in inspect(empty_engine).get_columns("published_results")}
    upgrade(empty_engine, "0006")
    [column] = [c for c in inspect(empty_engine).get_columns("published_results") if c["name"] == "enterprise"]
    assert column["nullable"]
    command.downgrade(alembic_config(empty_engine), "0005")
    assert "enterprise" not in {column["name"] for column in inspect(empty_engine).get_columns("published_results")}
    assert current_revision(empty_engine) == "0005"
