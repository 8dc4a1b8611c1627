"""``cmmm policies ...``: match an enterprise against the regional policies, list them, validate a policy file.

The policies are the bundled file unless ``--policies FILE`` names an edited one (checked like any policy
file). Amounts are printed in yuan; ``--json`` gives the shape of :mod:`cmmm.engine.policy_serialize`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from cmmm.cli.output import LANG_OPTION, Language, say, table, user_errors, write_stdout
from cmmm.cli.policy_output import match_text, policy_heading
from cmmm.codes.regions import full_name, validate_region_code
from cmmm.engine.policy_conditions import EnterpriseFacts
from cmmm.engine.policy_match import match_policies, policies_for_region
from cmmm.engine.policy_serialize import match_to_dict, policy_summary
from cmmm.errors import Lang
from cmmm.model.policy_loader import bundled_policies, load_policies_file
from cmmm.model.policy_schema import PolicySet
from cmmm.settings import Settings

policy_app = typer.Typer(help="政策：匹配、列表、校验 / policies: match, list, validate", no_args_is_help=True)

PoliciesOption = Annotated[
    Path | None,
    typer.Option("--policies", help="政策文件（默认为内置文件）/ policy file (default: the bundled one)"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="输出 JSON / print JSON")]
DatabaseOption = Annotated[
    bool,
    typer.Option(
        "--from-database",
        help="使用平台数据库中当前生效的政策（网页中编辑的版本，CMMM_DATABASE_URL）"
        "/ the active policies of the platform's database (as edited in the web app, CMMM_DATABASE_URL)",
    ),
]


def resolve_policies(path: Path | None, from_database: bool = False, lang: Language = Language.zh) -> PolicySet:
    """The bundled file by default (for work offline), a given file, or the set officials edited on the server."""
    if path is not None and from_database:
        raise typer.BadParameter(
            say(lang, "--policies 与 --from-database 只能选一个", "give either --policies or --from-database")
        )
    if from_database:
        from cmmm.services.maintenance import command_platform
        from cmmm.services.policy_editing import active_policies

        with command_platform(Settings.from_env()) as platform:
            return active_policies(platform)
    return bundled_policies() if path is None else load_policies_file(path)


def _print_json(data: Any) -> None:
    write_stdout(json.dumps(data, ensure_ascii=False, indent=2))


@policy_app.command("match")
def match_command(
    region: Annotated[str, typer.Option("--region", help="企业所在行政区划代码 / the enterprise's region code")],
    level: Annotated[int, typer.Option("--level", min=0, max=5, help="成熟度等级（0 为尚无）/ maturity level")],
    above_size: Annotated[bool, typer.Option("--above-size", help="规上企业 / above designated size")] = False,
    certified: Annotated[
        bool, typer.Option("--certified", help="持有有效证书（否则为自评估）/ holds a valid certificate")
    ] = False,
    first_time: Annotated[bool, typer.Option("--first-time", help="首次通过该等级 / first pass at this level")] = False,
    benchmark: Annotated[bool, typer.Option("--benchmark", help="已认定为标杆企业 / recognized benchmark")] = False,
    investment: Annotated[
        int | None, typer.Option("--investment", min=0, help="符合条件项目的总投资（元）/ project investment (yuan)")
    ] = None,
    lists: Annotated[
        list[str] | None, typer.Option("--list", help="所在名单（可重复）/ a named list it is on (repeatable)")
    ] = None,
    policies_file: PoliciesOption = None,
    from_database: DatabaseOption = False,
    as_json: JsonOption = False,
    lang: Language = LANG_OPTION,
) -> None:
    """列出适用于企业的政策及其收益（金额以元计）/ list the policies matching an enterprise, with benefits."""
    with user_errors(lang):
        policy_set = resolve_policies(policies_file, from_database, lang)
        facts = EnterpriseFacts(
            region=validate_region_code(region, "--region"),
            level=level,
            result="certified" if certified else "self_declared",
            certificate_valid=certified,
            first_time=first_time,
            above_designated_size=above_size,
            recognitions=frozenset({"benchmark"} if benchmark else ()),
            lists=frozenset(lists or ()),
            investment_yuan=investment,
        )
        names = {item.id: item.name for item in policy_set.lists}
        matches = match_policies(policy_set.policies, facts, list_names=names)
        if as_json:
            _print_json([match_to_dict(m) for m in matches])
            return
        if not matches:
            write_stdout(say(lang, "该地区没有适用的政策", "no policy applies in this region"))
            return
        write_stdout("\n\n".join(match_text(m, lang) for m in matches))


@policy_app.command("list")
def list_command(
    region: Annotated[
        str | None, typer.Option("--region", help="只列出适用于该地区企业的政策 / only policies for this region")
    ] = None,
    policies_file: PoliciesOption = None,
    from_database: DatabaseOption = False,
    as_json: JsonOption = False,
    lang: Language = LANG_OPTION,
) -> None:
    """列出政策（含上级地区和全国的政策）/ list the policies (a region's own, its parents' and national ones)."""
    with user_errors(lang):
        policies = list(resolve_policies(policies_file, from_database, lang).policies)
        if region is not None:
            policies = policies_for_region(policies, validate_region_code(region, "--region"))
        if as_json:
            _print_json([policy_summary(p) for p in policies])
            return
        code: Lang = "en" if lang == Language.en else "zh"
        headers = (
            ["政策", "地区", "类型", "年份", "文件"] if code == "zh" else ["Policy", "Region", "Kind", "Year", "Title"]
        )
        rows = [
            [p.id, f"{full_name(p.region, code)} {p.region}", p.kind, str(p.year or "-"), p.title[code]]
            for p in policies
        ]
        write_stdout(table(headers, rows))


@policy_app.command("validate")
def validate_command(
    file: Annotated[Path, typer.Argument(help="政策文件 / policy file (YAML)")],
    lang: Language = LANG_OPTION,
) -> None:
    """校验政策文件，列出全部问题及其位置 / validate a policy file, listing every problem and where."""
    with user_errors(lang):
        policy_set = load_policies_file(file)
        count = len(policy_set.policies)
        write_stdout(
            say(
                lang,
                f"有效：{policy_set.id}@{policy_set.version}，{count} 条政策",
                f"valid: {policy_set.id}@{policy_set.version}, {count} policies",
            )
        )
        for policy in policy_set.policies:
            write_stdout("  " + policy_heading(policy, lang))
