"""Industry codes (国民经济行业分类, GB/T 4754-2017): sections, the manufacturing divisions, and the test
"is this a manufacturer" that gates a CMMM application (section C, divisions 13-43).

Codes are read the way registration forms write them: ``C`` (a section), ``39`` (a division), ``391`` or
``3911`` (a group or class, placed by its first two digits), optionally with the section letter in front
(``C39``, ``C3911``). The table lists sections and the divisions of section C; a 3- or 4-digit code is
checked only for its shape and its division, since groups and classes are not in the table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from cmmm.codes.tables import Checker, bundled_table_text, parse_table, table_invalid
from cmmm.errors import IndustryUnknown, Lang, Problem

IndustryLevel = Literal["section", "division"]
MANUFACTURING = "C"
_CODE = re.compile(r"^(?P<section>[A-T])?(?P<digits>\d{2,4})?$")


@dataclass(frozen=True)
class Industry:
    """A section (门类, a letter) or a division (大类, two digits)."""

    code: str
    zh: str
    en: str
    level: IndustryLevel
    section: str

    def name(self, lang: Lang = "zh") -> str:
        return self.zh if lang == "zh" else self.en


class IndustryTable:
    def __init__(
        self, sections: Mapping[str, Industry], ranges: Mapping[str, range], divisions: Mapping[str, Industry]
    ):
        self.sections = dict(sections)
        self.divisions = dict(divisions)
        self._ranges = dict(ranges)

    def section_of_division(self, division: int) -> str | None:
        return next((code for code, span in self._ranges.items() if division in span), None)

    def industry(self, code: str, location: str = "industry_code") -> Industry:
        """The section or division a code names; a 3- or 4-digit code gives its division.

        Raises :class:`IndustryUnknown` for a malformed code, a division outside every section, a section
        letter that contradicts the digits (``A39``), and a division the table does not list.
        """
        text = code.strip().upper() if isinstance(code, str) else ""
        match = _CODE.match(text)
        if not text or match is None:
            raise _unknown(
                code,
                location,
                "应为门类字母或 2-4 位数字（如 C、39、3911、C3911）",
                "must be a section letter or 2-4 digits (C, 39, 3911, C3911)",
            )
        letter, digits = match.group("section"), match.group("digits")
        if digits is None:
            if letter in self.sections:
                return self.sections[letter]
            raise _unknown(code, location, f"没有门类 {letter}", f"there is no section {letter}")
        division = digits[:2]
        section = self.section_of_division(int(division))
        if section is None:
            raise _unknown(code, location, f"没有大类 {division}", f"there is no division {division}")
        if letter is not None and letter != section:
            raise _unknown(
                code,
                location,
                f"大类 {division} 属于门类 {section}，不属于 {letter}",
                f"division {division} belongs to section {section}, not {letter}",
            )
        if division not in self.divisions:
            raise _unknown(
                code,
                location,
                f"代码表只列出制造业（门类 C）的大类，没有 {division}",
                f"the table lists only the divisions of section C, not {division}",
            )
        return self.divisions[division]

    def is_manufacturing(self, code: str) -> bool:
        """Section C or a code under divisions 13-43; False for other or malformed codes (a yes/no question)."""
        text = code.strip().upper() if isinstance(code, str) else ""
        match = _CODE.match(text)
        if not text or match is None:
            return False
        letter, digits = match.group("section"), match.group("digits")
        if digits is None:
            return letter == MANUFACTURING
        if letter is not None and letter != MANUFACTURING:
            return False
        return self.section_of_division(int(digits[:2])) == MANUFACTURING


def _unknown(code: object, location: str, zh: str, en: str) -> IndustryUnknown:
    return IndustryUnknown(f"未知的行业代码 {code!r}", f"unknown industry code {code!r}", [Problem(location, zh, en)])


def load_industries_text(text: str, source: str = "<text>") -> IndustryTable:
    """Read and check an industry table, raising :class:`CodeTableInvalid` with every problem found."""
    check = Checker()
    top = check.mapping(parse_table(text, source), "$") or {}
    sections: dict[str, Industry] = {}
    ranges: dict[str, range] = {}
    for i, value in enumerate(check.items(top.get("sections"), "sections")):
        _read_section(check, value, f"sections[{i}]", sections, ranges)
    table = IndustryTable(sections, ranges, {})
    for i, value in enumerate(check.items(top.get("divisions"), "divisions")):
        _read_division(check, value, f"divisions[{i}]", table)
    if check.problems:
        raise table_invalid(source, check.problems)
    return table


def _read_section(
    check: Checker, value: object, where: str, sections: dict[str, Industry], ranges: dict[str, range]
) -> None:
    entry = check.mapping(value, where)
    if entry is None:
        return
    check.unknown_keys(entry, {"code", "zh", "en", "divisions"}, where)
    code = entry.get("code")
    if not isinstance(code, str) or not re.fullmatch(r"[A-Z]", code) or code in sections:
        check.add(
            f"{where}.code",
            f"门类代码应为不重复的大写字母，实际为 {code!r}",
            f"a section code is a unique capital letter, got {code!r}",
        )
        return
    span = _division_range(entry.get("divisions"))
    if span is None or any(set(span) & set(other) for other in ranges.values()):
        check.add(
            f"{where}.divisions",
            "应为 [首个大类, 末个大类]，且与其他门类不重叠",
            "must be [first, last] division, not overlapping another section",
        )
        return
    sections[code] = Industry(code, check.text(entry, "zh", where), check.text(entry, "en", where), "section", code)
    ranges[code] = span


def _division_range(value: Any) -> range | None:
    if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
        return None
    first, last = value
    return range(first, last + 1) if 1 <= first <= last <= 99 else None


def _read_division(check: Checker, value: object, where: str, table: IndustryTable) -> None:
    entry = check.mapping(value, where)
    if entry is None:
        return
    check.unknown_keys(entry, {"code", "zh", "en"}, where)
    code = entry.get("code")
    digits = code if isinstance(code, str) and re.fullmatch(r"\d{2}", code) else None
    section = None if digits is None else table.section_of_division(int(digits))
    if digits is None or section is None or digits in table.divisions:
        check.add(
            f"{where}.code",
            f"大类代码应为不重复的 2 位数字且属于某个门类，实际为 {code!r}",
            f"a division code is 2 unique digits inside a section, got {code!r}",
        )
        return
    zh, en = check.text(entry, "zh", where), check.text(entry, "en", where)
    table.divisions[digits] = Industry(digits, zh, en, "division", section)


@cache
def bundled_industries() -> IndustryTable:
    return load_industries_text(bundled_table_text("industries.yaml"), "cmmm/codes/data/industries.yaml")


def industry(code: str) -> Industry:
    return bundled_industries().industry(code)


def is_manufacturing(code: str) -> bool:
    return bundled_industries().is_manufacturing(code)


def manufacturing_divisions() -> tuple[Industry, ...]:
    """Divisions 13-43, in code order: the industries a CMMM applicant can declare."""
    table = bundled_industries()
    return tuple(sorted((d for d in table.divisions.values() if d.section == MANUFACTURING), key=lambda d: d.code))
