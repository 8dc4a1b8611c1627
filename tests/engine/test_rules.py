"""Each rule of reference/scoring.md by name, on the toy model of the worked example."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from cmmm.engine.answers import Answers
from cmmm.engine.display import round_half_up
from cmmm.engine.explanation import explain, gap_to
from cmmm.engine.scoring import maturity_level, score
from cmmm.errors import AnswersInvalid, TargetLevelInvalid
from cmmm.model.schema import Model
from tests.conftest import WORKED_EXAMPLE_RATINGS


def answers(ratings: dict[str, str] | None = None, **changes: object) -> Answers:
    base: dict[str, object] = {"industry": "discrete", "target_level": 3, "ratings": dict(WORKED_EXAMPLE_RATINGS)}
    if ratings:
        dict.update(base["ratings"], ratings)  # type: ignore[arg-type]
    base.update(changes)
    return Answers(**base)  # type: ignore[arg-type]


def problems(model: Model, given: Answers) -> list[str]:
    with pytest.raises(AnswersInvalid) as caught:
        score(model, given)
    return [p.location for p in caught.value.problems]


def test_r1_grade_points_come_from_the_model(toy_model: Model) -> None:
    result = score(toy_model, answers({"s1.1.1": "partly", "s1.1.2": "none"}))
    assert result.level_result(1).subdomain_scores["s1"] == F("0.25")


def test_r1_na_is_left_out_of_the_mean_not_counted_as_zero(toy_model: Model) -> None:
    result = score(toy_model, answers({"s1.1.2": "na"}))
    assert result.level_result(1).subdomain_scores["s1"] == 1


def test_r2_only_levels_up_to_the_target_are_scored(toy_model: Model) -> None:
    ratings = {k: v for k, v in WORKED_EXAMPLE_RATINGS.items() if int(k.split(".")[1]) <= 2}
    result = score(toy_model, Answers("discrete", 2, ratings))
    assert [lv.level for lv in result.levels] == [1, 2]
    assert result.total_score == F("0.93") + F("0.835")


def test_r2_ratings_outside_scope_are_kept_but_ignored(toy_model: Model) -> None:
    ratings = {k: v for k, v in WORKED_EXAMPLE_RATINGS.items() if int(k.split(".")[1]) <= 2}
    with_extra = score(toy_model, Answers("discrete", 2, {**ratings, "s1.3.1": "none"}))
    assert with_extra.total_score == score(toy_model, Answers("discrete", 2, ratings)).total_score


def test_r2_excluded_domains_need_no_rating(toy_model: Model) -> None:
    ratings = {k: v for k, v in WORKED_EXAMPLE_RATINGS.items() if not k.startswith("s4.")}
    result = score(toy_model, Answers("discrete", 3, ratings, excluded_domains=("d3",)))
    assert "d3" not in result.level_result(1).domain_scores
    assert result.level_result(1).score == (F("0.9") * F("0.3") + 1 * F("0.5")) / F("0.8")


def test_r3_every_missing_rating_is_listed(toy_model: Model) -> None:
    ratings = dict(WORKED_EXAMPLE_RATINGS)
    del ratings["s1.1.1"], ratings["s4.3.2"]
    assert problems(toy_model, Answers("discrete", 3, ratings)) == ["ratings.s1.1.1", "ratings.s4.3.2"]


def test_r3_unknown_ids_grades_domains_and_bad_weights_are_reported_together(toy_model: Model) -> None:
    given = answers(
        {"s9.1.1": "full", "s1.1.1": "perfect"},
        excluded_domains=("d9", "d3", "d3"),
        weights={"d1": F(0), "d7": F(1)},
    )
    found = problems(toy_model, given)
    for location in ("ratings.s9.1.1", "ratings.s1.1.1", "excluded_domains[0]", "excluded_domains", "weights.d1",
                     "weights.d7"):  # fmt: skip
        assert location in found


def test_r3_unknown_industry_and_target_level(toy_model: Model) -> None:
    assert set(problems(toy_model, answers(industry="batch", target_level=9))) >= {"industry", "target_level"}


def test_r4_subdomain_without_applicable_requirements_is_absent(toy_model: Model) -> None:
    result = score(toy_model, answers())
    assert result.level_result(3).subdomain_scores["s3"] is None
    assert "s3" not in result.level_result(1).subdomain_scores


def test_r5_domain_renormalizes_over_present_subdomains(toy_model: Model) -> None:
    result = score(toy_model, answers())
    assert result.level_result(3).domain_scores["d2"] == result.level_result(3).subdomain_scores["s2"]


def test_r6_weights_need_not_sum_to_one(toy_model: Model) -> None:
    scaled = answers(weights={"d1": F(3), "d2": F(5), "d3": F(2)})
    assert score(toy_model, scaled).total_score == score(toy_model, answers()).total_score


def test_r6_weight_override_records_its_provenance(toy_model: Model) -> None:
    result = score(toy_model, answers(weights={"d1": F("0.6")}))
    assert result.weights["d1"] == F("0.6")
    assert result.weight_provenance == {"d1": "override", "d2": "template", "d3": "template"}


def test_r6_the_process_path_uses_its_own_template(toy_model: Model) -> None:
    result = score(toy_model, answers(industry="process"))
    assert result.level_result(1).score == (F("0.9") + 1 + F("0.8")) / 3


def test_r7_element_score_uses_the_domain_weights(toy_model: Model) -> None:
    level2 = score(toy_model, answers()).level_result(2)
    assert level2.element_scores["a"] == (F("0.75") * F("0.3") + F("0.9") * F("0.5")) / F("0.8")


def test_r8_a_level_is_satisfied_at_exactly_the_threshold(toy_model: Model) -> None:
    ratings = {k: "largely" for k in WORKED_EXAMPLE_RATINGS}
    result = score(toy_model, Answers("discrete", 3, ratings))
    assert all(lv.score == F("0.8") and lv.satisfied for lv in result.levels)


def test_r9_levels_above_the_first_unsatisfied_do_not_count(toy_model: Model) -> None:
    ratings = {k: ("none" if k.startswith("s1.2") else "full") for k in WORKED_EXAMPLE_RATINGS}
    result = score(toy_model, Answers("discrete", 3, ratings))
    assert result.counted_levels == 2
    assert result.total_score == result.level_result(1).score + result.level_result(2).score  # type: ignore[operator]
    assert not result.level_result(3).counted


@pytest.mark.parametrize(
    ("total", "level"),
    [("0", 0), ("0.79", 0), ("0.8", 1), ("1.79", 1), ("1.8", 2), ("2.8", 3), ("3.79", 3), ("3.8", 4), ("4.8", 5),
     ("5", 5)],
)  # fmt: skip
def test_r10_bands(toy_model: Model, total: str, level: int) -> None:
    assert maturity_level(toy_model, F(total)) == level


def test_r11_arithmetic_is_exact_and_rounding_is_half_up_for_display_only() -> None:
    assert round_half_up(F("2.295"), 2) == round_half_up(F("2.30"), 2)
    assert str(round_half_up(F("0.835"), 2)) == "0.84"
    assert str(round_half_up(F(1, 3), 2)) == "0.33"
    assert 2.295 * 100 // 1 == 229  # binary floats would round this down


def test_r12_explanation_lists_each_level_and_the_blockers_of_the_first_unsatisfied(toy_model: Model) -> None:
    explanation = explain(toy_model, score(toy_model, answers()))
    assert [(lv.level, lv.satisfied) for lv in explanation.levels] == [(1, True), (2, True), (3, False)]
    assert explanation.levels[2].shortfall == F("0.27")
    assert "s3.3.1" not in {b.requirement_id for b in explanation.blockers}  # na holds nothing back
    assert "s2.3.1" not in {b.requirement_id for b in explanation.blockers}  # already full


def test_r13_quirk_satisfied_levels_exceed_the_band(toy_model: Model) -> None:
    ratings = {k: ("largely" if int(k.split(".")[1]) <= 2 else "none") for k in WORKED_EXAMPLE_RATINGS}
    ratings["s1.3.1"] = "partly"  # S_3 = 0.5 x 0.3 = 0.15, so S = 0.8 + 0.8 + 0.15 = 1.75
    result = score(toy_model, Answers("discrete", 3, ratings))
    assert result.level_result(1).score == F("0.8")
    assert result.level_result(2).score == F("0.8")
    assert result.level_result(3).score == F("0.15")
    assert result.total_score == F("1.75")
    assert maturity_level(toy_model, F("0.8") + F("0.8") + F("0.1")) == 1  # the case named in R13
    assert result.maturity_level == 1
    assert result.satisfied_levels == 2
    assert result.quirk


def test_r14_result_records_model_identity_and_weights(toy_model: Model) -> None:
    result = score(toy_model, answers())
    assert (result.model_id, result.model_version, result.model_hash) == ("toy", "1", toy_model.content_hash)
    assert result.weights == {"d1": F("0.3"), "d2": F("0.5"), "d3": F("0.2")}


def test_gap_groups_blockers_of_unsatisfied_levels_by_subdomain(toy_model: Model) -> None:
    gap = gap_to(toy_model, score(toy_model, answers()), 3)
    assert not gap.reached
    assert set(gap.by_subdomain) == {"s1", "s2", "s4"}
    assert gap.score_needed == F("2.8") - F("2.295")
    with pytest.raises(TargetLevelInvalid):
        gap_to(toy_model, score(toy_model, answers()), 4)
