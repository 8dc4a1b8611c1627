"""``cmmm users ...`` and ``cmmm orgs ...``: create organizations and users from the command line, as the
operator of the database (the first platform admin is created this way).

A password is read from a hidden prompt, or from standard input with ``--password-stdin`` for scripts; it
is never an argument, so it does not end up in the shell's history or the process list.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from cmmm.cli.output import LANG_OPTION, Language, say, user_errors, write_stdout
from cmmm.services.actors import SYSTEM, OrganizationKind, Role
from cmmm.settings import Settings

users_app = typer.Typer(help="用户：创建 / users: create", no_args_is_help=True)
orgs_app = typer.Typer(help="机构：创建 / organizations: create", no_args_is_help=True)


@users_app.command("create")
def create_user_command(
    username: Annotated[str, typer.Argument(help="用户名 / user name")],
    roles: Annotated[list[Role], typer.Option("--role", "-r", help="角色，可重复 / role, repeatable")],
    organization: Annotated[int | None, typer.Option("--org", help="所属机构 id / organization id")] = None,
    display_name: Annotated[str, typer.Option("--name", help="显示名 / display name")] = "",
    high_maturity: Annotated[
        bool, typer.Option("--high-maturity", help="高成熟度主任评估师 / high-maturity lead assessor")
    ] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="从标准输入读取密码 / read the password from stdin")
    ] = False,
    lang: Language = LANG_OPTION,
) -> None:
    """创建用户 / create a user."""
    from cmmm.services.accounts import create_user
    from cmmm.services.maintenance import command_platform

    with user_errors(lang), command_platform(Settings.from_env()) as platform:
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = typer.prompt(say(lang, "密码", "password"), hide_input=True, confirmation_prompt=True)
        user_id = create_user(
            platform, SYSTEM, username, password, roles, organization, display_name, high_maturity=high_maturity
        )
        write_stdout(say(lang, f"已创建用户 {username}（id {user_id}）", f"created user {username} (id {user_id})"))


@orgs_app.command("create")
def create_organization_command(
    kind: Annotated[OrganizationKind, typer.Argument(help="机构类别 / kind")],
    name: Annotated[str, typer.Argument(help="名称 / name")],
    region: Annotated[str | None, typer.Option("--region", help="行政区划代码 / region code")] = None,
    lang: Language = LANG_OPTION,
) -> None:
    """创建评估机构、专家委员会、主管部门、投资方或供应商 / create a body, committee, department or viewer.

    企业通过注册或 ``cmmm demo seed`` 产生 / enterprises register, or come from ``cmmm demo seed``.
    """
    from cmmm.services.accounts import create_organization
    from cmmm.services.maintenance import command_platform

    with user_errors(lang), command_platform(Settings.from_env()) as platform:
        organization_id = create_organization(platform, SYSTEM, kind, name, region)
        write_stdout(say(lang, f"已创建机构 {name}（id {organization_id}）", f"created {name} (id {organization_id})"))
