"""Scoring of one assessment: rules R1-R11 and R13-R14 of reference/scoring.md, in exact arithmetic.

Grade points and weights are turned into integers over common denominators (see :mod:`cmmm.engine.plan`),
so every mean is an exact ratio of integers; only :mod:`cmmm.engine.display` rounds, and only for display
(R11). Every constant (grade points, threshold, bands) comes from the model's method section.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import accumulate, islice
from operator import mul, sub

from cmmm.engine.answers import Answers
from cmmm.engine.plan import ScoringPlan, domain_ratio, level_coefficients, plan_for
from cmmm.engine.result import CellSums, LevelResult, Result, weighted_mean
from cmmm.engine.scope import Scope, resolve_scope
from cmmm.model.schema import Model

__all__ = ["maturity_level", "score", "score_scope", "weighted_mean"]


def score(model: Model, answers: Answers) -> Result:
    """Score ``answers`` against ``model``; raises :class:`AnswersInvalid` listing every problem (R3)."""
    return score_scope(resolve_scope(model, answers))


def score_scope(scope: Scope) -> Result:
    model = scope.model
    plan = plan_for(model)
    totals = _cell_totals(scope)
    target = scope.answers.target_level
    sums = CellSums(totals, list(map(plan.scaled_of_total.__getitem__, totals)))
    every_cell_rated = totals.count(0) == scope.layout.empty_cells  # a zero total means nothing applicable
    ratios = [level_ratio(plan, n, sums, scope, every_cell_rated) for n in range(1, target + 1)]
    satisfied = [ratio is not None and at_least(ratio, plan.threshold_ratio) for ratio in ratios]
    counted = next((i + 1 for i, ok in enumerate(satisfied) if not ok), target)  # R9
    levels = tuple(
        LevelResult(n, ratios[n - 1], satisfied[n - 1], n <= counted, plan, sums, scope.domain_ids, scope.weights)
        for n in range(1, target + 1)
    )
    total = sum_of_ratios(ratios[:counted])
    return Result(
        model_id=model.id,
        model_version=model.version,
        model_hash=model.content_hash,
        industry=scope.answers.industry,
        target_level=target,
        excluded_domains=tuple(scope.answers.excluded_domains),
        weights=scope.weights,
        weight_provenance=scope.weight_provenance,
        levels=levels,
        total_score=Fraction(*total),
        maturity_level=_band_of(plan, total),
        counted_levels=counted,
        satisfied_levels=next((i for i, ok in enumerate(satisfied) if not ok), target),
        given_ratings=scope.answers.ratings,
        scope_ids=scope.requirement_ids,
    )


Ratio = tuple[int, int]
"""An exact non-negative value as (numerator, denominator > 0), not reduced: comparing two by cross-products
is exact and avoids constructing Fractions in the hot path of batch scoring."""


def at_least(value: Ratio, bound: Ratio) -> bool:
    return value[0] * bound[1] >= bound[0] * value[1]


def sum_of_ratios(values: list[Ratio | None]) -> Ratio:
    """The exact sum of the present values (an absent level score adds nothing)."""
    numerator, denominator = 0, 1
    for value in values:
        if value is not None:
            numerator, denominator = numerator * value[1] + value[0] * denominator, denominator * value[1]
    return numerator, denominator


def maturity_level(model: Model, total: Fraction) -> int:
    """R10: the band whose minimum is the highest one not above the total score."""
    return _band_of(plan_for(model), (total.numerator, total.denominator))


def _band_of(plan: ScoringPlan, total: Ratio) -> int:
    return next((level for level, minimum in plan.band_ratios if at_least(total, minimum)), 0)


def _cell_totals(scope: Scope) -> list[int]:
    """R1, R4: per cell, its packed total: the sum of grade units and the number of applicable ratings in one.

    Packed grades make one prefix sum give both totals of every cell (all loops run in C).
    """
    prefix = list(accumulate(scope.packed, initial=0))
    at_bounds = list(map(prefix.__getitem__, scope.layout.bounds))
    return list(map(sub, islice(at_bounds, 1, None), at_bounds))


def level_ratio(plan: ScoringPlan, level: int, sums: CellSums, scope: Scope, every_cell_rated: bool) -> Ratio | None:
    """R4-R6 at one level, exactly, as an unreduced ratio of integers; None when the level is absent.

    When every in-scope cell of the level has an applicable rating, S_n is a fixed integer linear form of the
    cell means over one common denominator (cached per scope); otherwise presence changes and domains and the
    level renormalize over what is present, computed in full.
    """
    coefficients = level_coefficients(plan, level, scope.domain_ids, scope.weights, scope.weights_key)
    cells = coefficients.cells
    if cells and (every_cell_rated or all(map(sums.rated.__getitem__, cells))):
        numerator = sum(map(mul, coefficients.multipliers, map(sums.scaled.__getitem__, cells)))
        return numerator, plan.common_count * plan.unit * coefficients.denominator
    value = renormalized_level_score(plan, level, sums.units, sums.rated, scope)
    return None if value is None else (value.numerator, value.denominator)


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
