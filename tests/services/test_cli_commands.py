"""The commands over the services: ``cmmm db upgrade``, ``cmmm users create``, ``cmmm orgs create``,
``cmmm demo seed`` and ``cmmm audit verify`` (exit 1 naming the first broken entry), on each backend."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, func, select, update
from typer.testing import CliRunner

from cmmm.cli.main import app
from cmmm.services.accounts import load_actor
from cmmm.services.platform import Platform
from cmmm.services.policy_editing import bundled_text, save_policy_set
from cmmm.store.assessments import Assessment, EvidenceFile, SelfAssessment
from cmmm.store.audit import AuditEntry
from cmmm.store.database import current_revision, head_revision
from cmmm.store.organizations import Enterprise, User
from cmmm.store.records import Certificate


@pytest.fixture
def cli(empty_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CMMM_DATABASE_URL", empty_engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CMMM_LANG", "en")
    return CliRunner()


def test_db_upgrade_creates_the_schema_once(cli: CliRunner, empty_engine: Engine) -> None:
    first = cli.invoke(app, ["db", "upgrade"])
    head = head_revision(empty_engine)
    assert first.exit_code == 0 and f"empty -> {head}" in first.output
    assert current_revision(empty_engine) == head
    again = cli.invoke(app, ["db", "upgrade", "--lang", "zh"])
    assert again.exit_code == 0 and "已是最新版本" in again.output


def test_db_check_finds_no_difference_after_the_upgrade(cli: CliRunner) -> None:
    cli.invoke(app, ["db", "upgrade"])
    checked = cli.invoke(app, ["db", "check"])
    assert checked.exit_code == 0 and "matches" in checked.output


def test_commands_refuse_a_database_that_is_not_upgraded(cli: CliRunner) -> None:
    result = cli.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1 and "cmmm db upgrade" in result.output


def test_users_and_organizations_are_created(cli: CliRunner, empty_engine: Engine) -> None:
    cli.invoke(app, ["db", "upgrade"])
    created = cli.invoke(
        app, ["users", "create", "root", "--role", "platform_admin", "--password-stdin"], "s3cret-pass\n"
    )
    assert created.exit_code == 0, created.output
    body = cli.invoke(app, ["orgs", "create", "body", "示例评估机构"])
    assert body.exit_code == 0 and "(id 1)" in body.output
    lead = ["users", "create", "wang", "-r", "lead_assessor", "--org", "1", "--high-maturity", "--password-stdin"]
    assert cli.invoke(app, lead, "another-pass\n").exit_code == 0
    wrong = cli.invoke(
        app, ["users", "create", "li", "-r", "enterprise_admin", "--org", "1", "--password-stdin"], "x\n"
    )
    assert wrong.exit_code == 1 and "roles" in wrong.output and "password" in wrong.output
    assert cli.invoke(app, ["users", "create", "li", "-r", "king", "--password-stdin"], "x\n").exit_code == 2
    with empty_engine.connect() as connection:
        assert connection.scalar(select(User.high_maturity_qualified).where(User.username == "wang")) is True


def test_demo_seed_then_audit_verify_then_tampering_is_named(cli: CliRunner, empty_engine: Engine) -> None:
    cli.invoke(app, ["db", "upgrade"])
    seeded = cli.invoke(app, ["demo", "seed", "--enterprises", "25", "--seed", "7", "--process-examples", "0"])
    assert seeded.exit_code == 0 and "seeded 25 enterprises" in seeded.output
    with empty_engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Enterprise)) == 25
        levels = connection.execute(select(SelfAssessment.level, SelfAssessment.result)).all()
    assert len(levels) == 25 and all(level == result["level"] for level, result in levels)
    again = cli.invoke(app, ["demo", "seed", "--enterprises", "5", "--seed", "7"])
    assert again.exit_code == 1 and "another --seed" in again.output
    cli.invoke(app, ["orgs", "create", "committee", "专家委员会"])
    assert cli.invoke(app, ["audit", "verify"]).output.strip() == "audit trail intact: 2 entries"
    with empty_engine.begin() as connection:
        connection.execute(update(AuditEntry).where(AuditEntry.id == 1).values(actor_name="someone else"))
    broken = cli.invoke(app, ["audit", "verify"])
    assert broken.exit_code == 1 and "audit_entries[1]" in broken.output and "edited" in broken.output


def test_demo_seed_makes_assessments_at_every_step_with_evidence_and_certificates(
    cli: CliRunner, empty_engine: Engine
) -> None:
    cli.invoke(app, ["db", "upgrade"])
    seeded = cli.invoke(app, ["demo", "seed", "--enterprises", "40", "--seed", "3"])
    assert seeded.exit_code == 0, seeded.output
    assert "12 assessments at every step" in seeded.output
    with empty_engine.connect() as connection:
        states = set(connection.scalars(select(Assessment.state)))
        statuses = set(connection.scalars(select(Certificate.status)))
        files = connection.scalar(select(func.count()).select_from(EvidenceFile))
    assert states == {"applied", "accepted", "not_ready", "in_assessment", "published", "returned", "certified"}
    assert statuses == {"valid", "suspended"}
    assert files and files > 5
    assert cli.invoke(app, ["audit", "verify"]).exit_code == 0


def test_policies_can_be_read_from_the_database_as_officials_edited_them(cli: CliRunner, empty_engine: Engine) -> None:
    cli.invoke(app, ["db", "upgrade"])
    cli.invoke(app, ["users", "create", "root", "--role", "platform_admin", "--password-stdin"], "s3cret-pass\n")
    platform = Platform.on(empty_engine)
    admin = load_actor(platform, "root")
    edited = bundled_text().replace("{level: 3, amount_yuan: 2000000}", "{level: 3, amount_yuan: 2500000}", 1)
    save_policy_set(platform, admin, edited, "Guizhou raised its level-3 award")
    options = ["policies", "match", "--region", "520102", "--level", "3", "--certified", "--json"]

    def guizhou_amounts(*extra: str) -> list[int]:
        result = cli.invoke(app, [*options, *extra])
        assert result.exit_code == 0, result.output
        found = next(m for m in json.loads(result.output) if m["policy_id"] == "guizhou_digital_transformation")
        return [benefit["amount_yuan"] for benefit in found["benefits"]]

    assert guizhou_amounts() == [2_000_000]  # the bundled file, for work offline
    assert guizhou_amounts("--from-database") == [2_500_000]
    listed = cli.invoke(app, ["policies", "list", "--region", "520102", "--from-database", "--json"])
    assert listed.exit_code == 0 and "guizhou_digital_transformation" in listed.output
    both = cli.invoke(app, [*options, "--from-database", "--policies", "x.yaml"])
    assert both.exit_code == 2
