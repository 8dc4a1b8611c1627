"""The shortest path (最短提升路径) to a target level: the fewest, or the cheapest, rating changes.

Reaching level t means: every level 1..t satisfied (S_n >= threshold) and S_1 + ... + S_t at least the band
minimum of t (R8-R10). This is exactly the condition when the assessment's target is t, and a sufficient one
when it is higher. A change raises one requirement to the top grade and adds its impact (R12) to S_n;
impacts add up exactly because S_n is linear in the points of its level's ratings.

Fewest changes: within a level the best choices are the largest impacts, so each level takes the shortest
prefix of its impacts that satisfies it, and the total is then topped up with the largest remaining impacts
(greedy allocation over concave prefix sums: exact). Cheapest, with effort estimates: a covering knapsack
with one constraint per level and one on the total, solved exactly by branch and bound.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from cmmm.engine.explanation import Blocker, check_target_level, level_blockers
from cmmm.engine.result import Result
from cmmm.errors import TargetUnreachable
from cmmm.model.schema import Model

NODE_LIMIT = 2_000_000
"""Branch-and-bound nodes after which the best path found so far is returned, marked as not proven exact."""


@dataclass(frozen=True)
class PathStep:
    requirement_id: str
    subdomain_id: str
    level: int
    from_grade: str
    to_grade: str
    impact: Fraction
    effort: Fraction


@dataclass(frozen=True)
class ShortestPath:
    target_level: int
    objective: str
    """``count`` (fewest changes) or ``effort`` (cheapest by the given estimates)."""
    steps: tuple[PathStep, ...]
    total_effort: Fraction
    level_scores_after: Mapping[int, Fraction]
    exact: bool


@dataclass(frozen=True)
class _Problem:
    items: tuple[Blocker, ...]
    level_deficits: Mapping[int, Fraction]
    total_deficit: Fraction


def shortest_path(
    model: Model,
    result: Result,
    target_level: int,
    efforts: Mapping[str, Fraction] | None = None,
    default_effort: Fraction = Fraction(1),
) -> ShortestPath:
    """The fewest changes (``efforts`` None) or the cheapest (effort per requirement) to reach ``target_level``.

    Requirements without an estimate cost ``default_effort``. Raises :class:`TargetUnreachable` when even
    raising every requirement cannot reach the level (a level with nothing applicable to raise).
    """
    check_target_level(result, target_level)
    problem = _build_problem(model, result, range(1, target_level + 1), target_level)
    return _solve(model, result, target_level, problem, efforts, default_effort)


def level_path(
    model: Model,
    result: Result,
    level: int,
    efforts: Mapping[str, Fraction] | None = None,
    default_effort: Fraction = Fraction(1),
) -> ShortestPath:
    """The fewest (or cheapest) changes that make one level satisfied, S_level >= threshold, alone."""
    check_target_level(result, level)
    problem = _build_problem(model, result, (level,), None)
    return _solve(model, result, level, problem, efforts, default_effort)


def _solve(
    model: Model,
    result: Result,
    target_level: int,
    problem: _Problem,
    efforts: Mapping[str, Fraction] | None,
    default_effort: Fraction,
) -> ShortestPath:
    top_points = max(g.points for g in model.method.grades if g.points is not None)
    top = next(g.id for g in model.method.grades if g.points == top_points)
    cost = {b.requirement_id: (efforts or {}).get(b.requirement_id, default_effort) for b in problem.items}
    if efforts is None:
        chosen, exact = _fewest(problem), True
    else:
        chosen, exact = _cheapest(problem, cost)
    after = {n: (result.level_result(n).score or Fraction(0)) for n in problem.level_deficits}
    for blocker in chosen:
        after[blocker.level] += blocker.impact
    steps = tuple(
        PathStep(b.requirement_id, b.subdomain_id, b.level, b.grade, top, b.impact, cost[b.requirement_id])
        for b in sorted(chosen, key=lambda b: (b.level, -b.impact, b.requirement_id))
    )
    return ShortestPath(
        target_level,
        "count" if efforts is None else "effort",
        steps,
        sum((s.effort for s in steps), Fraction(0)),
        after,
        exact,
    )


def _build_problem(model: Model, result: Result, levels: Sequence[int], band_level: int | None) -> _Problem:
    """Deficits of ``levels`` against the threshold and, with ``band_level``, of their sum against its band."""
    threshold = Fraction(model.method.threshold)
    target_level = band_level or levels[-1]
    band_min = (
        next(Fraction(b.min_score) for b in model.method.bands if b.level == band_level)
        if band_level is not None
        else Fraction(0)
    )
    items: list[Blocker] = []
    deficits: dict[int, Fraction] = {}
    reachable_total = Fraction(0)
    for lv in (result.level_result(n) for n in levels):
        current = lv.score or Fraction(0)
        blockers = level_blockers(model, result, lv.level)
        best = current + sum((b.impact for b in blockers), Fraction(0))
        if lv.score is None or best < threshold:
            raise TargetUnreachable(
                f"第 {lv.level} 级没有可提升的适用要求，无法达到 {target_level} 级",
                f"level {lv.level} has no applicable requirement to raise; level {target_level} is unreachable",
            )
        items.extend(blockers)
        deficits[lv.level] = max(Fraction(0), threshold - current)
        reachable_total += best
    total_now = sum((result.level_result(n).score or Fraction(0) for n in levels), Fraction(0))
    if reachable_total < band_min:
        raise TargetUnreachable(
            f"即使全部要求达到全部满足，总分也达不到 {target_level} 级的下限",
            f"even with every requirement fully satisfied the total cannot reach level {target_level}",
        )
    return _Problem(tuple(items), deficits, max(Fraction(0), band_min - total_now))


def _fewest(problem: _Problem) -> list[Blocker]:
    chosen: list[Blocker] = []
    rest: list[Blocker] = []
    gained = Fraction(0)
    for level, deficit in problem.level_deficits.items():
        level_items = [b for b in problem.items if b.level == level]  # already largest impact first
        covered = Fraction(0)
        taken = 0
        while covered < deficit:
            covered += level_items[taken].impact
            taken += 1
        chosen.extend(level_items[:taken])
        rest.extend(level_items[taken:])
        gained += covered
    rest.sort(key=lambda b: (-b.impact, b.level, b.requirement_id))
    for blocker in rest:
        if gained >= problem.total_deficit:
            break
        chosen.append(blocker)
        gained += blocker.impact
    return chosen


def _cheapest(problem: _Problem, cost: Mapping[str, Fraction]) -> tuple[list[Blocker], bool]:
    items = sorted(problem.items, key=lambda b: (-(b.impact / cost[b.requirement_id]), b.requirement_id))
    search = _BranchAndBound(items, [cost[b.requirement_id] for b in items], problem)
    search.run()
    return [items[i] for i in search.best_set], search.exact


class _BranchAndBound:
    """Exact minimum-cost cover of the level and total deficits, items ordered by impact per unit cost."""

    def __init__(self, items: Sequence[Blocker], costs: Sequence[Fraction], problem: _Problem) -> None:
        self.items = items
        self.costs = costs
        self.levels = sorted(problem.level_deficits)
        self.start_needs = (*(problem.level_deficits[n] for n in self.levels), problem.total_deficit)
        self.best_cost: Fraction | None = None
        self.best_set: list[int] = []
        self.nodes = 0
        self.exact = True

    def _gains(self, i: int) -> tuple[Fraction, ...]:
        item = self.items[i]
        return (*(item.impact if item.level == n else Fraction(0) for n in self.levels), item.impact)

    def _bound(self, start: int, needs: tuple[Fraction, ...]) -> Fraction | None:
        """The largest, over constraints, fractional cost to cover a need from items ``start``...; None if none can."""
        bound = Fraction(0)
        for c, need in enumerate(needs):
            if need <= 0:
                continue
            spent, remaining = Fraction(0), need
            for i in range(start, len(self.items)):
                gain = self._gains(i)[c]
                if gain <= 0:
                    continue
                if gain >= remaining:
                    spent += self.costs[i] * remaining / gain
                    remaining = Fraction(0)
                    break
                spent += self.costs[i]
                remaining -= gain
            if remaining > 0:
                return None
            bound = max(bound, spent)
        return bound

    def run(self) -> None:
        self._visit(0, Fraction(0), self.start_needs, [])

    def _visit(self, i: int, cost: Fraction, needs: tuple[Fraction, ...], chosen: list[int]) -> None:
        self.nodes += 1
        if self.nodes > NODE_LIMIT:
            self.exact = False
            return
        if all(need <= 0 for need in needs):
            if self.best_cost is None or cost < self.best_cost:
                self.best_cost, self.best_set = cost, list(chosen)
            return
        bound = self._bound(i, needs)
        if bound is None or (self.best_cost is not None and cost + bound >= self.best_cost):
            return
        gains = self._gains(i)
        chosen.append(i)
        self._visit(i + 1, cost + self.costs[i], tuple(n - g for n, g in zip(needs, gains, strict=True)), chosen)
        chosen.pop()
        self._visit(i + 1, cost, needs, chosen)
