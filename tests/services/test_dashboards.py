"""The dashboards on a small known region, on SQLite and PostgreSQL: what each actor may see, and that the
aggregates equal what the enterprises' own results give."""

from __future__ import annotations

from datetime import UTC, date, datetime
from fractions import Fraction

import pytest
from sqlalchemy import Engine, update

from cmmm.engine.profile import subdomain_profile
from cmmm.engine.scoring import score
from cmmm.services.benchmarks import Criteria, rank_enterprises, record_recognition, shortlist
from cmmm.services.dashboards import region_dashboard
from cmmm.services.demand import shared_enterprises, supplier_demand
from cmmm.services.errors import PermissionDenied
from cmmm.services.peers import enterprise_facts, peer_comparison
from cmmm.services.region_policies import region_policies
from cmmm.services.self_assessment import answers_to_data
from cmmm.services.statistics import refresh_statistics
from cmmm.store.assessments import SelfAssessment
from cmmm.store.organizations import Share
from tests.services.dashboard_world import ENTERPRISES, TODAY, DashboardWorld, answers_at, build_dashboard_world


@pytest.fixture
def dw(engine: Engine) -> DashboardWorld:
    return build_dashboard_world(engine)


def _expected_levels(prefix: str) -> dict[int, int]:
    counts: dict[int, int] = {}
    for _, region, _, _, levels in ENTERPRISES:
        if region.startswith(prefix):
            counts[levels[-1]] = counts.get(levels[-1], 0) + 1
    return counts


def test_an_official_of_suzhou_sees_suzhou_and_not_nanjing(dw: DashboardWorld) -> None:
    board = region_dashboard(dw.platform, dw["suzhou"])
    assert board.region_code == "320500"
    assert board.by_level == _expected_levels("3205")
    assert set(board.by_subregion) == {"320505", "320506"}
    with pytest.raises(PermissionDenied):
        region_dashboard(dw.platform, dw["suzhou"], "320100")
    with pytest.raises(PermissionDenied):
        region_dashboard(dw.platform, dw["suzhou"], "320000")
    assert region_dashboard(dw.platform, dw["nanjing"]).by_level == _expected_levels("3201")


def test_only_the_latest_self_assessment_of_an_enterprise_counts(dw: DashboardWorld) -> None:
    board = region_dashboard(dw.platform, dw["suzhou"])
    assert board.enterprises == 4
    assert board.by_subregion["320506"] == {2: 1}
    assert board.by_year == {"2024": {1: 1, 2: 1, 3: 1}, "2025": {2: 1}}


def test_certified_results_count_apart_and_only_while_valid(dw: DashboardWorld) -> None:
    assert region_dashboard(dw.platform, dw["suzhou"]).certified_by_level == {3: 1}
    assert region_dashboard(dw.platform, dw["nanjing"]).certified_by_level == {}


def test_groups_by_industry_and_size(dw: DashboardWorld) -> None:
    board = region_dashboard(dw.platform, dw["suzhou"])
    assert board.by_industry == {"34": {1: 1, 2: 1}, "39": {2: 1, 3: 1}}
    assert board.by_size == {"large": {2: 1}, "medium": {2: 1}, "small": {1: 1, 3: 1}}


def test_the_profile_is_the_mean_of_the_enterprises_profiles(dw: DashboardWorld) -> None:
    board = region_dashboard(dw.platform, dw["suzhou"])
    threshold = Fraction(dw.model.method.threshold)
    keys = [key for key, region, *_ in ENTERPRISES if region.startswith("3205")]
    everyone = [key for key, *_ in ENTERPRISES]
    for sub in dw.model.index.subdomains:
        mine = [subdomain_profile(score(dw.model, dw.answers[k]), threshold, sub) for k in keys]
        assert board.profile[sub] == pytest.approx(float(sum(v or 0 for v in mine)) / len(mine))
        alls = [subdomain_profile(score(dw.model, dw.answers[k]), threshold, sub) for k in everyone]
        assert board.national_profile[sub] == pytest.approx(float(sum(v or 0 for v in alls)) / len(alls))


def test_enterprises_one_level_short_and_what_holds_them_back(dw: DashboardWorld) -> None:
    board = region_dashboard(dw.platform, dw["suzhou"], target_level=3)
    assert board.one_short == 2
    level_3 = {rid for rid, r in dw.model.index.requirements.items() if r.level == 3}
    assert board.short_requirements and all(item.item in level_3 for item in board.short_requirements)
    assert all(item.enterprises == 2 for item in board.short_requirements)
    assert [e.enterprise_id for e in board.near_misses] == sorted([dw.orgs["sz2"], dw.orgs["sz4"]])
    threshold = Fraction(dw.model.method.threshold)
    result = score(dw.model, dw.answers["sz2"])
    below = tuple(s for s in dw.model.index.subdomains if (subdomain_profile(result, threshold, s) or 0) < 3)
    assert board.near_misses[0].short == below


def test_a_new_self_assessment_replaces_the_standing(dw: DashboardWorld) -> None:
    refresh_statistics(dw.platform)
    answers = answers_at(dw.model, 4)
    with dw.platform.db.begin() as session:
        session.add(
            SelfAssessment(
                enterprise_id=dw.orgs["sz1"], created_by=None, created_at=datetime(2026, 5, 1, tzinfo=UTC),
                model_id=dw.model.id, model_version=dw.model.version, model_hash=dw.model.content_hash,
                industry="discrete", target_level=5, answers=answers_to_data(answers),
                total_score_exact=str(score(dw.model, answers).total_score), level=4, result={"summary": True},
            )
        )  # fmt: skip
    board = region_dashboard(dw.platform, dw["suzhou"])
    assert board.by_level == {2: 2, 3: 1, 4: 1}
    assert board.by_industry["34"] == {2: 1, 4: 1}


def test_peers_are_hidden_below_the_group_size(dw: DashboardWorld) -> None:
    hidden = peer_comparison(dw.platform, dw["sz1-admin"], dw.orgs["sz1"])
    assert hidden.level == 1
    assert all(group.profile is None and group.enterprises == 0 for group in hidden.groups)
    shown = peer_comparison(dw.platform, dw["sz1-admin"], dw.orgs["sz1"], min_group=4)
    by_dimension = {group.dimension: group for group in shown.groups}
    assert by_dimension["region"].enterprises == 4 and by_dimension["region"].profile is not None
    assert by_dimension["industry"].profile is None and by_dimension["size"].profile is None
    three = {
        g.dimension: g.enterprises for g in peer_comparison(dw.platform, dw["sz1-admin"], dw.orgs["sz1"], 3).groups
    }
    assert three == {"industry": 3, "region": 4, "size": 3}


def test_an_enterprise_never_sees_another_enterprises_data(dw: DashboardWorld) -> None:
    with pytest.raises(PermissionDenied):
        peer_comparison(dw.platform, dw["nj1-admin"], dw.orgs["sz1"])
    with pytest.raises(PermissionDenied):
        enterprise_facts(dw.platform, dw["nj1-admin"], dw.orgs["sz1"], TODAY)
    with pytest.raises(PermissionDenied):
        region_dashboard(dw.platform, dw["nj1-admin"])


def test_a_revoked_share_stops_the_investors_view(dw: DashboardWorld) -> None:
    with dw.platform.db.begin() as session:
        session.add(
            Share(enterprise_id=dw.orgs["sz4"], viewer_id=dw.orgs["investor"], granted_by=dw["sz1-admin"].user_id)
        )
    [seen] = shared_enterprises(dw.platform, dw["investor"])
    assert (seen.enterprise_id, seen.level, seen.direction) == (dw.orgs["sz4"], 2, 1)
    assert [p.level for p in seen.trend] == [1, 2]
    with dw.platform.db.begin() as session:
        session.execute(update(Share).values(revoked_at=datetime(2026, 5, 2, tzinfo=UTC)))
    assert shared_enterprises(dw.platform, dw["investor"]) == []
    with pytest.raises(PermissionDenied):
        shared_enterprises(dw.platform, dw["supplier"])


def test_supplier_demand_is_anonymous_and_only_for_large_enough_groups(dw: DashboardWorld) -> None:
    assert supplier_demand(dw.platform, dw["supplier"], "region", "320000").items is None
    demand = supplier_demand(dw.platform, dw["supplier"], "region", "320000", min_group=6)
    assert demand.enterprises == 6 and demand.items
    top = demand.items[0]
    unmet_by = [
        key for key, *_ in ENTERPRISES
        if dw.answers[key].ratings.get(top.requirement_id) in ("none", "partly")
        and dw.model.index.requirements[top.requirement_id].level == score(dw.model, dw.answers[key]).maturity_level + 1
    ]  # fmt: skip
    assert top.enterprises == len(unmet_by)
    with pytest.raises(PermissionDenied):
        supplier_demand(dw.platform, dw["investor"], "region", "320000")


def test_benchmarks_rank_by_level_and_score_and_recognitions_leave_the_shortlist(dw: DashboardWorld) -> None:
    ranking = rank_enterprises(dw.platform, dw["suzhou"], Criteria())
    assert [r.enterprise_id for r in ranking][:1] == [dw.orgs["sz3"]]
    assert [r.level for r in ranking] == sorted((r.level for r in ranking), reverse=True)
    assert next(r for r in ranking if r.enterprise_id == dw.orgs["sz2"]).certified_level == 3
    assert [r.enterprise_id for r in shortlist(dw.platform, dw["suzhou"], Criteria(), "benchmark")] == [dw.orgs["sz3"]]
    record_recognition(dw.platform, dw["suzhou"], dw.orgs["sz3"], "benchmark", date(2026, 5, 1))
    assert shortlist(dw.platform, dw["suzhou"], Criteria(), "benchmark") == []
    with pytest.raises(PermissionDenied):
        record_recognition(dw.platform, dw["nanjing"], dw.orgs["sz2"], "benchmark", date(2026, 5, 1))
    with pytest.raises(PermissionDenied):
        rank_enterprises(dw.platform, dw["nanjing"], Criteria(region_code="320500"))


def test_a_recognition_reaches_the_enterprises_policy_facts(dw: DashboardWorld) -> None:
    record_recognition(dw.platform, dw["suzhou"], dw.orgs["sz1"], "demonstration", date(2026, 5, 1))
    facts = enterprise_facts(dw.platform, dw["sz1-admin"], dw.orgs["sz1"], TODAY)
    assert facts is not None and facts.recognitions == frozenset({"demonstration"})
    assert (facts.level, facts.result) == (1, "self_declared")


def test_region_policies_count_targets_on_self_declared_and_certified_results(dw: DashboardWorld) -> None:
    view = region_policies(dw.platform, dw["suzhou"])
    assert view.region_code == "320500"
    for item in view.targets:
        for progress in item.certified:
            assert progress.actual <= 1
    with pytest.raises(PermissionDenied):
        region_policies(dw.platform, dw["suzhou"], "320100")
