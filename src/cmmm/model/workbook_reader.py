"""Turn the sheets of an edited model workbook into model data, noting where every value came from.

The reader only rebuilds the data that a YAML model file would hold and reports what the sheets alone can
tell (a missing sheet or column, an unknown sub-domain, a duplicate row); every model rule is left to the
loader, whose problems :meth:`WorkbookReader.located` maps back to sheet cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.workbook.workbook import Workbook

from cmmm.errors import Problem
from cmmm.model import workbook_layout as layout
from cmmm.model.workbook_layout import Dynamic, Entry, Field
from cmmm.model.workbook_table import (
    Locator,
    Row,
    Table,
    as_decimal,
    as_int,
    as_lines,
    as_text,
    convert,
    read_table,
)

_SHEET_OF_PATH = {
    "levels": layout.LEVELS,
    "method.grades": layout.GRADES,
    "method.bands": layout.BANDS,
    "method": layout.METHOD,
    "paths": layout.PATHS,
    "weight_templates": layout.TEMPLATES,
    "elements": layout.STRUCTURE,
    "elements[].domains": layout.STRUCTURE,
    "elements[].domains[].subdomains": layout.STRUCTURE,
    "requirements": layout.REQUIREMENTS,
}
"""Where a problem about a whole list (duplicate ids, a missing template) is shown."""


@dataclass
class _Place:
    """A sub-domain of the structure sheet, which requirement rows are added to."""

    path: str
    element: str
    domain: str
    requirements: list[dict[str, Any]] = field(default_factory=list)


class WorkbookReader:
    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.problems: list[Problem] = []
        self.sites = Locator()
        self.incomplete = False
        """A sheet or a needed column is missing: checking the model would only repeat that, row by row."""
        self.locales: list[str] = []

    def model_data(self) -> dict[str, Any]:
        data = self._entries(layout.ENVELOPE, layout.ENVELOPE_ENTRIES, "")
        locales = data.get("locales")
        self.locales = [code for code in locales if isinstance(code, str)] if isinstance(locales, list) else []
        method = self._entries(layout.METHOD, layout.METHOD_ENTRIES, "method.")
        data["levels"] = self._items(layout.LEVELS, layout.LEVEL_FIELDS, "levels")
        method["grades"] = self._items(layout.GRADES, layout.GRADE_FIELDS, "method.grades")
        for grade in method["grades"]:
            grade.setdefault("points", None)  # an empty cell is the not-applicable grade
        method["bands"] = self._items(layout.BANDS, layout.BAND_FIELDS, "method.bands")
        data["method"] = method
        data["paths"] = self._items(layout.PATHS, layout.PATH_FIELDS, "paths")
        data["weight_templates"] = self._items(
            layout.TEMPLATES, layout.TEMPLATE_FIELDS, "weight_templates", (layout.DOMAIN_WEIGHT,)
        )
        elements, places = self._structure()
        self._requirements(places)
        data["elements"] = elements
        for path, sheet in _SHEET_OF_PATH.items():
            self.sites.add(path, sheet)
        for entry in layout.ENVELOPE_ENTRIES:
            self.sites.add(entry.key, layout.ENVELOPE)
        return data

    def located(self, problems: Sequence[Problem]) -> list[Problem]:
        """The loader's problems at the cells their values came from; one already reported there is dropped."""
        taken = {problem.location for problem in self.problems}
        found = []
        for problem in _without_echoes(problems):
            site = self.sites.find(problem.location)
            if site is None:
                found.append(problem)
            elif site.location not in taken:
                zh, en = (
                    (f"{site.header[0]}：{problem.zh}", f"{site.header[1]}: {problem.en}")
                    if site.header
                    else (problem.zh, problem.en)
                )
                found.append(Problem(site.location, zh, en))
        return found

    def _problem(self, location: str, zh: str, en: str) -> None:
        self.problems.append(Problem(location, zh, en))

    def _table(
        self, name: str, fields: Sequence[Field], required: Sequence[str], dynamic: Sequence[Dynamic] = ()
    ) -> Table | None:
        """The sheet's table, or None (and the problems noted) when the sheet or a needed column is missing."""
        if name not in self.book.sheetnames:
            self.incomplete = True
            self._problem(name, f"缺少工作表“{name}”", f"sheet '{name}' is missing")
            return None
        table = read_table(self.book[name], name, fields, dynamic, self.problems)
        columns = {c.key: c for c in layout.columns_of(fields, self.locales)}
        missing = [key for key in required if key not in table.letters]
        for key in missing:
            zh, en = (columns[key].zh, columns[key].en) if key in columns else (key, key)
            self._problem(name, f"缺少列“{zh}”（{en}）", f"column '{en}' ({zh}) is missing")
        self.incomplete = self.incomplete or bool(missing)
        return None if missing else table

    def _required(self, fields: Sequence[Field], optional: Sequence[str] = ()) -> list[str]:
        """The columns a sheet needs: every field but ``optional``, a localized one in every model locale."""
        keys: list[str] = []
        for item in fields:
            if item.key in optional:
                continue
            keys.extend([f"{item.key}.{code}" for code in self.locales] if item.localized else [item.key])
        return keys

    def _localized(self, row: Row, name: str) -> dict[str, str] | None:
        """Every model locale once any is filled, an empty one as "" so that the model names that very cell."""
        texts = {key.rpartition(".")[2]: row.text(key) for key in row.table.localized_keys(name)}
        if not any(texts.values()):
            return None
        return {code: text or "" for code, text in texts.items() if text or code in self.locales}

    def _values(self, row: Row, fields: Sequence[Field]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for item in fields:
            value = self._localized(row, item.key) if item.localized else convert(item.kind, row.values.get(item.key))
            if value is not None:
                _put(data, item.key, value)
        return data

    def _note_row(self, row: Row, base: str, paths: Sequence[tuple[str, str]], anchor: str) -> None:
        """Remember the cells of a row: ``paths`` pairs column keys with paths below ``base``; ``anchor`` is its id."""
        table = row.table
        leaves = [
            (f"{base}.{path}", table.letters[key], row.number, table.headers[key])
            for key, path in paths
            if key in table.letters
        ]
        self.sites.add_cells(table.sheet, leaves, base)
        if anchor in table.letters:
            self.sites.add(base, row.at(anchor))

    def _items(
        self, name: str, fields: Sequence[Field], path: str, dynamic: Sequence[Dynamic] = ()
    ) -> list[dict[str, Any]]:
        """A list of the model (levels, grades, ...) from a sheet with a row per item."""
        table = self._table(name, fields, self._required(fields), dynamic)
        if table is None:
            return []
        found = list(fields)
        weights = [key.partition(".")[2] for key in table.letters if key.startswith("weights.")]
        found.extend(layout.domain_weight(domain) for domain in weights)
        items = []
        for index, row in enumerate(table.rows):
            base = f"{path}[{index}]"
            self._note_row(row, base, [(key, key) for key in table.letters], fields[0].key)
            items.append(self._values(row, found))
        return items

    def _entries(self, name: str, entries: Sequence[Entry], prefix: str) -> dict[str, Any]:
        table = self._table(name, layout.KEY_VALUE_FIELDS, ("key", "value"))
        data: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for row in table.rows if table else []:
            key = row.text("key") or ""
            entry = layout.entry_for(key, entries)
            if entry is None or key in seen:
                what = (
                    (f"与第 {seen[key]} 行重复", f"repeats row {seen[key]}") if key in seen else ("无法识别", "unknown")
                )
                self._problem(row.at("key"), f"字段“{key}”{what[0]}", f"field '{key}': {what[1]}")
                continue
            seen[key] = row.number
            self.sites.add_cells(name, [(prefix + key, row.table.letters["value"], row.number, (entry.zh, entry.en))])
            value = _entry_value(entry, row.values.get("value"))
            if value is not None:
                _put(data, key, value)
        return data

    def _structure(self) -> tuple[list[dict[str, Any]], dict[str, _Place]]:
        """The element tree from a row per sub-domain; element and domain columns repeat on their rows."""
        fields = layout.STRUCTURE_FIELDS
        table = self._table(layout.STRUCTURE, fields, self._required(fields, ("weight",)))
        elements: list[dict[str, Any]] = []
        places: dict[str, _Place] = {}
        firsts: dict[str, tuple[str, Row, dict[str, Any]]] = {}  # element or domain id -> (path, first row, data)
        for row in table.rows if table else []:
            ids = self._structure_ids(row)
            if ids is None or not self._new_subdomain(row, ids, places, firsts):
                continue
            eid, did, sid = ids
            e_path, element = self._group(row, "element", eid, firsts, ("elements", elements))
            d_path, domain = self._group(row, "domain", did, firsts, (f"{e_path}.domains", element["domains"]))
            path = f"{d_path}.subdomains[{len(domain['subdomains'])}]"
            requirements: list[dict[str, Any]] = []
            sub = {"id": sid, "name": self._localized(row, "subdomain_name"), "requirements": requirements}
            sub["weight"] = as_decimal(row.values.get("weight"))
            domain["subdomains"].append({k: v for k, v in sub.items() if v is not None})
            places[sid] = _Place(path, eid, did, requirements)
            self._note_row(row, path, _renamed(row.table, "subdomain", ("weight", "weight")), "subdomain")
        return elements, places

    def _structure_ids(self, row: Row) -> tuple[str, str, str] | None:
        ids = [row.text(key) for key in ("element", "domain", "subdomain")]
        for key, value in zip(("element", "domain", "subdomain"), ids, strict=True):
            if not value:
                self._problem(row.at(key), "缺少标识", "the id is missing")
        eid, did, sid = ids
        return (eid, did, sid) if eid and did and sid else None

    def _new_subdomain(
        self, row: Row, ids: tuple[str, str, str], places: dict[str, _Place], firsts: dict[str, Any]
    ) -> bool:
        """A sub-domain appears once, and a domain under one element only."""
        eid, did, sid = ids
        if sid in places:
            self._problem(row.at("subdomain"), f"能力子域 {sid} 重复出现", f"sub-domain {sid} appears twice")
            return False
        owner = firsts.get(f"domain:{did}")
        if owner and owner[1].text("element") != eid:
            first = owner[1]
            self._problem(
                row.at("domain"),
                f"能力域 {did} 在第 {first.number} 行属于要素 {first.text('element')}",
                f"domain {did} belongs to element {first.text('element')} on row {first.number}",
            )
            return False
        return True

    def _group(
        self, row: Row, kind: str, gid: str, firsts: dict[str, Any], parent: tuple[str, list[dict[str, Any]]]
    ) -> tuple[str, dict[str, Any]]:
        """The element or domain ``gid``: made on its first row, whose names later rows may repeat or leave empty."""
        known = firsts.get(f"{kind}:{gid}")
        if known:
            path, first, data = known
            for key in row.table.localized_keys(f"{kind}_name"):
                given = row.text(key)
                if given and given != first.text(key):
                    self._problem(
                        row.at(key),
                        f"名称与第 {first.number} 行的“{first.text(key)}”不一致",
                        f"the name differs from row {first.number} ('{first.text(key)}')",
                    )
            return path, data
        parent_path, siblings = parent
        path = f"{parent_path}[{len(siblings)}]"
        data = {
            "id": gid,
            "name": self._localized(row, f"{kind}_name"),
            "domains" if kind == "element" else "subdomains": [],
        }
        siblings.append({k: v for k, v in data.items() if v is not None})
        firsts[f"{kind}:{gid}"] = (path, row, siblings[-1])
        self._note_row(row, path, _renamed(row.table, kind), kind)
        return path, siblings[-1]

    def _requirements(self, places: dict[str, _Place]) -> None:
        fields = [f for f in layout.REQUIREMENT_FIELDS if f.key not in ("element", "domain")]
        required = self._required(fields, ("guidance",))
        table = self._table(layout.REQUIREMENTS, layout.REQUIREMENT_FIELDS, required, (layout.PATH_WORDING,))
        if table is None or self.incomplete:
            return  # without the whole structure, every row would be reported as an unknown sub-domain
        paths = {key.split(".")[1] for key in table.letters if key.startswith("text_by_path.")}
        values = [f for f in fields if f.key not in ("subdomain", "evidence")]
        values.extend(layout.path_wording(path) for path in sorted(paths))
        seen: dict[str, int] = {}
        for row in table.rows:
            place = self._place_of(row, places)
            rid = row.text("id")
            if place is None:
                continue
            if rid and rid in seen:
                first = seen[rid]
                self._problem(
                    row.at("id"), f"要求标识 {rid} 与第 {first} 行重复", f"requirement id {rid} repeats row {first}"
                )
                continue
            if rid:
                seen[rid] = row.number
            base = f"{place.path}.requirements[{len(place.requirements)}]"
            place.requirements.append(self._requirement(row, base, values))

    def _requirement(self, row: Row, base: str, fields: Sequence[Field]) -> dict[str, Any]:
        data = self._values(row, fields)
        level = row.values.get("level")
        if level is not None and (isinstance(level, bool) or not isinstance(as_int(level), int)):
            self._problem(
                row.at("level"), f"等级应为整数，而不是“{level}”", f"the level must be an integer, not '{level}'"
            )
        table = row.table
        items = {key.rpartition(".")[2]: as_lines(row.values.get(key)) for key in table.localized_keys("evidence")}
        count = max((len(lines) for lines in items.values()), default=0)
        data["evidence"] = [_evidence_item(items, i, self.locales) for i in range(count)]
        paths = [(key, key) for key in table.letters if key not in ("element", "domain", "subdomain")]
        paths.extend((f"evidence.{code}", f"evidence[{i}].{code}") for i in range(count) for code in items)
        self._note_row(row, base, paths, "id")
        return data

    def _place_of(self, row: Row, places: dict[str, _Place]) -> _Place | None:
        sid = row.text("subdomain")
        place = places.get(sid or "")
        if place is None:
            zh = f"未知的能力子域“{sid}”（未在“{layout.STRUCTURE}”表中定义）" if sid else "缺少能力子域标识"
            en = (
                f"unknown sub-domain '{sid}' (not in sheet {layout.STRUCTURE})"
                if sid
                else "the sub-domain id is missing"
            )
            self._problem(row.at("subdomain"), zh, en)
            return None
        for key, expected in (("element", place.element), ("domain", place.domain)):
            given = row.text(key) if key in row.table.letters else None
            if given is not None and given != expected:
                self._problem(
                    row.at(key),
                    f"“{given}”与“{layout.STRUCTURE}”表不一致：能力子域 {sid} 属于 {expected}",
                    f"'{given}' differs from sheet {layout.STRUCTURE}: sub-domain {sid} belongs to {expected}",
                )
        return place


def _without_echoes(problems: Sequence[Problem]) -> list[Problem]:
    """Drop "too few items" on a list whose items failed: pydantic counts only the items that validated."""
    failed = [problem.location for problem in problems]
    return [
        problem
        for problem in problems
        if not (
            problem.en.startswith("Tuple should have at least")
            and any(other.startswith(problem.location + "[") for other in failed)
        )
    ]


def _renamed(table: Table, kind: str, *extra: tuple[str, str]) -> list[tuple[str, str]]:
    """Structure columns of one kind and their paths: ``element`` -> ``id``, ``element_name.zh`` -> ``name.zh``."""
    pairs = [(kind, "id"), *extra]
    pairs.extend((key, "name." + key.rpartition(".")[2]) for key in table.localized_keys(f"{kind}_name"))
    return pairs


def _evidence_item(items: dict[str, list[str]], index: int, locales: Sequence[str]) -> dict[str, str]:
    """The ``index``-th line of every language; a missing line is "" so that the model names its cell."""
    return {
        code: lines[index] if index < len(lines) else ""
        for code, lines in items.items()
        if index < len(lines) or code in locales
    }


def _entry_value(entry: Entry, value: Any) -> Any:
    if entry.kind == "lines":
        return (
            as_lines(value)
            if entry.key != "locales"
            else [c for line in as_lines(value) for c in line.replace(",", " ").split()]
        )
    if entry.kind == "localized":
        return as_text(value) or ""
    return convert(entry.kind, value)


def _put(data: dict[str, Any], dotted: str, value: Any) -> None:
    """``_put(d, "provenance.statement.zh", v)`` sets ``d["provenance"]["statement"]["zh"]``."""
    *parents, last = dotted.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value
