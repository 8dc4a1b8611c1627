"""The layout of a model workbook: its sheets, their fields and two header rows, and cell addresses.

The writer and the reader share these definitions, so a value written under a header is read back from it.
A column is recognized by its Chinese header (row 1) or its English header (row 2), so an editor may change
either but not both; localized fields get one column per locale (``条款（中文）`` / ``Clause text (zh)``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from openpyxl.utils import column_index_from_string

README = "说明"
REQUIREMENTS = "要求"
STRUCTURE = "结构"
ENVELOPE = "模型信息"
LEVELS = "等级"
GRADES = "满足程度"
BANDS = "等级分段"
METHOD = "评估方法"
PATHS = "行业路径"
TEMPLATES = "权重模板"

FIRST_DATA_ROW = 3
"""Row 1 holds the Chinese headers, row 2 the English ones."""

LANGUAGES = {"zh": ("中文", "Chinese"), "en": ("英文", "English")}
_LOCALE = re.compile(r"[a-z]{2}(-[A-Za-z]{2,4})?")
_IDENTIFIER = r"([a-z][a-z0-9_]*)"


@dataclass(frozen=True)
class Field:
    """A value of a row; ``localized`` fields become one column per locale (key ``text.zh``)."""

    key: str
    zh: str
    en: str
    width: int = 14
    localized: bool = False
    as_text: bool = False
    """Stored as text so that Excel keeps ``2020.1`` or ``01`` as typed instead of turning it into a number."""
    kind: str = "text"
    """How a cell is read: ``text``, ``int`` or ``decimal`` (exact, never through a binary float's digits)."""


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    width: int
    as_text: bool


def columns_of(fields: Sequence[Field], locales: Sequence[str]) -> list[Column]:
    columns = []
    for field in fields:
        if not field.localized:
            columns.append(Column(field.key, field.zh, field.en, field.width, field.as_text))
            continue
        for code in locales:
            zh_name = LANGUAGES.get(code, (code, code))[0]
            columns.append(
                Column(f"{field.key}.{code}", f"{field.zh}（{zh_name}）", f"{field.en} ({code})", field.width, False)
            )
    return columns


def path_wording(path: str) -> Field:
    return Field(f"text_by_path.{path}", f"行业路径 {path} 的条款措辞", f"Clause wording for path {path}", 40, True)


def domain_weight(domain: str) -> Field:
    return Field(f"weights.{domain}", f"权重：{domain}", f"Weight: {domain}", 12, kind="decimal")


@dataclass(frozen=True)
class Dynamic:
    """Columns named after data (an industry path, a domain): header patterns and the field they make."""

    zh: re.Pattern[str]
    en: re.Pattern[str]
    make: Callable[[str], Field]


PATH_WORDING = Dynamic(
    re.compile(rf"行业路径 {_IDENTIFIER} 的条款措辞"),
    re.compile(rf"Clause wording for path {_IDENTIFIER}"),
    path_wording,
)
DOMAIN_WEIGHT = Dynamic(
    re.compile(rf"权重[:：]\s*{_IDENTIFIER}"), re.compile(rf"Weight:\s*{_IDENTIFIER}"), domain_weight
)

REQUIREMENT_FIELDS = (
    Field("element", "要素标识", "Element id", 13, as_text=True),
    Field("domain", "能力域标识", "Domain id", 13, as_text=True),
    Field("subdomain", "能力子域标识", "Sub-domain id", 16, as_text=True),
    Field("id", "要求标识", "Requirement id", 20, as_text=True),
    Field("level", "等级", "Level", 7, kind="int"),
    Field("text", "条款", "Clause text", 50, localized=True),
    Field("evidence", "典型证据，每行一项", "Typical evidence, one per line", 40, localized=True),
    Field("question", "自评估问题", "Self-assessment question", 45, localized=True),
    Field("guidance", "判定指引", "Guidance", 40, localized=True),
)
"""Path wording columns (:func:`path_wording`) follow ``text``, one pair per industry path."""

STRUCTURE_FIELDS = (
    Field("element", "要素标识", "Element id", 14, as_text=True),
    Field("element_name", "要素名称", "Element name", 14, localized=True),
    Field("domain", "能力域标识", "Domain id", 14, as_text=True),
    Field("domain_name", "能力域名称", "Domain name", 22, localized=True),
    Field("subdomain", "能力子域标识", "Sub-domain id", 18, as_text=True),
    Field("subdomain_name", "能力子域名称", "Sub-domain name", 22, localized=True),
    Field("weight", "能力子域权重", "Sub-domain weight", 12, kind="decimal"),
)
LEVEL_FIELDS = (
    Field("number", "等级", "Level", 8, kind="int"),
    Field("name", "名称", "Name", 16, localized=True),
    Field("description", "描述", "Description", 60, localized=True),
)
GRADE_FIELDS = (
    Field("id", "标识", "Id", 12, as_text=True),
    Field("points", "分值，不适用者留空", "Points, empty for not applicable", 16, kind="decimal"),
    Field("label", "名称", "Label", 20, localized=True),
)
BAND_FIELDS = (
    Field("level", "等级", "Level", 8, kind="int"),
    Field("min_score", "最低得分", "Minimum score", 12, kind="decimal"),
    Field("name", "名称", "Name", 24, localized=True),
)
PATH_FIELDS = (Field("id", "标识", "Id", 14, as_text=True), Field("name", "名称", "Name", 24, localized=True))
TEMPLATE_FIELDS = (
    Field("path", "行业路径", "Path", 12, as_text=True),
    Field("rationale", "理由", "Rationale", 50, localized=True),
)
"""Weight columns (:func:`domain_weight`) follow, one per domain."""

KEY_VALUE_FIELDS = (
    Field("key", "字段", "Field", 24, as_text=True),
    Field("meaning", "含义", "Meaning", 44),
    Field("value", "值", "Value", 80),
)


@dataclass(frozen=True)
class Entry:
    """A row of a key-value sheet (模型信息, 评估方法): ``kind`` says how its value cell is read."""

    key: str
    zh: str
    en: str
    kind: str = "text"  # text | int | decimal | lines | localized


ENVELOPE_ENTRIES = (
    Entry("schema_version", "格式版本（固定为 1）", "format version (always 1)", "int"),
    Entry("id", "模型标识（小写字母、数字、-、_）", "model id (lower-case letters, digits, - and _)"),
    Entry("version", "版本", "version"),
    Entry("title", "模型名称", "title", "localized"),
    Entry("publisher", "发布者", "publisher", "localized"),
    Entry(
        "provenance.kind",
        "条款来源：reference（参考要求集）、official（官方条款）、custom（自定义）",
        "where the clauses come from: reference, official or custom",
    ),
    Entry("provenance.statement", "来源声明，显示在每个页面、导出和报告上", "provenance statement", "localized"),
    Entry("provenance.based_on", "所依据的标准，每行一项", "standards it is based on, one per line", "lines"),
    Entry("locales", "语言，每行一个", "locales, one per line", "lines"),
)
METHOD_ENTRIES = (
    Entry(
        "threshold",
        "等级满足的阈值（等级得分不低于此值即满足该级）",
        "threshold for a level to be satisfied",
        "decimal",
    ),
    Entry("display_decimals", "显示得分时保留的小数位数", "decimals shown for scores", "int"),
    Entry("rounding", "舍入方式（half_up：四舍五入）", "rounding (half_up)"),
)


def entry_keys(entries: Sequence[Entry], locales: Sequence[str]) -> list[tuple[str, Entry, str]]:
    """The row keys of a key-value sheet: ``title.zh``, ``title.en`` for a localized entry, else its key."""
    keys: list[tuple[str, Entry, str]] = []
    for entry in entries:
        codes = locales if entry.kind == "localized" else [""]
        keys.extend((f"{entry.key}.{code}" if code else entry.key, entry, code) for code in codes)
    return keys


def entry_for(key: str, entries: Sequence[Entry]) -> Entry | None:
    """The entry a row key belongs to, accepting any locale for localized entries (``title.fr``)."""
    for entry in entries:
        if key == entry.key and entry.kind != "localized":
            return entry
        base, _, code = key.rpartition(".")
        if entry.kind == "localized" and base == entry.key and _LOCALE.fullmatch(code):
            return entry
    return None


def column_key(header_zh: str, header_en: str, fields: Sequence[Field], dynamic: Sequence[Dynamic] = ()) -> str | None:
    """The key of a column from its Chinese or English header, or None when neither is recognized."""
    return _key_from(header_zh.strip(), fields, dynamic, "zh") or _key_from(header_en.strip(), fields, dynamic, "en")


def _key_from(header: str, fields: Sequence[Field], dynamic: Sequence[Dynamic], lang: str) -> str | None:
    plain = _field_named(header, fields, dynamic, lang, localized=False)
    if plain:
        return plain.key
    split = re.fullmatch(r"(.+)（(.+)）", header) if lang == "zh" else re.fullmatch(r"(.+) \((.+)\)", header)
    if not split:
        return None
    code = _locale_code(split.group(2))
    field = _field_named(split.group(1), fields, dynamic, lang, localized=True)
    return f"{field.key}.{code}" if field and code else None


def _field_named(
    label: str, fields: Sequence[Field], dynamic: Sequence[Dynamic], lang: str, localized: bool
) -> Field | None:
    candidates = list(fields)
    for kind in dynamic:
        match = (kind.zh if lang == "zh" else kind.en).fullmatch(label)
        if match:
            candidates.append(kind.make(match.group(1)))
    for field in candidates:
        if field.localized == localized and (field.zh if lang == "zh" else field.en) == label:
            return field
    return None


def _locale_code(name: str) -> str | None:
    for code, names in LANGUAGES.items():
        if name in names:
            return code
    return name if _LOCALE.fullmatch(name) else None


def cell(sheet: str, letter: str, row: int) -> str:
    """``要求!F12``: the address by which Excel and the problems name a cell."""
    return f"{sheet}!{letter}{row}"


def span(sheet: str, cells: Sequence[tuple[str, int]]) -> str:
    """The smallest range holding ``cells`` (``要求!F12:G12``), or the one cell."""
    if len(set(cells)) == 1:
        return cell(sheet, *cells[0])
    letters = sorted({letter for letter, _ in cells}, key=column_index_from_string)
    rows = [row for _, row in cells]
    return f"{sheet}!{letters[0]}{min(rows)}:{letters[-1]}{max(rows)}"
