"""Comparison of two assessments of one enterprise, before and after a project (后评价): what moved.

Per level the level scores S_n; per element, domain and sub-domain their maturity scores on the 0-5
scale (see profile.py), so that one number per unit says how far it got; and every requirement whose
grade changed. Both results must come from the same model (same content hash, R14).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from cmmm.engine.profile import domain_profile, element_profile, subdomain_profile
from cmmm.engine.result import Result
from cmmm.model.schema import Model
from cmmm.reports.errors import ComparisonInvalid


@dataclass(frozen=True)
class Change:
    before: Fraction | None
    after: Fraction | None

    @property
    def delta(self) -> Fraction | None:
        """After minus before; a unit absent on either side has no delta rather than a made-up one."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class GradeChange:
    requirement_id: str
    before: str | None
    after: str | None
    """None: the requirement was not rated (out of scope) in that assessment."""


@dataclass(frozen=True)
class Comparison:
    total: Change
    level_before: int
    level_after: int
    levels: dict[int, Change]
    elements: dict[str, Change]
    domains: dict[str, Change]
    subdomains: dict[str, Change]
    grade_changes: tuple[GradeChange, ...]


def _level_score(result: Result, level: int) -> Fraction | None:
    return result.level_result(level).score if level <= result.target_level else None


def compare(model: Model, before: Result, after: Result) -> Comparison:
    """What moved between ``before`` and ``after``; raises :class:`ComparisonInvalid` across models."""
    for zh, en, result in (("改进前", "before", before), ("改进后", "after", after)):
        if result.model_hash != model.content_hash:
            raise ComparisonInvalid(
                f"{zh}的评估结果不是按模型 {model.ref} 计算的，不同模型的结果无法比较",
                f"the {en} result was not scored against {model.ref}; results of different models do not compare",
            )
    threshold = Fraction(model.method.threshold)
    index = model.index
    top = max(before.target_level, after.target_level)
    changes = []
    for rid in index.requirements:
        was, now = before.ratings.get(rid), after.ratings.get(rid)
        if was != now:
            changes.append(GradeChange(rid, was, now))
    return Comparison(
        total=Change(before.total_score, after.total_score),
        level_before=before.maturity_level,
        level_after=after.maturity_level,
        levels={n: Change(_level_score(before, n), _level_score(after, n)) for n in range(1, top + 1)},
        elements={
            e: Change(element_profile(before, threshold, e), element_profile(after, threshold, e))
            for e in index.elements
        },
        domains={
            d: Change(domain_profile(before, threshold, d), domain_profile(after, threshold, d)) for d in index.domains
        },
        subdomains={
            s: Change(subdomain_profile(before, threshold, s), subdomain_profile(after, threshold, s))
            for s in index.subdomains
        },
        grade_changes=tuple(changes),
    )
