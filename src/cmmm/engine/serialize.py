"""A result as plain JSON-ready data: the one shape that the CLI, the API and batch scoring print.

Scores appear rounded half-up for display (R11) next to their exact value as a fraction string, so that a
consumer can both show and re-check them.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from cmmm.engine.display import display_number
from cmmm.engine.explanation import Blocker, explain, gap_to
from cmmm.engine.result import Result
from cmmm.engine.shortest_path import ShortestPath, shortest_path
from cmmm.errors import TargetUnreachable
from cmmm.model.schema import Model


def exact(value: Fraction | None) -> str | None:
    return None if value is None else str(value)


def result_to_dict(
    model: Model, result: Result, efforts: dict[str, Fraction] | None = None, lang: str = "zh"
) -> dict[str, Any]:
    """Everything a reader needs: scores, the determination and its explanation, gaps and the next step."""
    places = model.method.display_decimals

    def num(value: Fraction | None) -> float | None:
        return display_number(value, places)

    next_level = result.maturity_level + 1
    data: dict[str, Any] = {
        "model": {
            "id": model.id,
            "version": model.version,
            "content_hash": model.content_hash,
            "provenance": model.provenance.kind,
        },
        "industry": result.industry,
        "target_level": result.target_level,
        "excluded_domains": list(result.excluded_domains),
        "weights": {
            d: {"value": float(w), "exact": exact(w), "provenance": result.weight_provenance[d]}
            for d, w in result.weights.items()
        },
        "total_score": num(result.total_score),
        "total_score_exact": exact(result.total_score),
        "level": result.maturity_level,
        "level_name": model.band_name(result.maturity_level, lang),
        "level_scores": {str(lv.level): num(lv.score) for lv in result.levels},
        "counted_levels": result.counted_levels,
        "levels": [_level_dict(lv, num) for lv in result.levels],
        "explanation": _explanation_dict(model, result, num),
        "gaps": _gap_dict(model, result, next_level, num) if next_level <= result.target_level else None,
        "shortest_path": _path_or_none(model, result, next_level, efforts, num),
    }
    return data


def _level_dict(lv: Any, num: Any) -> dict[str, Any]:
    return {
        "level": lv.level,
        "score": num(lv.score),
        "score_exact": exact(lv.score),
        "satisfied": lv.satisfied,
        "counted": lv.counted,
        "element_scores": {k: num(v) for k, v in lv.element_scores.items()},
        "domain_scores": {k: num(v) for k, v in lv.domain_scores.items()},
        "subdomain_scores": {k: num(v) for k, v in lv.subdomain_scores.items()},
    }


def _blocker_dict(blocker: Blocker, num: Any) -> dict[str, Any]:
    return {
        "requirement_id": blocker.requirement_id,
        "subdomain_id": blocker.subdomain_id,
        "level": blocker.level,
        "grade": blocker.grade,
        "impact": num(blocker.impact),
        "impact_exact": exact(blocker.impact),
    }


def _explanation_dict(model: Model, result: Result, num: Any) -> dict[str, Any]:
    explanation = explain(model, result)
    return {
        "first_unsatisfied_level": explanation.first_unsatisfied_level,
        "quirk": explanation.quirk,
        "levels": [
            {
                "level": lv.level,
                "score": num(lv.score),
                "satisfied": lv.satisfied,
                "counted": lv.counted,
                "shortfall": num(lv.shortfall),
            }
            for lv in explanation.levels
        ],
        "blockers": [_blocker_dict(b, num) for b in explanation.blockers],
    }


def _gap_dict(model: Model, result: Result, target: int, num: Any) -> dict[str, Any]:
    gap = gap_to(model, result, target)
    return {
        "target_level": gap.target_level,
        "reached": gap.reached,
        "score_needed": num(gap.score_needed),
        "unsatisfied_levels": [lv.level for lv in gap.levels],
        "by_subdomain": {sub: [_blocker_dict(b, num) for b in items] for sub, items in gap.by_subdomain.items()},
    }


def _path_or_none(
    model: Model, result: Result, target: int, efforts: dict[str, Fraction] | None, num: Any
) -> dict[str, Any] | None:
    if target > result.target_level:
        return None
    try:
        path = shortest_path(model, result, target, efforts)
    except TargetUnreachable as error:
        return {"target_level": target, "reachable": False, "reason": error.zh, "reason_en": error.en}
    return path_to_dict(path, num)


def path_to_dict(path: ShortestPath, num: Any) -> dict[str, Any]:
    return {
        "target_level": path.target_level,
        "reachable": True,
        "objective": path.objective,
        "exact": path.exact,
        "changes": len(path.steps),
        "total_effort": num(path.total_effort),
        "level_scores_after": {str(k): num(v) for k, v in path.level_scores_after.items()},
        "steps": [
            {
                "requirement_id": s.requirement_id,
                "subdomain_id": s.subdomain_id,
                "level": s.level,
                "from": s.from_grade,
                "to": s.to_grade,
                "impact": num(s.impact),
                "effort": num(s.effort),
            }
            for s in path.steps
        ],
    }
