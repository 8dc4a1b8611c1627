"""Invariants of the engine, checked by hypothesis over random ratings, weights and scopes."""

from __future__ import annotations

import copy
import itertools
from fractions import Fraction as F
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cmmm.engine.answers import Answers
from cmmm.engine.explanation import level_blockers
from cmmm.engine.plan import plan_for
from cmmm.engine.profile import maturity_profile, subdomain_profiles
from cmmm.engine.result import Result
from cmmm.engine.scope import resolve_scope
from cmmm.engine.scoring import renormalized_level_score, score, score_scope, weighted_mean
from cmmm.engine.shortest_path import shortest_path
from cmmm.errors import TargetUnreachable
from cmmm.model.loader import load_model_file, model_from_data
from cmmm.model.schema import Model
from tests.conftest import FIXTURES

TOY = load_model_file(FIXTURES / "toy_model.yaml")
ORDER = ["none", "partly", "largely", "full"]
GRADES = [*ORDER, "na"]
REQUIREMENTS = sorted(TOY.index.requirements)
PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ratings_st = st.fixed_dictionaries({rid: st.sampled_from(GRADES) for rid in REQUIREMENTS})
weights_st = st.fixed_dictionaries({d: st.fractions(min_value=F(1, 100), max_value=10) for d in ("d1", "d2", "d3")})


def all_scores(result: Result) -> list[F]:
    values: list[F | None] = []
    for lv in result.levels:
        values += [lv.score, *lv.subdomain_scores.values(), *lv.domain_scores.values(), *lv.element_scores.values()]
    return [v for v in values if v is not None]


@PROPERTY_SETTINGS
@given(ratings=ratings_st, weights=weights_st, target=st.integers(1, 3))
def test_scores_stay_within_zero_and_one(ratings: dict[str, str], weights: dict[str, F], target: int) -> None:
    result = score(TOY, Answers("discrete", target, ratings, weights=weights))
    assert all(0 <= value <= 1 for value in all_scores(result))
    assert 0 <= result.total_score <= target


@PROPERTY_SETTINGS
@given(ratings=ratings_st, weights=weights_st, factor=st.fractions(min_value=F(1, 1000), max_value=1000))
def test_scaling_all_weights_changes_nothing(ratings: dict[str, str], weights: dict[str, F], factor: F) -> None:
    base = score(TOY, Answers("discrete", 3, ratings, weights=weights))
    scaled = score(TOY, Answers("discrete", 3, ratings, weights={d: w * factor for d, w in weights.items()}))
    assert all_scores(base) == all_scores(scaled)
    assert (base.total_score, base.maturity_level) == (scaled.total_score, scaled.maturity_level)


@PROPERTY_SETTINGS
@given(ratings=ratings_st, weights=weights_st, which=st.sampled_from(REQUIREMENTS), data=st.data())
def test_raising_a_grade_never_lowers_a_level_score_the_total_or_the_level(
    ratings: dict[str, str], weights: dict[str, F], which: str, data: Any
) -> None:
    if ratings[which] in ("na", "full"):
        ratings[which] = "none"
    higher = data.draw(st.sampled_from(ORDER[ORDER.index(ratings[which]) + 1 :]))
    before = score(TOY, Answers("discrete", 3, ratings, weights=weights))
    after = score(TOY, Answers("discrete", 3, {**ratings, which: higher}, weights=weights))
    for low, high in zip(before.levels, after.levels, strict=True):
        assert (low.score or 0) <= (high.score or 0)
    assert before.total_score <= after.total_score
    assert before.maturity_level <= after.maturity_level


def without_domain(model: Model, domain_id: str) -> Model:
    data = copy.deepcopy(yaml.safe_load((FIXTURES / "toy_model.yaml").read_text(encoding="utf-8")))
    for element in data["elements"]:
        element["domains"] = [d for d in element["domains"] if d["id"] != domain_id]
    data["elements"] = [e for e in data["elements"] if e["domains"]]
    for template in data["weight_templates"]:
        template["weights"].pop(domain_id)
    return model_from_data(data, "reduced")


@PROPERTY_SETTINGS
@given(ratings=ratings_st, domain=st.sampled_from(["d1", "d2", "d3"]), target=st.integers(1, 3))
def test_excluding_a_domain_equals_removing_it_from_the_model(
    ratings: dict[str, str], domain: str, target: int
) -> None:
    reduced = without_domain(TOY, domain)
    kept = {k: v for k, v in ratings.items() if k in reduced.index.requirements}
    excluded = score(TOY, Answers("discrete", target, ratings, excluded_domains=(domain,)))
    removed = score(reduced, Answers("discrete", target, kept))
    assert [lv.score for lv in excluded.levels] == [lv.score for lv in removed.levels]
    assert (excluded.total_score, excluded.maturity_level) == (removed.total_score, removed.maturity_level)


def brute_force_min(result: Result, target: int, cost: dict[str, F] | None) -> F | None:
    """The least number (or cost) of raises to full that meet the shortest-path conditions, by enumeration."""
    threshold, band = F("0.8"), F(target) - F("0.2")
    items = [b for n in range(1, target + 1) for b in level_blockers(TOY, result, n)]
    scores = {n: result.level_result(n).score or F(0) for n in range(1, target + 1)}
    best: F | None = None
    for size in range(len(items) + 1):
        for subset in itertools.combinations(items, size):
            after = dict(scores)
            for b in subset:
                after[b.level] += b.impact
            if all(v >= threshold for v in after.values()) and sum(after.values()) >= band:
                value = F(size) if cost is None else sum((cost[b.requirement_id] for b in subset), F(0))
                best = value if best is None or value < best else best
        if best is not None and cost is None:
            return best
    return best


small_ratings_st = st.fixed_dictionaries({rid: st.sampled_from(GRADES) for rid in REQUIREMENTS if rid[3] <= "2"})


@settings(max_examples=40, deadline=None)
@given(
    ratings=small_ratings_st,
    efforts=st.none() | st.fixed_dictionaries({rid: st.integers(1, 9).map(F) for rid in REQUIREMENTS if rid[3] <= "2"}),
)
def test_shortest_path_is_minimal_and_reaches_the_level(ratings: dict[str, str], efforts: dict[str, F] | None) -> None:
    result = score(TOY, Answers("discrete", 2, ratings))
    try:
        path = shortest_path(TOY, result, 2, efforts)
    except TargetUnreachable:
        assert brute_force_min(result, 2, efforts) is None
        return
    expected = brute_force_min(result, 2, efforts)
    assert expected is not None
    assert (len(path.steps) if efforts is None else path.total_effort) == expected
    raised = score(TOY, Answers("discrete", 2, {**ratings, **{s.requirement_id: "full" for s in path.steps}}))
    assert raised.maturity_level >= 2
    assert path.exact


@PROPERTY_SETTINGS
@given(ratings=ratings_st, weights=weights_st, excluded=st.sets(st.sampled_from(["d1", "d2", "d3"]), max_size=2))
def test_the_integer_fast_path_equals_full_renormalization(
    ratings: dict[str, str], weights: dict[str, F], excluded: set[str]
) -> None:
    scope = resolve_scope(TOY, Answers("discrete", 3, ratings, excluded_domains=tuple(sorted(excluded)),
                                       weights={d: w for d, w in weights.items() if d not in excluded}))  # fmt: skip
    plan = plan_for(TOY)
    result = score_scope(scope)
    for lv in result.levels:
        units, rated = lv.units, lv.rated
        assert lv.score == renormalized_level_score(plan, lv.level, units, rated, scope)
        assert lv.score == weighted_mean([(lv.domain_scores[d], scope.weights[d]) for d in scope.domain_ids])


@PROPERTY_SETTINGS
@given(
    ratings=ratings_st,
    target=st.integers(1, 3),
    excluded=st.sets(st.sampled_from(["d1", "d2", "d3"]), max_size=2),
    threshold=st.sampled_from([F(1, 2), F(4, 5), F(9, 10)]),
)
def test_integer_sub_domain_profiles_equal_the_general_rule(
    ratings: dict[str, str], target: int, excluded: set[str], threshold: F
) -> None:
    result = score(TOY, Answers("discrete", target, ratings, excluded_domains=tuple(sorted(excluded))))
    general = {
        sub: maturity_profile(result, threshold, lambda lv, sub=sub: lv.subdomain_scores.get(sub))
        for sub in TOY.index.subdomains
    }
    assert subdomain_profiles(result, threshold, TOY.index.subdomains) == general


def test_the_reference_model_scores_a_complete_assessment(reference_model: Model) -> None:
    ratings = {rid: GRADES[i % 5] for i, rid in enumerate(reference_model.index.requirements)}
    result = score(reference_model, Answers("process", 5, ratings))
    plan = plan_for(reference_model)
    scope = resolve_scope(reference_model, Answers("process", 5, ratings))
    for lv in result.levels:
        assert lv.score == renormalized_level_score(plan, lv.level, lv.units, lv.rated, scope)
