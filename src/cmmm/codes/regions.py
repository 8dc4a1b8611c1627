"""Administrative divisions (行政区划, GB/T 2260): lookups and the hierarchy that scopes policies and officials.

A policy of Guizhou (520000) applies to an enterprise of Nanming district (520102) because 520102 lies within
520100 (Guiyang), which lies within 520000: :func:`is_within` answers that from the table, never from code
prefixes alone, so an unknown or mistyped code is an error (:class:`RegionUnknown`) rather than a silent
"no". Municipalities keep GB/T 2260's virtual middle level (110101 -> 110100 市辖区 -> 110000), as do the
county-level units administered directly by a province (429004 -> 429000 -> 420000). ``000000`` stands for
the whole country (national policies) and contains every region.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from cmmm.codes.tables import Checker, bundled_table_text, parse_table, table_invalid
from cmmm.errors import Lang, Problem, RegionUnknown

RegionLevel = Literal["national", "province", "city", "district"]
NATIONAL = "000000"


@dataclass(frozen=True)
class Region:
    """One division; ``virtual`` marks GB/T 2260 grouping levels such as 110100 市辖区 that have no government."""

    code: str
    zh: str
    en: str
    level: RegionLevel
    parent_code: str | None
    virtual: bool = False

    def name(self, lang: Lang = "zh") -> str:
        return self.zh if lang == "zh" else self.en


_COUNTRY = Region(NATIONAL, "全国", "China (national)", "national", None)


class RegionTable:
    """The divisions of one table, indexed by code and by parent."""

    def __init__(self, regions: Mapping[str, Region], as_of: str) -> None:
        self.as_of = as_of
        self._regions = dict(regions)
        children: dict[str, list[Region]] = {}
        for item in self._regions.values():
            children.setdefault(item.parent_code or NATIONAL, []).append(item)
        self._children = {code: tuple(items) for code, items in children.items()}

    def __len__(self) -> int:
        return len(self._regions)

    def __iter__(self) -> Iterator[Region]:
        return iter(self._regions.values())

    def __contains__(self, code: object) -> bool:
        return code == NATIONAL or code in self._regions

    def region(self, code: str, location: str = "region_code") -> Region:
        """The division with ``code``, or :class:`RegionUnknown` saying whether the code is malformed or unknown."""
        if code == NATIONAL:
            return _COUNTRY
        found = self._regions.get(code)
        if found is not None:
            return found
        if not (isinstance(code, str) and len(code) == 6 and code.isdigit()):
            problem = Problem(location, f"应为 6 位数字，实际为 {code!r}", f"must be 6 digits, got {code!r}")
        else:
            problem = Problem(
                location,
                f"平台的行政区划表（GB/T 2260，截至 {self.as_of}）中没有代码 {code}",
                f"code {code} is not in the platform's division table (GB/T 2260, as of {self.as_of})",
            )
        raise RegionUnknown(f"未知的行政区划代码 {code!r}", f"unknown administrative division code {code!r}", [problem])

    def parent(self, code: str) -> Region | None:
        """The division directly above; None for a province (and for the country)."""
        parent_code = self.region(code).parent_code
        return None if parent_code is None else self._regions[parent_code]

    def ancestors(self, code: str) -> tuple[Region, ...]:
        """Nearest first, up to the province: 110101 -> (110100, 110000); empty for a province."""
        chain: list[Region] = []
        current = self.parent(code)
        while current is not None:
            chain.append(current)
            current = self.parent(current.code)
        return tuple(chain)

    def is_within(self, code: str, ancestor: str) -> bool:
        """Whether ``code`` is ``ancestor`` or lies below it; every region is within ``000000``."""
        self.region(code)
        self.region(ancestor, "ancestor")
        if ancestor in (code, NATIONAL):
            return True
        return any(item.code == ancestor for item in self.ancestors(code))

    def children(self, code: str) -> tuple[Region, ...]:
        """The divisions directly below, as the table lists them (cities of a province, districts of a city)."""
        self.region(code)
        return self._children.get(code, ())

    def level_of(self, code: str) -> RegionLevel:
        return self.region(code).level

    def full_name(self, code: str, lang: Lang = "zh") -> str:
        """江苏省无锡市新吴区 / Xinwu District, Wuxi, Jiangsu; virtual levels (市辖区) are left out."""
        item = self.region(code)
        parts = [r for r in (item, *self.ancestors(code)) if not r.virtual]
        if lang == "zh":
            return "".join(r.zh for r in reversed(parts))
        return ", ".join(r.en for r in parts)

    def provinces(self) -> tuple[Region, ...]:
        return self._children.get(NATIONAL, ())


_PROVINCE_KEYS = {"code", "zh", "en", "cities"}
_CITY_KEYS = {"code", "zh", "en", "virtual", "districts"}
_DISTRICT_KEYS = {"code", "zh", "en"}


def load_regions_text(text: str, source: str = "<text>") -> RegionTable:
    """Read and check a region table, raising :class:`CodeTableInvalid` with every problem found."""
    data = parse_table(text, source)
    check = Checker()
    top = check.mapping(data, "$") or {}
    regions: dict[str, Region] = {}
    for i, entry in enumerate(check.items(top.get("provinces"), "provinces")):
        _read_province(check, entry, f"provinces[{i}]", regions)
    as_of = top.get("as_of")
    if not isinstance(as_of, str):
        check.add("as_of", "缺少数据日期（as_of）", "the date of the data (as_of) is missing")
    if check.problems:
        raise table_invalid(source, check.problems)
    return RegionTable(regions, str(as_of))


def _read_province(check: Checker, value: object, where: str, regions: dict[str, Region]) -> None:
    entry = check.mapping(value, where)
    if entry is None:
        return
    check.unknown_keys(entry, _PROVINCE_KEYS, where)
    code = _add(check, entry, where, regions, "province", None)
    for j, city in enumerate(check.items(entry.get("cities", []), f"{where}.cities")):
        _read_city(check, city, f"{where}.cities[{j}]", regions, code)


def _read_city(check: Checker, value: object, where: str, regions: dict[str, Region], province: str | None) -> None:
    entry = check.mapping(value, where)
    if entry is None:
        return
    check.unknown_keys(entry, _CITY_KEYS, where)
    code = _add(check, entry, where, regions, "city", province)
    for k, district in enumerate(check.items(entry.get("districts", []), f"{where}.districts")):
        district_entry = check.mapping(district, f"{where}.districts[{k}]")
        if district_entry is not None:
            check.unknown_keys(district_entry, _DISTRICT_KEYS, f"{where}.districts[{k}]")
            _add(check, district_entry, f"{where}.districts[{k}]", regions, "district", code)


def _add(
    check: Checker,
    entry: Mapping[str, Any],
    where: str,
    regions: dict[str, Region],
    level: RegionLevel,
    parent: str | None,
) -> str | None:
    """Record one division; returns its code, or None when the code is unusable (its children skip prefix checks)."""
    code = entry.get("code")
    zh, en = check.text(entry, "zh", where), check.text(entry, "en", where)
    virtual = entry.get("virtual", False)
    if not isinstance(virtual, bool):
        check.add(f"{where}.virtual", "应为 true 或 false", "must be true or false")
    if not isinstance(code, str) or not _code_fits(code, level, parent):
        check.add(f"{where}.code", *_code_rule(code, level, parent))
        return None
    if code in regions:
        check.add(f"{where}.code", f"代码 {code} 重复", f"code {code} appears twice")
        return code
    regions[code] = Region(code, zh, en, level, parent, virtual is True)
    return code


def _code_fits(code: str, level: RegionLevel, parent: str | None) -> bool:
    """GB/T 2260 structure: 2 digits province, 2 city, 2 county; a child extends its parent's prefix.

    With no usable parent code (already reported) only the shape of the child's own code is checked.
    """
    if len(code) != 6 or not code.isdigit():
        return False
    if level == "province":
        return code.endswith("0000") and code != "000000"
    if level == "city":
        return code[2:4] != "00" and code.endswith("00") and (parent is None or code[:2] == parent[:2])
    return not code.endswith("00") and (parent is None or code[:4] == parent[:4])


def _code_rule(code: object, level: RegionLevel, parent: str | None) -> tuple[str, str]:
    rules = {
        "province": ("省级代码应为 6 位数字且以 0000 结尾", "a province code is 6 digits ending in 0000"),
        "city": (
            f"地级代码应以上级 {parent} 的前 2 位开头、以 00 结尾",
            f"a city code starts like {parent} and ends in 00",
        ),
        "district": (
            f"县级代码应以上级 {parent} 的前 4 位开头",
            f"a district code starts with the first 4 digits of {parent}",
        ),
    }
    zh, en = rules[level]
    return f"{zh}，实际为 {code!r}", f"{en}, got {code!r}"


@cache
def bundled_regions() -> RegionTable:
    return load_regions_text(bundled_table_text("regions.yaml"), "cmmm/codes/data/regions.yaml")


def region(code: str) -> Region:
    return bundled_regions().region(code)


def validate_region_code(text: str, location: str = "region_code") -> str:
    """The code stripped of spaces if the table knows it, else :class:`RegionUnknown`."""
    code = text.strip()
    bundled_regions().region(code, location)
    return code


def parent(code: str) -> Region | None:
    return bundled_regions().parent(code)


def ancestors(code: str) -> tuple[Region, ...]:
    return bundled_regions().ancestors(code)


def is_within(code: str, ancestor: str) -> bool:
    return bundled_regions().is_within(code, ancestor)


def children(code: str) -> tuple[Region, ...]:
    return bundled_regions().children(code)


def level_of(code: str) -> RegionLevel:
    return bundled_regions().level_of(code)


def full_name(code: str, lang: Lang = "zh") -> str:
    return bundled_regions().full_name(code, lang)
