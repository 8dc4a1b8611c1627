"""Scoring of one assessment: rules R1-R11 and R13-R14 of reference/scoring.md, in exact arithmetic.

Scores are Fractions end to end; only :mod:`cmmm.engine.display` rounds, and only for display (R11).
Every constant (grade points, threshold, bands) comes from the model's method section, never from code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction

from cmmm.engine.answers import Answers, Scope, resolve_scope
from cmmm.engine.result import LevelResult, Result
from cmmm.model.schema import Model


def score(model: Model, answers: Answers) -> Result:
    """Score ``answers`` against ``model``; raises :class:`AnswersInvalid` listing every problem (R3)."""
    return score_scope(resolve_scope(model, answers))


def weighted_mean(values: Iterable[tuple[Fraction | None, Fraction]]) -> Fraction | None:
    """Mean of the present values weighted by their weights, renormalized over the present ones (R5-R7).

    Absent values (None) are left out rather than counted as zero; with none present the mean is absent.
    """
    total = Fraction(0)
    weight_sum = Fraction(0)
    for value, weight in values:
        if value is not None:
            total += value * weight
            weight_sum += weight
    return total / weight_sum if weight_sum else None


def score_scope(scope: Scope) -> Result:
    model = scope.model
    threshold = Fraction(model.method.threshold)
    levels = tuple(_level_result(scope, n, threshold) for n in range(1, scope.answers.target_level + 1))
    counted = _counted_levels(levels)
    total = sum((lv.score or Fraction(0) for lv in levels[:counted]), Fraction(0))
    levels = tuple(_with_counted(lv, lv.level <= counted) for lv in levels)
    satisfied = next((i for i, lv in enumerate(levels) if not lv.satisfied), len(levels))
    in_scope = {
        rid: grade
        for rid, grade in scope.answers.ratings.items()
        if model.index.domain_of_requirement(rid) in scope.weights
        and model.index.requirements[rid].level <= scope.answers.target_level
    }
    return Result(
        model_id=model.id,
        model_version=model.version,
        model_hash=model.content_hash,
        industry=scope.answers.industry,
        target_level=scope.answers.target_level,
        excluded_domains=tuple(scope.answers.excluded_domains),
        weights=dict(scope.weights),
        weight_provenance=dict(scope.weight_provenance),
        levels=levels,
        total_score=total,
        maturity_level=maturity_level(model, total),
        counted_levels=counted,
        satisfied_levels=satisfied,
        ratings=in_scope,
    )


def maturity_level(model: Model, total: Fraction) -> int:
    """R10: the band whose minimum is the highest one not above the total score."""
    reached = [band.level for band in model.method.bands if Fraction(band.min_score) <= total]
    return max(reached, default=0)


def _counted_levels(levels: tuple[LevelResult, ...]) -> int:
    """R9: m is the first level that is not satisfied, or the target level when all are."""
    for lv in levels:
        if not lv.satisfied:
            return lv.level
    return len(levels)


def _with_counted(lv: LevelResult, counted: bool) -> LevelResult:
    return LevelResult(
        lv.level,
        lv.score,
        lv.satisfied,
        counted,
        lv.subdomain_scores,
        lv.domain_scores,
        lv.element_scores,
        lv.rated_counts,
    )


def subdomain_level_score(points: Iterable[Fraction | None]) -> tuple[Fraction | None, int]:
    """R4: arithmetic mean of the rated requirements' points, not-applicable left out; absent if none."""
    present = [p for p in points if p is not None]
    return (sum(present, Fraction(0)) / len(present) if present else None), len(present)


def _level_result(scope: Scope, level: int, threshold: Fraction) -> LevelResult:
    index = scope.model.index
    sub_scores: dict[str, Fraction | None] = {}
    rated_counts: dict[str, int] = {}
    domain_scores: dict[str, Fraction | None] = {}
    for domain_id in scope.domain_ids:
        domain = index.domains[domain_id]
        parts: list[tuple[Fraction | None, Fraction]] = []
        for sub in domain.subdomains:
            grades = [scope.answers.ratings[r.id] for r in sub.requirements if r.level == level]
            if not grades:
                continue
            sub_scores[sub.id], rated_counts[sub.id] = subdomain_level_score(scope.points[g] for g in grades)
            parts.append((sub_scores[sub.id], Fraction(sub.weight)))
        domain_scores[domain_id] = weighted_mean(parts)
    level_score = weighted_mean((domain_scores[d], scope.weights[d]) for d in scope.domain_ids)
    return LevelResult(
        level=level,
        score=level_score,
        satisfied=level_score is not None and level_score >= threshold,
        counted=False,
        subdomain_scores=sub_scores,
        domain_scores=domain_scores,
        element_scores=_element_scores(scope, domain_scores),
        rated_counts=rated_counts,
    )


def _element_scores(scope: Scope, domain_scores: Mapping[str, Fraction | None]) -> dict[str, Fraction | None]:
    """R7: an element's score is the weighted mean of its present domain scores, same domain weights."""
    index = scope.model.index
    return {
        element.id: weighted_mean(
            (domain_scores[d.id], scope.weights[d.id]) for d in element.domains if d.id in scope.weights
        )
        for element in index.elements.values()
        if any(d.id in scope.weights for d in element.domains)
    }
