"""The values a scoring run produces: exact scores (Fractions) per level, domain, sub-domain and element.

Level scores are computed eagerly; sub-domain, domain and element scores are kept as integers and become
Fractions when first read, so batch scoring pays only for what it prints. A :class:`Result` carries what R14
asks a stored result to record (model id, version, hash, weights and their provenance).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from cmmm.engine.plan import COUNT_BITS, COUNT_MASK, ScoringPlan, domain_ratio


def weighted_mean(values: list[tuple[Fraction | None, Fraction]]) -> Fraction | None:
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


class CellSums:
    """Per cell of the plan, its packed total (see :data:`~cmmm.engine.plan.COUNT_BITS`) and its units scaled to
    the plan's common count; the separate units and applicable counts are unpacked only when first read."""

    __slots__ = ("__dict__", "scaled", "totals")

    def __init__(self, totals: list[int], scaled: list[int]) -> None:
        self.totals = totals
        self.scaled = scaled

    @cached_property
    def units(self) -> list[int]:
        return [total >> COUNT_BITS for total in self.totals]

    @cached_property
    def rated(self) -> list[int]:
        """How many applicable ratings each cell has (not-applicable ones are left out, R4)."""
        return [total & COUNT_MASK for total in self.totals]


@dataclass(frozen=True)
class LevelResult:
    """Scores at one level n; ``None`` marks an *absent* score (nothing rated there), never zero (R4-R7).

    The level score is computed when scoring; the finer scores are derived from the integer cell totals
    when first read.
    """

    level: int
    ratio: tuple[int, int] | None
    """S_n as an unreduced (numerator, denominator), or None when absent; ``score`` is its Fraction."""
    satisfied: bool
    counted: bool
    plan: ScoringPlan = field(repr=False)
    sums: CellSums = field(repr=False)
    domain_ids: tuple[str, ...] = field(repr=False)
    weights: Mapping[str, Fraction] = field(repr=False)

    @cached_property
    def score(self) -> Fraction | None:
        return None if self.ratio is None else Fraction(*self.ratio)

    @property
    def units(self) -> list[int]:
        return self.sums.units

    @property
    def rated(self) -> list[int]:
        return self.sums.rated

    def _members(self, domain_id: str) -> tuple[int, ...]:
        return self.plan.cells_by_level_domain[self.level].get(domain_id, ())

    @cached_property
    def subdomain_scores(self) -> dict[str, Fraction | None]:
        """R4: a sub-domain's mean points at this level, or None when every clause was not applicable."""
        unit = self.plan.unit
        return {
            self.plan.cells[c].subdomain_id: Fraction(self.units[c], self.rated[c] * unit) if self.rated[c] else None
            for d in self.domain_ids
            for c in self._members(d)
        }

    @cached_property
    def rated_counts(self) -> dict[str, int]:
        return {self.plan.cells[c].subdomain_id: self.rated[c] for d in self.domain_ids for c in self._members(d)}

    @cached_property
    def domain_scores(self) -> dict[str, Fraction | None]:
        """R5: each in-scope domain's weighted mean of its present sub-domain scores."""
        scores: dict[str, Fraction | None] = {}
        for d in self.domain_ids:
            ratio = domain_ratio(self.plan, self._members(d), self.units, self.rated)
            scores[d] = None if ratio is None else Fraction(*ratio)
        return scores

    @cached_property
    def element_scores(self) -> dict[str, Fraction | None]:
        """R7: an element's weighted mean of its present domain scores, with the same domain weights."""
        scores = self.domain_scores
        return {
            element: weighted_mean([(scores.get(d), self.weights[d]) for d in domains if d in self.weights])
            for element, domains in self.plan.element_domains.items()
            if any(d in self.weights for d in domains)
        }


@dataclass(frozen=True)
class Result:
    model_id: str
    model_version: str
    model_hash: str
    industry: str
    target_level: int
    excluded_domains: tuple[str, ...]
    weights: Mapping[str, Fraction]
    weight_provenance: Mapping[str, str]
    levels: tuple[LevelResult, ...]
    total_score: Fraction
    maturity_level: int
    counted_levels: int
    satisfied_levels: int
    given_ratings: Mapping[str, str] = field(repr=False)
    scope_ids: frozenset[str] = field(repr=False)

    @cached_property
    def ratings(self) -> dict[str, str]:
        """The ratings that scoring used: in-scope requirements only (R2), in the order given."""
        return {rid: grade for rid, grade in self.given_ratings.items() if rid in self.scope_ids}

    @property
    def quirk(self) -> bool:
        """R13: more consecutive levels satisfied than the band table grants; reports point this out."""
        return self.satisfied_levels > self.maturity_level

    def level_result(self, level: int) -> LevelResult:
        return self.levels[level - 1]

    @property
    def first_unsatisfied_level(self) -> int | None:
        return next((lv.level for lv in self.levels if not lv.satisfied), None)
