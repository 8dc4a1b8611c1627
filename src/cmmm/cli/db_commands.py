"""``cmmm db ...`` and ``cmmm audit ...``: bring the database's schema up to date, and check the audit trail.

The database is the one named by ``CMMM_DATABASE_URL``, else ``cmmm.db`` in the user's data directory
(``CMMM_DATA_DIR``, by default ``~/.local/share/cmmm``).
"""

from __future__ import annotations

import typer

from cmmm.cli.output import LANG_OPTION, Language, say, user_errors, write_stdout
from cmmm.settings import Settings

db_app = typer.Typer(help="数据库：升级结构 / database: schema upgrades", no_args_is_help=True)
audit_app = typer.Typer(help="审计记录：校验 / audit trail: verification", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade_command(lang: Language = LANG_OPTION) -> None:
    """把数据库结构升级到最新版本（空库则新建） / upgrade the schema to the newest revision (creates it)."""
    from cmmm.services.maintenance import upgrade_database
    from cmmm.store.database import display_url

    with user_errors(lang):
        settings = Settings.from_env()
        before, after = upgrade_database(settings)
        where = display_url(settings.database_url)
        if before == after:
            write_stdout(say(lang, f"{where}：已是最新版本 {after}", f"{where}: already at {after}"))
        else:
            write_stdout(say(lang, f"{where}：{before or '空'} -> {after}", f"{where}: {before or 'empty'} -> {after}"))


@db_app.command("check")
def check_command(lang: Language = LANG_OPTION) -> None:
    """检查数据库结构与代码一致（同 alembic check） / check the schema matches the code (as alembic check)."""
    from cmmm.services.maintenance import schema_check

    with user_errors(lang):
        settings = Settings.from_env()
        differences = schema_check(settings)
        if differences:
            problems = "\n".join(f"  - {d}" for d in differences)
            typer.echo(
                say(lang, f"数据库结构与代码不一致：\n{problems}", f"the schema differs from the code:\n{problems}"),
                err=True,
            )
            raise typer.Exit(1)
        write_stdout(say(lang, "数据库结构与代码一致", "the schema matches the code"))


@audit_app.command("verify")
def verify_command(lang: Language = LANG_OPTION) -> None:
    """校验审计记录的哈希链，指出第一条被改动的记录 / verify the hash chain; name the first broken entry."""
    from cmmm.services.actors import SYSTEM
    from cmmm.services.audit_trail import verify_audit_trail
    from cmmm.services.maintenance import command_platform

    with user_errors(lang), command_platform(Settings.from_env()) as platform:
        checked = verify_audit_trail(platform, SYSTEM)
        write_stdout(say(lang, f"审计记录完好：{checked} 条", f"audit trail intact: {checked} entries"))
