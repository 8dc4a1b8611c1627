"""The worked example of reference/scoring.md, number by number (rules R4-R12)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F

from cmmm.engine.answers import Answers
from cmmm.engine.display import round_half_up
from cmmm.engine.explanation import explain
from cmmm.engine.scoring import score
from cmmm.engine.shortest_path import level_path
from cmmm.model.schema import Model


def test_worked_example_subdomain_scores(toy_model: Model, worked_example: Answers) -> None:
    result = score(toy_model, worked_example)
    assert dict(result.level_result(1).subdomain_scores) == {"s1": F("0.9"), "s2": 1, "s4": F("0.8")}
    assert dict(result.level_result(2).subdomain_scores) == {"s1": F("0.75"), "s2": F("0.8"), "s3": 1, "s4": F("0.8")}
    assert dict(result.level_result(3).subdomain_scores) == {
        "s1": F("0.5"),
        "s2": F("0.5"),
        "s3": None,
        "s4": F("0.65"),
    }


def test_worked_example_domain_scores(toy_model: Model, worked_example: Answers) -> None:
    result = score(toy_model, worked_example)
    assert dict(result.level_result(1).domain_scores) == {"d1": F("0.9"), "d2": 1, "d3": F("0.8")}
    assert dict(result.level_result(2).domain_scores) == {"d1": F("0.75"), "d2": F("0.9"), "d3": F("0.8")}
    assert dict(result.level_result(3).domain_scores) == {"d1": F("0.5"), "d2": F("0.5"), "d3": F("0.65")}


def test_worked_example_level_total_and_level(toy_model: Model, worked_example: Answers) -> None:
    result = score(toy_model, worked_example)
    assert [lv.score for lv in result.levels] == [F("0.93"), F("0.835"), F("0.53")]
    assert result.total_score == F("2.295")
    assert round_half_up(result.total_score, 2) == Decimal("2.30")
    assert result.maturity_level == 2
    assert dict(result.level_result(3).element_scores) == {"a": F("0.5"), "b": F("0.65")}


def test_worked_example_impacts(toy_model: Model, worked_example: Answers) -> None:
    explanation = explain(toy_model, score(toy_model, worked_example))
    impacts = {b.requirement_id: b.impact for b in explanation.blockers}
    assert explanation.first_unsatisfied_level == 3
    assert impacts["s2.3.2"] == F("0.25")
    assert impacts["s1.3.1"] == F("0.15")
    assert impacts["s4.3.2"] == F("0.05")
    assert [b.requirement_id for b in explanation.blockers[:3]] == ["s2.3.2", "s1.3.1", "s4.3.2"]


def test_worked_example_fewest_clauses_to_satisfy_level_3_are_two(toy_model: Model, worked_example: Answers) -> None:
    result = score(toy_model, worked_example)
    path = level_path(toy_model, result, 3)
    assert [s.requirement_id for s in path.steps] == ["s2.3.2", "s1.3.1"]
    assert path.level_scores_after[3] == F("0.93")


def test_worked_example_cheapest_pair_when_s1_is_expensive(toy_model: Model, worked_example: Answers) -> None:
    result = score(toy_model, worked_example)
    path = level_path(toy_model, result, 3, efforts={"s1.3.1": F(5)})
    assert {s.requirement_id for s in path.steps} == {"s2.3.2", "s4.3.2"}
    assert path.level_scores_after[3] == F("0.83")
    assert path.total_effort == 2
