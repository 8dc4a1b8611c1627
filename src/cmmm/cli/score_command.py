"""``cmmm score``: score an answers file, or a JSON Lines batch of them (docs/answers-format.md)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from cmmm.cli.answers_io import ModelCache, parse_answers_text, score_data
from cmmm.cli.batch_scoring import default_workers, score_lines
from cmmm.cli.model_commands import resolve_model
from cmmm.cli.output import LANG_OPTION, Language, say, table, user_errors, write_stdout
from cmmm.errors import AnswersInvalid
from cmmm.model.schema import Model


def score_command(
    answers_file: Annotated[Path | None, typer.Argument(help="答案文件 / answers file (JSON)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / print JSON")] = False,
    jsonl: Annotated[
        Path | None,
        typer.Option("--jsonl", help="批量：每行一个答案对象 / batch, one per line ('-' = stdin)"),
    ] = None,
    full: Annotated[bool, typer.Option("--full", help="批量时输出完整结果 / full results in batch mode")] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="批量时使用的进程数（默认：CPU 核数）/ processes for a batch (default: the number of CPU cores)",
        ),
    ] = None,
    lang: Language = LANG_OPTION,
) -> None:
    """计算成熟度得分与等级 / score an assessment and determine its maturity level."""
    if (answers_file is None) == (jsonl is None):
        raise typer.BadParameter(
            say(lang, "请给出一个答案文件，或使用 --jsonl FILE", "give one answers file, or --jsonl FILE")
        )
    if jsonl is not None:
        raise typer.Exit(score_batch(jsonl, lang.value, full, workers or default_workers()))
    assert answers_file is not None
    with user_errors(lang):
        text = _read(answers_file)
        data = parse_answers_text(text, str(answers_file))
        output = score_data(data, ModelCache(), lang.value)
        if as_json:
            write_stdout(json.dumps(output, ensure_ascii=False, indent=2))
        else:
            write_stdout(summary_text(output, resolve_model(data.get("model")), lang))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AnswersInvalid(f"无法读取 {path}：{error}", f"cannot read {path}: {error}") from None


def score_batch(path: Path, lang: str, full: bool, workers: int | None = None) -> int:
    """One result per input line, in order; a bad line yields an error object and the batch goes on.

    Returns the exit status: 0 when every line scored, 1 when any line failed or the input cannot be read.
    """
    try:
        failures = score_lines(path, lang, full, workers)
    except BrokenPipeError:  # the reader stopped early (``| head``): nothing to report, and nothing more to write
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (OSError, UnicodeDecodeError) as error:
        typer.echo(say_code(lang, f"无法读取 {path}：{error}", f"cannot read {path}: {error}"), err=True)
        return 1
    return 1 if failures else 0


def say_code(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def summary_text(output: dict[str, Any], model: Model, lang: Language) -> str:
    code = lang.value
    lines = [
        say(lang, f"模型：{model.ref}（{model.title[code]}）", f"Model: {model.ref} ({model.title[code]})"),
        model.provenance.statement[code],
        say(
            lang,
            f"行业路径：{_path_name(model, output['industry'], code)}　目标等级：{output['target_level']}",
            f"Industry path: {_path_name(model, output['industry'], code)}   target level: {output['target_level']}",
        ),
        say(
            lang,
            f"成熟度得分：{output['total_score']:.2f}　成熟度等级：{output['level_name']}",
            f"Maturity score: {output['total_score']:.2f}   maturity level: {output['level_name']}",
        ),
        "",
        table(
            say(lang, "等级|名称|等级得分|满足|计入总分", "Level|Name|Level score|Satisfied|Counted").split("|"),
            [_level_row(lv, model, lang) for lv in output["levels"]],
        ),
    ]
    if output["explanation"]["quirk"]:
        lines.append(
            say(
                lang,
                "注意：满足的等级多于按分段表判定的等级（R13），以分段表为准。",
                "Note: more levels are satisfied than the band table grants (R13); the band table governs.",
            )
        )
    lines.extend(_blocker_lines(output, model, lang))
    lines.extend(_path_lines(output, lang))
    return "\n".join(lines)


def _path_name(model: Model, path_id: str, code: str) -> str:
    path = next((p for p in model.paths if p.id == path_id), None)
    return path.name[code] if path else path_id


def _level_row(lv: dict[str, Any], model: Model, lang: Language) -> list[str]:
    level = model.level(lv["level"])
    yes, no = say(lang, "是", "yes"), say(lang, "否", "no")
    score_text = "-" if lv["score"] is None else f"{lv['score']:.2f}"
    return [
        str(lv["level"]),
        level.name[lang.value] if level else "",
        score_text,
        yes if lv["satisfied"] else no,
        yes if lv["counted"] else no,
    ]


def _blocker_lines(output: dict[str, Any], model: Model, lang: Language) -> Iterator[str]:
    explanation = output["explanation"]
    level = explanation["first_unsatisfied_level"]
    if level is None:
        return
    yield ""
    yield say(
        lang,
        f"第 {level} 级未满足；制约该级的要求（影响 = 提升为全部满足后该级得分的增加）：",
        f"Level {level} is not satisfied; the requirements holding it back "
        "(impact = rise of its score if fully satisfied):",
    )
    rows = []
    for blocker in explanation["blockers"][:15]:
        requirement = model.index.requirements[blocker["requirement_id"]]
        grade = model.grade(blocker["grade"])
        rows.append(
            [
                blocker["requirement_id"],
                grade.label[lang.value] if grade else blocker["grade"],
                f"+{blocker['impact']:.2f}",
                _shorten(requirement.text[lang.value], 48),
            ]
        )
    yield table(say(lang, "要求|满足程度|影响|条款", "Requirement|Grade|Impact|Clause").split("|"), rows)
    if len(explanation["blockers"]) > 15:
        more = len(explanation["blockers"]) - 15
        yield say(lang, f"……另有 {more} 条，见 --json 输出", f"... {more} more, see --json")


def _path_lines(output: dict[str, Any], lang: Language) -> Iterator[str]:
    path = output["shortest_path"]
    if path is None:
        return
    yield ""
    if not path["reachable"]:
        yield say(lang, path["reason"], path["reason_en"])
        return
    target = path["target_level"]
    ids = "、".join(step["requirement_id"] for step in path["steps"])
    yield say(
        lang,
        f"达到 {target} 级的最短提升路径：{path['changes']} 项改进（提升为全部满足）：{ids}",
        f"Shortest path to level {target}: {path['changes']} change(s) to fully satisfied: "
        + ", ".join(step["requirement_id"] for step in path["steps"]),
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
