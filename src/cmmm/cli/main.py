"""The ``cmmm`` command: thin edges over the model and the engine, Chinese by default (``--lang en``)."""

from __future__ import annotations

import sys

import typer

from cmmm.cli.db_commands import audit_app, db_app
from cmmm.cli.demo_commands import demo_app
from cmmm.cli.model_commands import model_app
from cmmm.cli.policy_commands import policy_app
from cmmm.cli.report_command import compare_command, report_command
from cmmm.cli.score_command import score_command
from cmmm.cli.serve_command import serve_command
from cmmm.cli.users_commands import orgs_app, users_app

app = typer.Typer(
    help="智能制造能力成熟度评估平台 / Intelligent manufacturing capability maturity (CMMM) platform",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(model_app, name="model")
app.add_typer(policy_app, name="policies")
app.add_typer(db_app, name="db")
app.add_typer(audit_app, name="audit")
app.add_typer(users_app, name="users")
app.add_typer(orgs_app, name="orgs")
app.add_typer(demo_app, name="demo")
app.command("score")(score_command)
app.command("report")(report_command)
app.command("compare")(compare_command)
app.command("serve")(serve_command)


def run() -> None:
    """Entry point: a bug is reported in one line, never as a traceback (the domain errors exit 1 earlier)."""
    try:
        app()
    except Exception as error:
        typer.echo(f"内部错误 / internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(1)
