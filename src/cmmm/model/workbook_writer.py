"""Write a whole model into an Excel workbook that an assessment body can edit and import again.

Every value of the model has a cell, so importing the untouched workbook gives the same content hash (R14):
decimals that a float cannot carry exactly are written as text, and texts are never taken for formulas.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cmmm.model import workbook_layout as layout
from cmmm.model.schema import Model, Requirement
from cmmm.model.workbook_layout import Entry, Field
from cmmm.model.workbook_readme import readme_lines

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")


def model_to_workbook(model: Model) -> bytes:
    """The model as an .xlsx file: a readme, then one sheet per part of the model (see workbook_layout)."""
    locales = workbook_locales(model)
    book = Workbook()
    readme = book.active
    readme.title = layout.README
    _write_readme(readme, model)
    _write_requirements(book.create_sheet(layout.REQUIREMENTS), model, locales)
    _write_structure(book.create_sheet(layout.STRUCTURE), model, locales)
    _write_entries(book.create_sheet(layout.ENVELOPE), layout.ENVELOPE_ENTRIES, _envelope_values(model), locales)
    _write_table(book.create_sheet(layout.LEVELS), layout.LEVEL_FIELDS, locales, _dumps(model.levels))
    _write_table(book.create_sheet(layout.GRADES), layout.GRADE_FIELDS, locales, _dumps(model.method.grades))
    _write_table(book.create_sheet(layout.BANDS), layout.BAND_FIELDS, locales, _dumps(model.method.bands))
    method = {name: getattr(model.method, name) for name in ("threshold", "display_decimals", "rounding")}
    _write_entries(book.create_sheet(layout.METHOD), layout.METHOD_ENTRIES, method, locales)
    _write_table(book.create_sheet(layout.PATHS), layout.PATH_FIELDS, locales, _dumps(model.paths))
    _write_templates(book.create_sheet(layout.TEMPLATES), model, locales)
    book.properties.creator = "cmmm"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def workbook_locales(model: Model) -> list[str]:
    """The model's locales, then any other locale some text carries, so that no text is left out."""
    codes = list(model.locales)
    for text in _localized_texts(model):
        codes.extend(code for code in text if code not in codes)
    return codes


def _localized_texts(model: Model) -> Iterator[dict[str, str]]:
    yield from (model.title, model.publisher, model.provenance.statement)
    yield from (text for level in model.levels for text in (level.name, level.description))
    yield from (grade.label for grade in model.method.grades)
    yield from (band.name for band in model.method.bands)
    yield from (path.name for path in model.paths)
    yield from (template.rationale for template in model.weight_templates)
    for element in model.elements:
        yield element.name
        for domain in element.domains:
            yield domain.name
            for sub in domain.subdomains:
                yield sub.name
                for req in sub.requirements:
                    yield from (req.text, req.question, *req.evidence, *req.text_by_path.values())
                    if req.guidance is not None:
                        yield req.guidance


def _dumps(items: Sequence[Any]) -> list[dict[str, Any]]:
    return [_flat(item.model_dump(mode="python")) for item in items]


def _flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"name": {"zh": ..}}`` -> ``{"name.zh": ..}``: row values keyed like the columns."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _requirement_fields(model: Model) -> list[Field]:
    fields = list(layout.REQUIREMENT_FIELDS)
    at = fields.index(next(f for f in fields if f.key == "text")) + 1
    fields[at:at] = [layout.path_wording(path.id) for path in model.paths]
    return fields


def _requirement_row(req: Requirement, ids: dict[str, str], locales: Sequence[str]) -> dict[str, Any]:
    row: dict[str, Any] = {**ids, "id": req.id, "level": req.level}
    row.update(_flat({"text": req.text, "question": req.question, "text_by_path": req.text_by_path}))
    if req.guidance is not None:
        row.update(_flat({"guidance": req.guidance}))
    for code in locales:
        lines = [item.get(code, "") for item in req.evidence]
        row[f"evidence.{code}"] = "\n".join(lines) if any(lines) else None
    return row


def _write_requirements(sheet: Worksheet, model: Model, locales: Sequence[str]) -> None:
    rows: list[dict[str, Any]] = []
    for element in model.elements:
        for domain in element.domains:
            for sub in domain.subdomains:
                ids = {"element": element.id, "domain": domain.id, "subdomain": sub.id}
                rows.extend(_requirement_row(req, ids, locales) for req in sub.requirements)
    _write_table(sheet, _requirement_fields(model), locales, rows, freeze="F3")


def _write_structure(sheet: Worksheet, model: Model, locales: Sequence[str]) -> None:
    rows = []
    for element in model.elements:
        for domain in element.domains:
            for sub in domain.subdomains:
                names = {"element_name": element.name, "domain_name": domain.name, "subdomain_name": sub.name}
                ids = {"element": element.id, "domain": domain.id, "subdomain": sub.id, "weight": sub.weight}
                rows.append({**ids, **_flat(names)})
    _write_table(sheet, layout.STRUCTURE_FIELDS, locales, rows)


def _write_templates(sheet: Worksheet, model: Model, locales: Sequence[str]) -> None:
    domains = [domain.id for element in model.elements for domain in element.domains]
    for template in model.weight_templates:
        domains.extend(d for d in template.weights if d not in domains)
    fields = [*layout.TEMPLATE_FIELDS, *(layout.domain_weight(d) for d in domains)]
    rows = [_flat(t.model_dump(mode="python")) for t in model.weight_templates]
    _write_table(sheet, fields, locales, rows, freeze="B3")


def _envelope_values(model: Model) -> dict[str, Any]:
    return {
        "schema_version": model.schema_version,
        "id": model.id,
        "version": model.version,
        "provenance.kind": model.provenance.kind,
        "provenance.based_on": "\n".join(model.provenance.based_on),
        "locales": "\n".join(model.locales),
        **_flat({"title": model.title, "publisher": model.publisher}),
        **_flat({"provenance.statement": model.provenance.statement}),
    }


def _write_entries(sheet: Worksheet, entries: Sequence[Entry], values: dict[str, Any], locales: Sequence[str]) -> None:
    rows = []
    for key, entry, code in layout.entry_keys(entries, locales):
        if entry.kind == "localized" and key not in values:
            continue
        language = f"（{layout.LANGUAGES.get(code, (code,))[0]}）" if code else ""
        rows.append({"key": key, "meaning": f"{entry.zh}{language} / {entry.en}", "value": values.get(key)})
    _write_table(sheet, layout.KEY_VALUE_FIELDS, locales, rows, freeze="B3", text_columns={"value"})


def _write_table(
    sheet: Worksheet,
    fields: Sequence[Field],
    locales: Sequence[str],
    rows: Sequence[dict[str, Any]],
    freeze: str = "A3",
    text_columns: frozenset[str] | set[str] = frozenset(),
) -> None:
    """Two header rows (Chinese, English), then a row per item; headers frozen, long texts wrapped."""
    columns = layout.columns_of(fields, locales)
    for index, column in enumerate(columns, start=1):
        for row, header in ((1, column.zh), (2, column.en)):
            target = sheet.cell(row=row, column=index, value=header)
            target.font, target.fill, target.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for number, values in enumerate(rows, start=layout.FIRST_DATA_ROW):
        for index, column in enumerate(columns, start=1):
            _put(sheet, number, index, values.get(column.key), column.as_text or column.key in text_columns)
    sheet.freeze_panes = freeze


def _put(sheet: Worksheet, row: int, column: int, value: Any, as_text: bool) -> None:
    target = sheet.cell(row=row, column=column)
    target.alignment = _WRAP
    if value is None:
        return
    if isinstance(value, Decimal):
        value = _cell_number(value)
    target.value = value
    if isinstance(value, str):
        target.data_type = "s"  # a text that starts with "=" stays a text, not a formula
    if as_text:
        target.number_format = "@"


def _cell_number(value: Decimal) -> int | float | str:
    """A number where the cell gives back the same decimal, else its text (``0.80`` would come back as ``0.8``).

    openpyxl writes ``%.16g`` and reads a number with a point or an exponent as a float, others as an int;
    the reader turns a float into ``Decimal(repr(float))``.
    """
    written = f"{float(value):.16g}"
    number: int | float = float(written) if set(written) & set(".eE") else int(written)
    read = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    return number if str(read) == str(value) else str(value)


def _write_readme(sheet: Worksheet, model: Model) -> None:
    sheet.column_dimensions["A"].width = 120
    for number, (line, bold) in enumerate(readme_lines(model), start=1):
        target = sheet.cell(row=number, column=1, value=line)
        target.data_type = "s"
        target.alignment = _WRAP
        target.font = Font(bold=bold)
