"""Reading the code tables shipped in ``cmmm/codes/data`` (and tables a deployment supplies in their place).

A table is YAML checked field by field; every fault is collected with its path in the file
(``provinces[9].cities[1].districts[4].code``) and raised together as :class:`CodeTableInvalid`, as the
model loader does for model files, so that a person correcting a table sees everything at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import Any

import yaml

from cmmm.errors import CodeTableInvalid, Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def bundled_table_text(name: str) -> str:
    return (resources.files("cmmm.codes") / "data" / name).read_text(encoding="utf-8")


def parse_table(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # a safe loader: the C one when PyYAML has it
    except yaml.YAMLError as exc:
        raise CodeTableInvalid(
            f"代码表 {source} 不是有效的 YAML",
            f"code table {source} is not valid YAML",
            [Problem(source, f"YAML 语法错误：{exc}", f"YAML syntax error: {exc}")],
        ) from None


def table_invalid(source: str, problems: list[Problem]) -> CodeTableInvalid:
    return CodeTableInvalid(
        f"代码表 {source} 有 {len(problems)} 处问题", f"code table {source} has {len(problems)} problem(s)", problems
    )


class Checker:
    """Collects the problems of one table while its entries are read."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, location: str, zh: str, en: str) -> None:
        self.problems.append(Problem(location, zh, en))

    def mapping(self, value: object, location: str) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.add(location, "应为映射（键: 值）", "must be a mapping (key: value)")
        return None

    def items(self, value: object, location: str) -> list[Any]:
        if isinstance(value, list):
            return value
        self.add(location, "应为列表", "must be a list")
        return []

    def text(self, entry: Mapping[str, Any], key: str, location: str) -> str:
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value
        self.add(f"{location}.{key}", "缺少或为空（应为非空字符串）", "missing or empty (must be a non-empty string)")
        return ""

    def unknown_keys(self, entry: Mapping[str, Any], allowed: set[str], location: str) -> None:
        for key in entry:
            if key not in allowed:
                self.add(f"{location}.{key}", f"未知字段 {key!r}", f"unknown field {key!r}")
