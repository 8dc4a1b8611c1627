"""Reading one sheet of a model workbook as a table, and remembering which cell every model value came from.

Cells are converted the way the YAML loader would see the same values (decimals exact, texts stripped), so
the model rules apply unchanged; a :class:`Locator` then turns a problem's model path
(``elements[3].domains[0].subdomains[1].requirements[4].text.zh``) back into the cell (``要求!F12``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cmmm.errors import Problem
from cmmm.model.workbook_layout import FIRST_DATA_ROW, Dynamic, Field, cell, column_key, span


@dataclass
class Table:
    """The recognized columns of a sheet (key -> letter, key -> header) and its non-empty data rows."""

    sheet: str
    letters: dict[str, str] = field(default_factory=dict)
    headers: dict[str, tuple[str, str]] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)

    def localized_keys(self, name: str) -> list[str]:
        """The columns of a localized field, one per locale: ``text.zh``, ``text.en`` for ``text``."""
        return [key for key in self.letters if key.rpartition(".")[0] == name]


@dataclass
class Row:
    table: Table
    number: int
    values: dict[str, Any]

    def at(self, key: str) -> str:
        return cell(self.table.sheet, self.table.letters[key], self.number)

    def text(self, key: str) -> str | None:
        return as_text(self.values.get(key))


def read_table(
    sheet: Worksheet, name: str, fields: Sequence[Field], dynamic: Sequence[Dynamic], problems: list[Problem]
) -> Table:
    """Recognize the header rows, then read every row that has a value in a recognized column."""
    table = Table(name)
    columns: dict[int, str] = {}
    for index in range(1, sheet.max_column + 1):
        zh, en = (_header_text(sheet.cell(row=row, column=index).value) for row in (1, 2))
        if not zh and not en:
            continue
        letter = get_column_letter(index)
        key = column_key(zh, en, fields, dynamic)
        if key is None or key in table.letters:
            what_zh, what_en = (
                ("无法识别的列标题", "unknown column header") if key is None else ("重复的列", "duplicate column")
            )
            problems.append(Problem(cell(name, letter, 1), f"{what_zh}“{zh or en}”", f"{what_en} '{en or zh}'"))
            continue
        columns[index] = key
        table.letters[key] = letter
        table.headers[key] = (zh or en, en or zh)
    for number, values in enumerate(sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True), start=FIRST_DATA_ROW):
        row = {key: _clean(values[index - 1]) for index, key in columns.items() if index <= len(values)}
        if any(value is not None for value in row.values()):
            table.rows.append(Row(table, number, row))
    return table


def _header_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    return value


def as_text(value: Any) -> str | None:
    """A cell as text; a number that Excel made of an id or a version goes back to its digits."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def as_int(value: Any) -> Any:
    """An integer where the cell holds one (``3``, ``3.0``, ``"3"``), else the value for the model to reject."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return value


def as_decimal(value: Any) -> Any:
    """A float becomes the decimal of its shortest repr (``0.06``), as the YAML loader reads it."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def as_lines(value: Any) -> list[str]:
    """One item per line of the cell, blank lines dropped."""
    text = as_text(value)
    return [line.strip() for line in text.splitlines() if line.strip()] if text else []


def convert(kind: str, value: Any) -> Any:
    if kind == "int":
        return as_int(value)
    if kind == "decimal":
        return as_decimal(value)
    return as_text(value)


@dataclass(frozen=True)
class Site:
    location: str
    header: tuple[str, str] | None = None


class Locator:
    """Model paths -> the cell, range or sheet they were read from; the longest registered prefix wins."""

    def __init__(self) -> None:
        self._sites: dict[str, Site] = {}

    def add(self, path: str, location: str, header: tuple[str, str] | None = None) -> None:
        """The first registration of a path stays (an element named on several rows is located at its first)."""
        self._sites.setdefault(path, Site(location, header))

    def add_cells(
        self, sheet: str, leaves: Sequence[tuple[str, str, int, tuple[str, str] | None]], base: str = ""
    ) -> None:
        """Leaves (model path, column letter, row, header) and, as ranges, every path between them and ``base``."""
        groups: dict[str, list[tuple[str, int]]] = {}
        for path, letter, row, header in leaves:
            self.add(path, cell(sheet, letter, row), header)
            for prefix in prefixes(path):
                if len(prefix) > len(base):
                    groups.setdefault(prefix, []).append((letter, row))
        for prefix, cells in groups.items():
            self.add(prefix, span(sheet, cells))

    def find(self, path: str) -> Site | None:
        return next((self._sites[p] for p in (path, *prefixes(path)) if p in self._sites), None)


def prefixes(path: str) -> Iterator[str]:
    """``a[0].b.c`` -> ``a[0].b``, ``a[0]``, ``a``: the enclosing paths, longest first."""
    for index in range(len(path) - 1, 0, -1):
        if path[index] in ".[":
            yield path[:index]
