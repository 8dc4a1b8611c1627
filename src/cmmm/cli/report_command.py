"""``cmmm report`` and ``cmmm compare``: reports of answers files for assessors working offline.

The same answers file as ``cmmm score``, with the optional ``enterprise`` object (docs/reports.md), becomes
a PDF, Word or Excel file; two answers files of one enterprise become a comparison report (后评价). The
file is written only when the whole report was rendered, through a temporary file in the same folder,
so a failure never leaves a partial output behind.
"""

from __future__ import annotations

import os
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from cmmm.cli.answers_io import parse_answers_text
from cmmm.cli.model_commands import resolve_model
from cmmm.cli.output import LANG_OPTION, Language, say, user_errors
from cmmm.engine.answers import answers_from_json
from cmmm.engine.result import Result
from cmmm.engine.scoring import score
from cmmm.errors import AnswersInvalid, CmmmError, Lang
from cmmm.model.schema import Model
from cmmm.reports.comparison import compare
from cmmm.reports.enterprise import Enterprise, enterprise_from_json
from cmmm.reports.errors import WorkbookInvalid


class ReportFormat(StrEnum):
    pdf = "pdf"
    docx = "docx"
    xlsx = "xlsx"


class ComparisonFormat(StrEnum):
    pdf = "pdf"
    docx = "docx"


class ReportWriteFailed(CmmmError):
    """The output file could not be written (no such folder, no permission, disk full)."""


OUTPUT_OPTION = typer.Option("-o", "--output", help="输出文件 / output file")
ENTERPRISE_OPTION = typer.Option(
    "--enterprise", help="企业信息 JSON 文件，替代答案文件中的 enterprise / enterprise details file (JSON)"
)

RATINGS_OPTION = typer.Option(
    "--ratings", help="从 Excel 评分导出读取评分，替代答案文件中的 ratings / ratings from an edited Excel export"
)


def _lang(lang: Language) -> Lang:
    return "en" if lang is Language.en else "zh"


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AnswersInvalid(f"无法读取 {path}：{error}", f"cannot read {path}: {error}") from None
    return parse_answers_text(text, str(path))


def _scored(path: Path, workbook: Path | None = None) -> tuple[Model, Result, Any]:
    """Score an answers file; with ``workbook``, the ratings come from an edited Excel export instead."""
    data = _read_json(path)
    answers_from_json(data)  # the file's own problems first, located in the file
    model = resolve_model(data.get("model"))
    if workbook is not None:
        try:
            content = workbook.read_bytes()
        except OSError as error:
            raise WorkbookInvalid(f"无法读取 {workbook}：{error}", f"cannot read {workbook}: {error}") from None
        from cmmm.reports.ratings_workbook import ratings_from_workbook

        data = {**data, "ratings": ratings_from_workbook(content, model)}
    return model, score(model, answers_from_json(data)), data


def _enterprise(data: Any, enterprise_file: Path | None, model: Model) -> Enterprise:
    if enterprise_file is not None:
        return enterprise_from_json(_read_json(enterprise_file), model, str(enterprise_file))
    return enterprise_from_json(data.get("enterprise"), model)


def _format_of(given: str | None, output: Path, lang: Language, choices: tuple[str, ...]) -> str:
    """The format given, or the one the output's suffix names (``report.docx`` -> docx)."""
    name = given or output.suffix.lstrip(".").lower()
    if name not in choices:
        raise typer.BadParameter(
            say(lang, f"请用 --format 指定格式（{'|'.join(choices)}）", f"give --format ({'|'.join(choices)})")
        )
    return name


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` whole or not at all: a temporary file in the same folder, then a rename."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ReportWriteFailed(f"无法写入 {path}：{error}", f"cannot write {path}: {error}") from None


def report_command(
    answers_file: Annotated[Path, typer.Argument(help="答案文件 / answers file (JSON)")],
    output: Annotated[Path, OUTPUT_OPTION],
    report_format: Annotated[ReportFormat | None, typer.Option("--format", help="pdf | docx | xlsx")] = None,
    enterprise_file: Annotated[Path | None, ENTERPRISE_OPTION] = None,
    ratings_file: Annotated[Path | None, RATINGS_OPTION] = None,
    lang: Language = LANG_OPTION,
) -> None:
    """生成评估报告（PDF、Word）或评分导出（Excel）/ write an assessment report or the ratings export."""
    from cmmm.reports.build import build_report  # the rendering stack loads only for these two commands
    from cmmm.reports.registry import renderer_for

    name = _format_of(report_format.value if report_format else None, output, lang, tuple(ReportFormat))
    with user_errors(lang):
        renderer = renderer_for(name)
        model, result, data = _scored(answers_file, ratings_file)
        enterprise = _enterprise(data, enterprise_file, model)
        report = build_report(model, result, answers_from_json(data), enterprise, _lang(lang))
        write_atomically(output, renderer.render(report))


def compare_command(
    before_file: Annotated[Path, typer.Argument(help="改进前的答案文件 / answers before the project")],
    after_file: Annotated[Path, typer.Argument(help="改进后的答案文件 / answers after the project")],
    output: Annotated[Path, OUTPUT_OPTION],
    report_format: Annotated[ComparisonFormat | None, typer.Option("--format", help="pdf | docx")] = None,
    enterprise_file: Annotated[Path | None, ENTERPRISE_OPTION] = None,
    lang: Language = LANG_OPTION,
) -> None:
    """生成两次评估的对比报告（后评价）/ write a comparison report of two assessments (before and after)."""
    from cmmm.reports.comparison_report import build_comparison_report
    from cmmm.reports.registry import renderer_for

    name = _format_of(report_format.value if report_format else None, output, lang, tuple(ComparisonFormat))
    with user_errors(lang):
        renderer = renderer_for(name, comparison=True)
        model, before, _ = _scored(before_file)
        _, after, after_data = _scored(after_file)
        enterprise = _enterprise(after_data, enterprise_file, model)
        comparison = compare(model, before, after)
        report = build_comparison_report(model, comparison, before, after, enterprise, _lang(lang))
        assert renderer.render_comparison is not None
        write_atomically(output, renderer.render_comparison(report))
