"""A model compiled for scoring: integer grade units, requirement -> cell lookups, and cached scopes.

Scoring stays exact (R11) but avoids Fraction arithmetic in its inner loop: grade points become integers
over one common denominator, a sub-domain's level score is an integer sum over a count, and only level
scores become Fractions eagerly; everything else is built from the integers when first read. This is what
lets batch scoring run at the speed of reading its input (issue 2's benchmark).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations_with_replacement, pairwise

from cmmm.model.schema import Model

COUNT_BITS = 16
"""A packed grade is ``units << COUNT_BITS | applicable``: one sum over a cell gives both totals."""
COUNT_MASK = (1 << COUNT_BITS) - 1


@dataclass(frozen=True)
class Cell:
    """The requirements of one sub-domain at one level: the unit of R4."""

    index: int
    level: int
    subdomain_id: str
    domain_id: str
    subdomain_weight: Fraction
    weight_units: int
    """The sub-domain weight as an integer over a denominator shared within its domain (R5 renormalizes)."""
    size: int


@dataclass(frozen=True)
class ScoringPlan:
    model: Model
    grade_units: dict[str, int | None]
    """Grade points as integers over ``unit``; None for not applicable."""
    unit: int
    cells: tuple[Cell, ...]
    cell_of_requirement: dict[str, int]
    level_of_requirement: dict[str, int]
    domain_of_requirement: dict[str, str]
    cells_by_level_domain: dict[int, dict[str, tuple[int, ...]]]
    """For each level, the domains (model order) and their cells at that level (sub-domain order)."""
    requirement_ids: frozenset[str]
    domain_ids: tuple[str, ...]
    top_level: int
    packed_grades: dict[str, int]
    threshold_ratio: tuple[int, int]
    """The threshold of R8 as (numerator, denominator), compared by cross-products in the hot path."""
    band_ratios: tuple[tuple[int, tuple[int, int]], ...]
    """(level, minimum total score as (numerator, denominator)) from the highest band down, for R10."""
    cell_requirements: tuple[tuple[str, ...], ...]
    requirement_order: dict[str, int]
    common_count: int
    """A multiple of every possible count of applicable ratings in a cell (the lcm of 1..largest cell)."""
    scaled_of_total: dict[int, int]
    """A cell's packed total -> its units scaled to the common count (``units x common_count // applicable``),
    for every total a cell can have; 0 for a cell with nothing applicable."""
    template_weights: dict[str, dict[str, Fraction]]
    element_domains: dict[str, tuple[str, ...]]
    cells_of_subdomain: dict[str, tuple[Cell, ...]]
    """Each sub-domain's cells, lowest level first."""

    def layout(self, target_level: int, excluded: frozenset[str]) -> ScopeLayout:
        """The in-scope requirement ids in model order and each cell's slice of them, cached per scope.

        A cell's requirements are contiguous in model order, so its totals are sums over a slice.
        """
        key = (target_level, excluded)
        found = _LAYOUTS.get((id(self), key))
        if found is None:
            ids: list[str] = []
            bounds: list[int] = [0]
            for cell in self.cells:
                if cell.level <= target_level and cell.domain_id not in excluded:
                    ids.extend(self.cell_requirements[cell.index])
                bounds.append(len(ids))
            empty = sum(start == end for start, end in pairwise(bounds))
            found = ScopeLayout(tuple(ids), tuple(bounds), frozenset(ids), empty)
            _LAYOUTS[(id(self), key)] = found
        return found

    def in_scope(self, target_level: int, excluded: frozenset[str]) -> frozenset[str]:
        """The requirement ids of levels 1..target outside the excluded domains (R2), cached per scope."""
        key = (target_level, excluded)
        found = _SCOPES.get((id(self), key))
        if found is None:
            found = frozenset(
                rid
                for rid, level in self.level_of_requirement.items()
                if level <= target_level and self.domain_of_requirement[rid] not in excluded
            )
            _SCOPES[(id(self), key)] = found
        return found


@dataclass(frozen=True)
class ScopeLayout:
    requirement_ids: tuple[str, ...]
    bounds: tuple[int, ...]
    """Per cell c of the plan (in scope or not: then empty), its slice ``bounds[c]:bounds[c + 1]`` of
    ``requirement_ids``."""
    id_set: frozenset[str]
    empty_cells: int
    """How many cells of the plan are out of scope (empty slices)."""


_PLANS: dict[int, tuple[Model, ScoringPlan]] = {}
_LAYOUTS: dict[tuple[int, tuple[int, frozenset[str]]], ScopeLayout] = {}
_SCOPES: dict[tuple[int, tuple[int, frozenset[str]]], frozenset[str]] = {}
_LOCK = threading.Lock()


def plan_for(model: Model) -> ScoringPlan:
    """The plan of ``model``, compiled once per model object (models are immutable)."""
    entry = _PLANS.get(id(model))
    if entry is not None and entry[0] is model:
        return entry[1]
    with _LOCK:
        plan = _compile(model)
        _PLANS[id(model)] = (model, plan)
    return plan


def _compile(model: Model) -> ScoringPlan:
    points = [Fraction(g.points) for g in model.method.grades if g.points is not None]
    unit = math.lcm(*(p.denominator for p in points))
    grade_units = {g.id: (None if g.points is None else int(Fraction(g.points) * unit)) for g in model.method.grades}
    cells: list[Cell] = []
    cell_requirements: list[tuple[str, ...]] = []
    cell_of: dict[str, int] = {}
    by_level: dict[int, dict[str, list[int]]] = {lv.number: {} for lv in model.levels}
    for element in model.elements:
        for domain in element.domains:
            scale = math.lcm(*(Fraction(sub.weight).denominator for sub in domain.subdomains))
            for sub in domain.subdomains:  # sub-domain major: cells follow the model's requirement order
                weight = Fraction(sub.weight)
                for level, domains_at_level in by_level.items():
                    ids = [r.id for r in sub.requirements if r.level == level]
                    if not ids:
                        continue
                    cell = Cell(len(cells), level, sub.id, domain.id, weight, int(weight * scale), len(ids))
                    cells.append(cell)
                    cell_requirements.append(tuple(ids))
                    domains_at_level.setdefault(domain.id, []).append(cell.index)
                    cell_of.update(dict.fromkeys(ids, cell.index))
    index = model.index
    largest = max((len(ids) for ids in cell_requirements), default=1)
    common_count = math.lcm(*range(1, largest + 1))
    threshold = Fraction(model.method.threshold)
    bands = tuple(sorted(((b.level, Fraction(b.min_score)) for b in model.method.bands), reverse=True))
    return ScoringPlan(
        model=model,
        grade_units=grade_units,
        unit=unit,
        cells=tuple(cells),
        cell_of_requirement=cell_of,
        level_of_requirement={rid: r.level for rid, r in index.requirements.items()},
        domain_of_requirement={rid: index.domain_of_requirement(rid) for rid in index.requirements},
        cells_by_level_domain={n: {d: tuple(c) for d, c in at.items()} for n, at in by_level.items()},
        requirement_ids=frozenset(index.requirements),
        domain_ids=tuple(index.domains),
        top_level=len(model.levels),
        threshold_ratio=(threshold.numerator, threshold.denominator),
        band_ratios=tuple((level, (minimum.numerator, minimum.denominator)) for level, minimum in bands),
        packed_grades={g: (u << COUNT_BITS | 1) if u is not None else 0 for g, u in grade_units.items()},
        cell_requirements=tuple(cell_requirements),
        requirement_order={rid: i for i, rid in enumerate(index.requirements)},
        common_count=common_count,
        scaled_of_total=_scaled_totals(grade_units, largest, common_count),
        template_weights={t.path: {d: Fraction(w) for d, w in t.weights.items()} for t in model.weight_templates},
        element_domains={e.id: tuple(d.id for d in e.domains) for e in model.elements},
        cells_of_subdomain={
            sub: tuple(sorted((c for c in cells if c.subdomain_id == sub), key=lambda c: c.level))
            for sub in index.subdomains
        },
    )


def _scaled_totals(grade_units: dict[str, int | None], largest: int, common_count: int) -> dict[int, int]:
    """Every packed total of up to ``largest`` ratings, with its units scaled to ``common_count``."""
    applicable = sorted({u for u in grade_units.values() if u is not None})
    table = {0: 0}
    for count in range(1, largest + 1):
        for combination in combinations_with_replacement(applicable, count):
            units = sum(combination)
            table[units << COUNT_BITS | count] = units * (common_count // count)
    return table


def domain_ratio(
    plan: ScoringPlan, members: tuple[int, ...], units: list[int], rated: list[int]
) -> tuple[int, int] | None:
    """R5: the weighted mean of present sub-domain means, as (numerator, denominator); None when absent."""
    present = [c for c in members if rated[c]]
    if not present:
        return None
    cells = plan.cells
    common = math.lcm(*(rated[c] for c in present))
    numerator = sum(cells[c].weight_units * units[c] * (common // rated[c]) for c in present)
    return numerator, common * plan.unit * sum(cells[c].weight_units for c in present)


@dataclass(frozen=True)
class LevelCoefficients:
    """S_n as one integer linear form over the cells, valid while every cell has an applicable rating.

    With all sub-domains and domains present, cell c contributes ``multiplier_c x mean_c`` to S_n, where
    the multiplier is (domain weight share) x (sub-domain weight share) with fixed denominators. The general
    path handles the rare assessment where a whole cell is not applicable (presence then changes).
    """

    cells: tuple[int, ...]
    multipliers: tuple[int, ...]
    """Per cell of ``cells``, its integer multiplier over ``denominator``."""
    denominator: int


def level_coefficients(
    plan: ScoringPlan, level: int, domain_ids: tuple[str, ...], weights: Mapping[str, Fraction], weights_key: Hashable
) -> LevelCoefficients:
    """The linear form of S_n for one scope; ``weights_key`` identifies the weights cheaply for the cache."""
    key = (id(plan), level, domain_ids, weights_key)
    found = _COEFFICIENTS.get(key)
    if found is not None:
        return found
    domains = plan.cells_by_level_domain[level]
    present = [d for d in domain_ids if d in domains]
    weight_sum = sum((weights[d] for d in present), Fraction(0))
    shares: list[tuple[int, Fraction]] = []
    for d in present:
        members = domains[d]
        sub_sum = sum(plan.cells[c].weight_units for c in members)
        shares.extend((c, weights[d] / weight_sum * Fraction(plan.cells[c].weight_units, sub_sum)) for c in members)
    denominator = math.lcm(*(share.denominator for _, share in shares)) if shares else 1
    coefficients = LevelCoefficients(
        tuple(c for c, _ in shares), tuple(int(share * denominator) for _, share in shares), denominator
    )
    if len(_COEFFICIENTS) > 4096:
        _COEFFICIENTS.clear()
    _COEFFICIENTS[key] = coefficients
    return coefficients


_COEFFICIENTS: dict[tuple[object, ...], LevelCoefficients] = {}
