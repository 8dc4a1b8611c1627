"""``cmmm demo seed``: fill the database with demo enterprises and their self-assessments, for trials."""

from __future__ import annotations

from typing import Annotated

import typer

from cmmm.cli.output import LANG_OPTION, Language, say, user_errors, write_stdout
from cmmm.settings import Settings

demo_app = typer.Typer(help="演示数据 / demo data", no_args_is_help=True)


@demo_app.command("seed")
def seed_command(
    enterprises: Annotated[
        int, typer.Option("--enterprises", "-n", min=1, help="企业数 / number of enterprises")
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="随机种子（可复现） / random seed (reproducible)")] = 1,
    process_examples: Annotated[
        int | None,
        typer.Option(
            "--process-examples",
            min=0,
            help="各流程步骤的示例评估数（默认每步一个）/ assessments at steps of the process (default: one per step)",
        ),
    ] = None,
    lang: Language = LANG_OPTION,
) -> None:
    """生成演示企业及其自评估 / generate demo enterprises with self-assessments."""
    from cmmm.services.actors import SYSTEM
    from cmmm.services.demo_process import STAGES, seed_process_examples
    from cmmm.services.demo_seed import seed_demo
    from cmmm.services.maintenance import command_platform

    if process_examples is None:
        process_examples = len(STAGES)
    with user_errors(lang), command_platform(Settings.from_env()) as platform:

        def progress(done: int) -> None:
            typer.echo(say(lang, f"已写入 {done} 家企业", f"{done} enterprises written"), err=True)

        report = seed_demo(platform, SYSTEM, enterprises, seed, progress)
        examples = seed_process_examples(platform, min(process_examples, enterprises)) if process_examples else []
        write_stdout(
            say(
                lang,
                f"已生成 {report.enterprises} 家企业、{report.self_assessments} 份自评估、"
                f"{len(examples)} 个处于各流程步骤的评估，用时 {report.seconds:.1f} 秒",
                f"seeded {report.enterprises} enterprises, {report.self_assessments} self-assessments and "
                f"{len(examples)} assessments at every step of the process in {report.seconds:.1f} s",
            )
        )
