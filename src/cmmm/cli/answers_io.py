"""Reading answers JSON and turning one answers object into its output record, shared by ``cmmm score`` and
its batch mode (:mod:`cmmm.cli.score_batch`)."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from cmmm.cli.model_commands import resolve_model
from cmmm.engine.answers import Answers, answers_from_json
from cmmm.engine.display import display_number, display_ratio
from cmmm.engine.result import Result
from cmmm.engine.scoring import score
from cmmm.engine.serialize import result_to_dict
from cmmm.errors import AnswersInvalid, Problem
from cmmm.model.schema import Model


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def parse_answers_text(text: str, source: str) -> Any:
    """JSON with exact decimals and no duplicate keys; errors name the file, line and column."""
    try:
        return json.loads(text, parse_float=Decimal, object_pairs_hook=_unique_object)
    except json.JSONDecodeError as error:
        where = f"{source}:{error.lineno}:{error.colno}"
        raise AnswersInvalid(
            f"{source} 不是有效的 JSON",
            f"{source} is not valid JSON",
            [Problem(where, f"JSON 语法错误：{error.msg}", f"JSON syntax error: {error.msg}")],
        ) from None
    except ValueError as error:
        raise AnswersInvalid(
            f"{source} 不是有效的 JSON",
            f"{source} is not valid JSON",
            [Problem(source, f"重复的键：{error}", str(error))],
        ) from None


class ModelCache:
    """Batch lines name models by reference; each is loaded once."""

    def __init__(self) -> None:
        self._models: dict[str | None, Model] = {}

    def get(self, reference: str | None) -> Model:
        if reference not in self._models:
            self._models[reference] = resolve_model(reference)
        return self._models[reference]


def efforts_of(answers: Answers) -> dict[str, Fraction] | None:
    return None if answers.efforts is None else {k: Fraction(v) for k, v in answers.efforts.items()}


def score_data(data: Any, models: ModelCache, lang: str, full: bool = True) -> dict[str, Any]:
    answers = answers_from_json(data)
    model = models.get(data.get("model"))
    result = score(model, answers)
    output = result_to_dict(model, result, efforts_of(answers), lang) if full else brief_dict(model, result, lang)
    if "id" in data:
        output = {"id": data["id"], **output}
    return output


def brief_dict(model: Model, result: Result, lang: str) -> dict[str, Any]:
    places = model.method.display_decimals
    return {
        "model": model.ref,
        "total_score": display_number(result.total_score, places),
        "total_score_exact": str(result.total_score),
        "level": result.maturity_level,
        "level_name": model.band_name(result.maturity_level, lang),
        "level_scores": {str(lv.level): display_ratio(lv.ratio, places) for lv in result.levels},
        "counted_levels": result.counted_levels,
    }
