"""The ``cmmm`` command: thin edges over the model and the engine, Chinese by default (``--lang en``)."""

from __future__ import annotations

import sys

import typer

from cmmm.cli.model_commands import model_app
from cmmm.cli.score_command import score_command

app = typer.Typer(
    help="智能制造能力成熟度评估平台 / Intelligent manufacturing capability maturity (CMMM) platform",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(model_app, name="model")
app.command("score")(score_command)


def run() -> None:
    """Entry point: a bug is reported in one line, never as a traceback (the domain errors exit 1 earlier)."""
    try:
        app()
    except Exception as error:
        typer.echo(f"内部错误 / internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(1)
