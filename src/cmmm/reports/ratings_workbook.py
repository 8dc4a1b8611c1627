"""Excel round trip of an assessment's ratings: export a row per requirement, re-import them as ratings.

The export is what an assessor edits offline; the import reads the ratings sheet back into
``{requirement id: grade id}`` for a new assessment. Columns are found by their header (Chinese or
English), so reordered columns still import. The import changes nothing unless the whole sheet is sound:
it raises :class:`WorkbookInvalid` listing every faulty cell as ``sheet!A1`` (sheet, column, row).
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cmmm.errors import Problem
from cmmm.model.schema import Model
from cmmm.reports.errors import WorkbookInvalid
from cmmm.reports.report_model import ReportModel, RequirementRow

SHEET_NAMES = {"zh": "评分", "en": "Ratings"}
ABOUT_NAMES = {"zh": "说明", "en": "About"}
COLUMNS: tuple[tuple[str, str, str, float], ...] = (
    ("requirement_id", "要求编号", "Requirement id", 16),
    ("level", "等级", "Level", 6),
    ("domain_id", "能力域编号", "Domain id", 13),
    ("subdomain_id", "能力子域编号", "Sub-domain id", 16),
    ("subdomain", "能力子域", "Sub-domain", 16),
    ("text", "条款", "Clause", 70),
    ("grade", "满足程度编号", "Grade id", 12),
    ("grade_label", "满足程度", "Grade", 14),
    ("points", "分值", "Points", 7),
    ("evidence", "证据数", "Evidence", 8),
    ("notes", "备注", "Notes", 30),
)
"""(key, Chinese header, English header, column width); ``grade`` is what the import reads."""


def _row_values(row: RequirementRow) -> tuple[Any, ...]:
    return (
        row.requirement_id,
        row.level,
        row.domain_id,
        row.subdomain_id,
        row.subdomain_name,
        row.text,
        row.grade_id,
        row.grade_label,
        row.points,
        row.evidence_count,
        row.note,
    )


def render_xlsx(report: ReportModel) -> bytes:
    """The ratings sheet (one row per in-scope requirement) and an about sheet with the model and result."""
    index = 1 if report.lang == "zh" else 2
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAMES[report.lang]
    sheet.append([column[index] for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EEF5")
    for row in report.appendix:
        sheet.append(_row_values(row))
    for number, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column[3]
    wrap = Alignment(wrap_text=True, vertical="top")
    for (cell,) in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        cell.alignment = wrap
    sheet.freeze_panes = "B2"
    grades = sorted({row.grade_id for row in report.appendix if row.grade_id})
    if grades:
        validation = DataValidation(type="list", formula1='"' + ",".join(grades) + '"', allow_blank=True)
        sheet.add_data_validation(validation)
        grade_column = get_column_letter(1 + [c[0] for c in COLUMNS].index("grade"))
        validation.add(f"{grade_column}2:{grade_column}{sheet.max_row}")
    about = workbook.create_sheet(ABOUT_NAMES[report.lang])
    for field in (*report.cover, *report.summary):
        about.append([field.label, field.value])
    about.append([report.texts["provenance"], report.provenance])
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _invalid(problems: Sequence[Problem]) -> WorkbookInvalid:
    return WorkbookInvalid(
        f"评分工作簿有 {len(problems)} 处问题，未导入任何评分",
        f"the ratings workbook has {len(problems)} problem(s); nothing was imported",
        problems,
    )


def _open(data: bytes) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it does not read
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise _invalid([Problem("", f"不是有效的 .xlsx 文件：{error}", f"not a valid .xlsx file: {error}")]) from None


def _header_keys() -> dict[str, str]:
    keys = {}
    for key, zh, en, _ in COLUMNS:
        keys[zh] = keys[en.casefold()] = key
    return keys


def ratings_from_workbook(data: bytes, model: Model) -> dict[str, str]:
    """The ratings of the workbook's ratings sheet: ``{requirement id: grade id}``; rows without a grade are skipped.

    Raises :class:`WorkbookInvalid` with every problem (sheet, row and column of each) and returns nothing.
    """
    workbook = _open(data)
    try:
        name = next((n for n in workbook.sheetnames if n in SHEET_NAMES.values()), None)
        if name is None:
            wanted = " / ".join(SHEET_NAMES.values())
            raise _invalid(
                [Problem(", ".join(workbook.sheetnames), f"缺少工作表 {wanted}", f"the sheet {wanted} is missing")]
            )
        rows = list(workbook[name].iter_rows(values_only=True))
    finally:
        workbook.close()
    ratings: dict[str, str] = {}
    problems = list(_sheet_problems(name, rows, model, ratings))
    if problems:
        raise _invalid(problems)
    return ratings


def _columns(sheet: str, header: Sequence[Any]) -> tuple[dict[str, int], list[Problem]]:
    known = _header_keys()
    columns: dict[str, int] = {}
    for index, value in enumerate(header):
        key = known.get(str(value).strip().casefold()) if value is not None else None
        if key is not None:
            columns.setdefault(key, index)
    problems = []
    for key, zh, en, _ in COLUMNS:
        if key in ("requirement_id", "grade") and key not in columns:
            problems.append(Problem(f"{sheet}!1", f"缺少列“{zh}”", f"the column '{en}' is missing"))
    return columns, problems


def _grade_lookup(model: Model) -> dict[str, str]:
    """Grade ids, and their labels in every language, to grade ids: a label typed by hand still imports."""
    lookup = {}
    for grade in model.method.grades:
        lookup[grade.id] = grade.id
        for label in grade.label.values():
            lookup[label.casefold()] = grade.id
    return lookup


def _sheet_problems(
    sheet: str, rows: list[tuple[Any, ...]], model: Model, ratings: dict[str, str]
) -> Iterator[Problem]:
    if not rows:
        yield Problem(f"{sheet}!1", "工作表为空", "the sheet is empty")
        return
    columns, problems = _columns(sheet, rows[0])
    if problems:
        yield from problems
        return
    id_col, grade_col = columns["requirement_id"], columns["grade"]
    label_col = columns.get("grade_label")
    grades = _grade_lookup(model)
    first_row: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = [_text(row, id_col), _text(row, grade_col), _text(row, label_col)]
        rid, grade_text, label_text = cells
        if not any(cells):
            continue
        where_id = f"{sheet}!{get_column_letter(id_col + 1)}{number}"
        if rid not in model.index.requirements:
            yield Problem(where_id, f"未知的要求编号 {rid!r}", f"unknown requirement id {rid!r}")
            continue
        if rid in first_row:
            yield Problem(
                where_id, f"要求 {rid} 重复（首次出现于第 {first_row[rid]} 行）", f"{rid} repeats row {first_row[rid]}"
            )
            continue
        first_row[rid] = number
        given, column = (grade_text, grade_col) if grade_text else (label_text, label_col)
        if not given:
            continue
        grade = grades.get(given.casefold())
        if grade is None:
            allowed = ", ".join(g.id for g in model.method.grades)
            where = f"{sheet}!{get_column_letter((column or 0) + 1)}{number}"
            yield Problem(
                where, f"未知的满足程度 {given!r}（可用：{allowed}）", f"unknown grade {given!r} (allowed: {allowed})"
            )
            continue
        ratings[rid] = grade


def _text(row: tuple[Any, ...], column: int | None) -> str:
    if column is None or column >= len(row) or row[column] is None:
        return ""
    return str(row[column]).strip()
