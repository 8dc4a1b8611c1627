"""Scoring of one assessment: rules R1-R11 and R13-R14 of reference/scoring.md, in exact arithmetic.

Grade points and weights are turned into integers over common denominators (see :mod:`cmmm.engine.plan`),
so every mean is an exact ratio of integers; only :mod:`cmmm.engine.display` rounds, and only for display
(R11). Every constant (grade points, threshold, bands) comes from the model's method section.
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import accumulate, repeat
from operator import and_, floordiv, mul, rshift, sub

from cmmm.engine.answers import Answers
from cmmm.engine.plan import COUNT_BITS, ScoringPlan, domain_ratio, level_coefficients, plan_for
from cmmm.engine.result import LevelResult, Result, weighted_mean
from cmmm.engine.scope import Scope, resolve_scope
from cmmm.model.schema import Model

__all__ = ["maturity_level", "score", "score_scope", "weighted_mean"]


def score(model: Model, answers: Answers) -> Result:
    """Score ``answers`` against ``model``; raises :class:`AnswersInvalid` listing every problem (R3)."""
    return score_scope(resolve_scope(model, answers))


def score_scope(scope: Scope) -> Result:
    model = scope.model
    plan = plan_for(model)
    units, rated = _cell_totals(plan, scope)
    threshold = plan.threshold
    target = scope.answers.target_level
    scores = [level_score(plan, n, units, rated, scope) for n in range(1, target + 1)]
    satisfied = [value is not None and value >= threshold for value in scores]
    counted = next((i + 1 for i, ok in enumerate(satisfied) if not ok), target)  # R9
    levels = tuple(
        LevelResult(
            n, scores[n - 1], satisfied[n - 1], n <= counted, plan, units, rated, scope.domain_ids, scope.weights
        )
        for n in range(1, target + 1)
    )
    total = sum((value or Fraction(0) for value in scores[:counted]), Fraction(0))
    return Result(
        model_id=model.id,
        model_version=model.version,
        model_hash=model.content_hash,
        industry=scope.answers.industry,
        target_level=target,
        excluded_domains=tuple(scope.answers.excluded_domains),
        weights=dict(scope.weights),
        weight_provenance=dict(scope.weight_provenance),
        levels=levels,
        total_score=total,
        maturity_level=maturity_level(model, total),
        counted_levels=counted,
        satisfied_levels=next((i for i, ok in enumerate(satisfied) if not ok), target),
        given_ratings=scope.answers.ratings,
        scope_ids=scope.requirement_ids,
    )


def maturity_level(model: Model, total: Fraction) -> int:
    """R10: the band whose minimum is the highest one not above the total score."""
    return next((level for level, minimum in plan_for(model).band_minimums if minimum <= total), 0)


def _cell_totals(plan: ScoringPlan, scope: Scope) -> tuple[list[int], list[int]]:
    """R1, R4: per cell, the sum of grade units and the number of applicable ratings (na left out).

    Packed grades make one prefix sum give both totals of every cell (all loops run in C).
    """
    prefix = list(accumulate(scope.packed, initial=0))
    layout = scope.layout
    totals = list(map(sub, map(prefix.__getitem__, layout.ends), map(prefix.__getitem__, layout.starts)))
    units = list(map(rshift, totals, repeat(COUNT_BITS)))
    rated = list(map(and_, totals, repeat((1 << COUNT_BITS) - 1)))
    return units, rated


def level_score(plan: ScoringPlan, level: int, units: list[int], rated: list[int], scope: Scope) -> Fraction | None:
    """R4-R6 at one level, exactly.

    When every in-scope cell of the level has an applicable rating, S_n is a fixed integer linear form of the
    cell means (cached per scope); otherwise presence changes and domains and the level renormalize over what
    is present, computed in full.
    """
    coefficients = level_coefficients(plan, level, scope.domain_ids, scope.weights, scope.weights_key)
    counts = list(map(rated.__getitem__, coefficients.cells))
    if counts and 0 not in counts:
        common = math.lcm(*counts)
        scaled = map(mul, map(units.__getitem__, coefficients.cells), map(floordiv, repeat(common), counts))
        numerator = sum(map(mul, coefficients.multipliers, scaled))
        return Fraction(numerator, common * plan.unit * coefficients.denominator)
    return renormalized_level_score(plan, level, units, rated, scope)


def renormalized_level_score(
    plan: ScoringPlan, level: int, units: list[int], rated: list[int], scope: Scope
) -> Fraction | None:
    """R5-R6 in full: the weighted mean of present domain scores, each over its present sub-domains."""
    domains = plan.cells_by_level_domain[level]
    parts: list[tuple[Fraction | None, Fraction]] = []
    for domain_id in scope.domain_ids:
        ratio = domain_ratio(plan, domains.get(domain_id, ()), units, rated)
        parts.append((None if ratio is None else Fraction(*ratio), scope.weights[domain_id]))
    return weighted_mean(parts)
