"""The scope of one assessment (R2) and the checks that relate its answers to a model (R3).

Well-formed answers take a fast path of C-level lookups (a missing rating or an unknown grade simply fails
the lookup); only when that fails are the answers examined in detail, so that every problem is reported at
once with its location, whatever its kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

from cmmm.engine.answers import Answers
from cmmm.engine.plan import ScopeLayout, ScoringPlan, plan_for
from cmmm.errors import AnswersInvalid, Problem
from cmmm.model.schema import Model


@dataclass(frozen=True)
class Scope:
    """The checked, resolved scope of one assessment: what scoring iterates over (R2)."""

    model: Model
    answers: Answers
    domain_ids: tuple[str, ...]
    weights: Mapping[str, Fraction]
    weight_provenance: Mapping[str, str]
    layout: ScopeLayout
    """The in-scope requirements (levels 1..target outside the excluded domains) and their cells."""
    packed: list[int]
    """Per in-scope requirement, in layout order, its grade packed as ``units << COUNT_BITS | applicable``."""
    weights_key: Hashable
    """Identifies ``weights`` cheaply (path and overrides), for caches keyed by scope."""

    @property
    def requirement_ids(self) -> frozenset[str]:
        return self.layout.id_set


def _problem(location: str, zh: str, en: str) -> Problem:
    return Problem(location, zh, en)


def resolve_scope(model: Model, answers: Answers) -> Scope:
    """Check the answers against the model (R3), reporting every problem at once, and resolve weights."""
    plan = plan_for(model)
    excluded = frozenset(answers.excluded_domains)
    packed = _packed_grades(plan, answers, excluded) if _header_is_plain(plan, answers) else None
    if packed is None:
        _raise_problems(model, plan, answers, excluded)
    assert packed is not None
    weighting = _weighting(plan, answers, excluded)
    layout = plan.layout(answers.target_level, excluded)
    return Scope(
        model, answers, weighting.domain_ids, weighting.weights, weighting.provenance, layout, packed, weighting.key
    )


@dataclass(frozen=True)
class Weighting:
    """The in-scope domains, their weights (template or override) and where each weight came from."""

    domain_ids: tuple[str, ...]
    weights: Mapping[str, Fraction]
    provenance: Mapping[str, str]
    key: Hashable


_WEIGHTINGS: dict[tuple[int, str, frozenset[str]], Weighting] = {}
"""Weightings of answers without overrides, per plan, path and exclusions: most of a batch shares a few."""


def _weighting(plan: ScoringPlan, answers: Answers, excluded: frozenset[str]) -> Weighting:
    if not answers.weights:
        cache_key = (id(plan), answers.industry, excluded)
        found = _WEIGHTINGS.get(cache_key)
        if found is None:
            found = _resolve_weighting(plan, answers, excluded)
            if len(_WEIGHTINGS) > 1024:
                _WEIGHTINGS.clear()
            _WEIGHTINGS[cache_key] = found
        return found
    return _resolve_weighting(plan, answers, excluded)


def _resolve_weighting(plan: ScoringPlan, answers: Answers, excluded: frozenset[str]) -> Weighting:
    domain_ids = tuple(d for d in plan.domain_ids if d not in excluded)
    template = plan.template_weights[answers.industry]
    weights: dict[str, Fraction] = {}
    provenance: dict[str, str] = {}
    for domain_id in domain_ids:
        override = answers.weights.get(domain_id)
        weights[domain_id] = template[domain_id] if override is None else Fraction(override)
        provenance[domain_id] = "template" if override is None else "override"
    key = (answers.industry, tuple(sorted((d, str(w)) for d, w in answers.weights.items())))
    return Weighting(domain_ids, MappingProxyType(weights), MappingProxyType(provenance), key)


def _header_is_plain(plan: ScoringPlan, answers: Answers) -> bool:
    """True when nothing but the ratings could be wrong: the common case, checked cheaply."""
    return (
        answers.industry in plan.template_weights
        and type(answers.target_level) is int
        and 1 <= answers.target_level <= plan.top_level
        and not answers.excluded_domains
        and not answers.weights
        and not answers.efforts
    ) or not any(_header_and_domain_problems(plan, answers))


def _packed_grades(plan: ScoringPlan, answers: Answers, excluded: frozenset[str]) -> list[int] | None:
    """The packed grades of the in-scope requirements, or None when any rating is missing or unknown."""
    layout = plan.layout(answers.target_level, excluded)
    ratings = answers.ratings
    if len(ratings) == len(layout.requirement_ids) and tuple(ratings) == layout.requirement_ids:
        try:  # the ratings of exactly the scope, in model order (as our tools write them): no key lookups
            return list(map(plan.packed_grades.__getitem__, ratings.values()))
        except (KeyError, TypeError):
            return None
    try:
        grades = list(map(ratings.__getitem__, layout.requirement_ids))
        packed = list(map(plan.packed_grades.__getitem__, grades))
    except (KeyError, TypeError):
        return None
    if len(ratings) != len(grades):  # ratings beyond the scope are kept but must still be known (R2, R3)
        try:
            extra_known = ratings.keys() <= plan.requirement_ids and set(ratings.values()) <= plan.grade_units.keys()
        except TypeError:
            return None
        if not extra_known:
            return None
    return packed


def _raise_problems(model: Model, plan: ScoringPlan, answers: Answers, excluded: frozenset[str]) -> None:
    problems = [*_header_and_domain_problems(plan, answers), *_rating_problems(plan, answers)]
    if 1 <= answers.target_level <= plan.top_level:
        missing = plan.in_scope(answers.target_level, excluded) - answers.ratings.keys()
        problems.extend(
            _problem(f"ratings.{rid}", f"缺少要求 {rid} 的评分", f"requirement {rid} has no rating")
            for rid in sorted(missing, key=plan.requirement_order.__getitem__)
        )
    raise AnswersInvalid(f"评分输入有 {len(problems)} 处问题", f"the answers have {len(problems)} problem(s)", problems)


def _header_and_domain_problems(plan: ScoringPlan, answers: Answers) -> Iterator[Problem]:
    yield from _header_problems(plan, answers)
    yield from _domain_problems(plan, answers)
    yield from _effort_problems(plan, answers)


def _header_problems(plan: ScoringPlan, answers: Answers) -> Iterator[Problem]:
    paths = list(plan.template_weights)
    if answers.industry not in paths:
        yield _problem(
            "industry",
            f"未知的行业路径 {answers.industry!r}（可选：{', '.join(paths)}）",
            f"unknown industry path {answers.industry!r} (one of: {', '.join(paths)})",
        )
    top = plan.top_level
    if type(answers.target_level) is not int or not 1 <= answers.target_level <= top:
        yield _problem("target_level", f"目标等级应为 1 至 {top} 的整数", f"target_level must be 1 to {top}")


def _domain_problems(plan: ScoringPlan, answers: Answers) -> Iterator[Problem]:
    known = plan.domain_ids
    for i, domain_id in enumerate(answers.excluded_domains):
        if domain_id not in known:
            yield _problem(f"excluded_domains[{i}]", f"未知的能力域 {domain_id!r}", f"unknown domain {domain_id!r}")
    for domain_id, count in Counter(answers.excluded_domains).items():
        if count > 1:
            yield _problem(
                "excluded_domains",
                f"能力域 {domain_id} 重复裁剪 {count} 次",
                f"domain {domain_id} is excluded {count} times",
            )
    if known and set(answers.excluded_domains) >= set(known):
        yield _problem("excluded_domains", "不能裁剪全部能力域", "not every domain can be excluded")
    for domain_id, weight in answers.weights.items():
        where = f"weights.{domain_id}"
        if domain_id not in known:
            yield _problem(where, f"未知的能力域 {domain_id!r}", f"unknown domain {domain_id!r}")
        if isinstance(weight, bool) or not isinstance(weight, Fraction | Decimal | int) or weight <= 0:
            yield _problem(where, f"权重应为正数，实际为 {weight!r}", f"weights must be positive, got {weight!r}")


def _effort_problems(plan: ScoringPlan, answers: Answers) -> Iterator[Problem]:
    for requirement_id, effort in (answers.efforts or {}).items():
        where = f"efforts.{requirement_id}"
        if requirement_id not in plan.requirement_ids:
            yield _problem(where, f"未知的要求 {requirement_id}", f"unknown requirement {requirement_id}")
        if isinstance(effort, bool) or not isinstance(effort, Fraction | Decimal | int) or effort <= 0:
            yield _problem(
                where,
                f"工作量估计应为正数，实际为 {effort!r}",
                f"effort estimates must be positive, got {effort!r}",
            )


def _rating_problems(plan: ScoringPlan, answers: Answers) -> Iterator[Problem]:
    """Unknown requirement ids and grades (R3), each located by its requirement id."""
    grades = ", ".join(plan.grade_units)
    for requirement_id, grade in answers.ratings.items():
        where = f"ratings.{requirement_id}"
        if requirement_id not in plan.requirement_ids:
            yield _problem(where, f"未知的要求 {requirement_id}", f"unknown requirement {requirement_id}")
        if not isinstance(grade, str) or grade not in plan.grade_units:
            yield _problem(
                where, f"未知的满足程度 {grade!r}（可选：{grades}）", f"unknown grade {grade!r} (one of: {grades})"
            )
