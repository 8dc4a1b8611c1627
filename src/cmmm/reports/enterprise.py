"""The ``enterprise`` object of an answers file: who was assessed, what kind of result, who signed it.

Scoring ignores it; reports show it on the cover and, for formal assessments, list the assessors, the
reviewers and the evidence index. Every problem is reported at once with its JSON path
(docs/reports.md describes the fields).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast, get_args

from cmmm.errors import Problem
from cmmm.model.schema import Model
from cmmm.reports.errors import EnterpriseInvalid

ResultKind = Literal["self_declared", "reviewed", "certified"]
RESULT_KINDS: tuple[str, ...] = get_args(ResultKind)

TEXT_FIELDS = ("name", "credit_code", "region", "industry", "scope", "report_date")
ENTERPRISE_KEYS = (*TEXT_FIELDS, "result_kind", "assessors", "reviewers", "evidence", "notes")


@dataclass(frozen=True)
class Person:
    name: str
    role: str = ""
    organization: str = ""


@dataclass(frozen=True)
class EvidenceItem:
    """One entry of the evidence index: a document or observation and the requirements it supports."""

    id: str
    title: str
    requirements: tuple[str, ...] = ()
    location: str = ""


@dataclass(frozen=True)
class Enterprise:
    """Details a report shows besides the result; every field is optional (an empty report cover is legal)."""

    name: str = ""
    credit_code: str = ""
    region: str = ""
    industry: str = ""
    scope: str = ""
    report_date: str = ""
    result_kind: ResultKind = "self_declared"
    assessors: tuple[Person, ...] = ()
    reviewers: tuple[Person, ...] = ()
    evidence: tuple[EvidenceItem, ...] = ()
    notes: Mapping[str, str] = field(default_factory=dict)
    """Assessor's notes per requirement id, shown in the appendix and the Excel export."""

    @property
    def formal(self) -> bool:
        """Reviewed and certified results come from a formal assessment, whose team and evidence are listed."""
        return self.result_kind != "self_declared"

    def evidence_count(self, requirement_id: str) -> int:
        return sum(requirement_id in item.requirements for item in self.evidence)


def _problem(location: str, zh: str, en: str) -> Problem:
    return Problem(location, zh, en)


def enterprise_from_json(data: object, model: Model, where: str = "enterprise") -> Enterprise:
    """Check the JSON shape and the requirement ids cited, and build :class:`Enterprise` (all problems at once)."""
    if data is None:
        return Enterprise()
    if not isinstance(data, dict):
        raise EnterpriseInvalid(
            "企业信息应为 JSON 对象",
            "the enterprise details must be a JSON object",
            [_problem(where, "应为对象", "must be an object")],
        )
    problems = list(_shape_problems(data, model, where))
    if problems:
        raise EnterpriseInvalid(
            f"企业信息有 {len(problems)} 处问题", f"the enterprise details have {len(problems)} problem(s)", problems
        )
    return Enterprise(
        **{key: data[key] for key in TEXT_FIELDS if key in data},
        result_kind=cast(ResultKind, data.get("result_kind", "self_declared")),
        assessors=tuple(_person(item) for item in data.get("assessors", [])),
        reviewers=tuple(_person(item) for item in data.get("reviewers", [])),
        evidence=tuple(_evidence(item) for item in data.get("evidence", [])),
        notes=dict(data.get("notes", {})),
    )


def _person(item: Any) -> Person:
    if isinstance(item, str):
        return Person(item)
    return Person(item["name"], item.get("role", ""), item.get("organization", ""))


def _evidence(item: Any) -> EvidenceItem:
    return EvidenceItem(item["id"], item["title"], tuple(item.get("requirements", [])), item.get("location", ""))


def _shape_problems(data: dict[str, Any], model: Model, where: str) -> Iterator[Problem]:
    for key in data:
        if key not in ENTERPRISE_KEYS:
            yield _problem(f"{where}.{key}", f"未知字段 {key!r}", f"unknown field {key!r}")
    for key in TEXT_FIELDS:
        if key in data and not isinstance(data[key], str):
            yield _problem(f"{where}.{key}", "应为字符串", "must be a string")
    if data.get("result_kind", "self_declared") not in RESULT_KINDS:
        allowed = " | ".join(RESULT_KINDS)
        yield _problem(f"{where}.result_kind", f"应为 {allowed} 之一", f"must be one of {allowed}")
    for key in ("assessors", "reviewers"):
        yield from _people_problems(data.get(key, []), f"{where}.{key}")
    yield from _evidence_problems(data.get("evidence", []), model, f"{where}.evidence")
    yield from _notes_problems(data.get("notes", {}), model, f"{where}.notes")


def _people_problems(value: object, where: str) -> Iterator[Problem]:
    if not isinstance(value, list):
        yield _problem(where, "应为列表", "must be a list")
        return
    for i, item in enumerate(value):
        if isinstance(item, str):
            continue
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            yield _problem(f"{where}[{i}]", "应为姓名或含 name 的对象", "must be a name or an object with a name")
            continue
        for key, text in item.items():
            if key not in ("name", "role", "organization") or not isinstance(text, str):
                yield _problem(f"{where}[{i}].{key}", "未知字段或不是字符串", "unknown field or not a string")


def _evidence_problems(value: object, model: Model, where: str) -> Iterator[Problem]:
    if not isinstance(value, list):
        yield _problem(where, "应为列表", "must be a list")
        return
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            yield _problem(f"{where}[{i}]", "应为对象", "must be an object")
            continue
        for key in ("id", "title"):
            if not isinstance(item.get(key), str):
                yield _problem(f"{where}[{i}].{key}", "缺少或不是字符串", "missing or not a string")
        for key in item:
            if key not in ("id", "title", "requirements", "location"):
                yield _problem(f"{where}[{i}].{key}", f"未知字段 {key!r}", f"unknown field {key!r}")
        if "location" in item and not isinstance(item["location"], str):
            yield _problem(f"{where}[{i}].location", "应为字符串", "must be a string")
        yield from _requirement_ids(item.get("requirements", []), model, f"{where}[{i}].requirements")


def _requirement_ids(value: object, model: Model, where: str) -> Iterator[Problem]:
    if not isinstance(value, list):
        yield _problem(where, "应为要求编号列表", "must be a list of requirement ids")
        return
    for j, rid in enumerate(value):
        if rid not in model.index.requirements:
            yield _problem(f"{where}[{j}]", f"未知的要求编号 {rid!r}", f"unknown requirement id {rid!r}")


def _notes_problems(value: object, model: Model, where: str) -> Iterator[Problem]:
    if not isinstance(value, dict):
        yield _problem(where, "应为对象（要求编号: 备注）", "must be an object (requirement id: note)")
        return
    for rid, note in value.items():
        if rid not in model.index.requirements:
            yield _problem(f"{where}.{rid}", f"未知的要求编号 {rid!r}", f"unknown requirement id {rid!r}")
        elif not isinstance(note, str):
            yield _problem(f"{where}.{rid}", "应为字符串", "must be a string")
