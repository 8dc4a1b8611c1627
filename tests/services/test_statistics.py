"""The statistics behind the dashboards stay equal to folding every standing from scratch: after folds, after
newer self-assessments replace older ones, and after an enterprise's region, industry or size is edited."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select

from cmmm.services.dashboards import region_dashboard
from cmmm.services.self_assessment import answers_to_data
from cmmm.services.statistics import expected_totals, refresh_statistics, restate_enterprise
from cmmm.store.assessments import SelfAssessment
from cmmm.store.organizations import Enterprise, Organization
from cmmm.store.statistics import EnterpriseStanding, StandingTotal, hold_self_assessment_mark
from tests.services.dashboard_world import DashboardWorld, answers_at, build_dashboard_world


@pytest.fixture
def dw(engine: Engine) -> DashboardWorld:
    world = build_dashboard_world(engine)
    refresh_statistics(world.platform)
    return world


def assert_totals_are_consistent(dw: DashboardWorld) -> None:
    with dw.platform.db() as session:
        expected = expected_totals(session.scalars(select(EnterpriseStanding)))
        stored = {
            (row.dimension, row.key, row.level, row.item): (row.enterprises, row.total)
            for row in session.scalars(select(StandingTotal))
            if row.enterprises
        }
    assert stored.keys() == expected.keys()
    for key, (count, total) in expected.items():
        assert stored[key][0] == count, key
        assert stored[key][1] == pytest.approx(total), key


def move(dw: DashboardWorld, key: str, region: str, industry: str, size: str) -> bool:
    with dw.platform.db.begin() as session:
        organization = session.get(Organization, dw.orgs[key])
        enterprise = session.get(Enterprise, dw.orgs[key])
        assert organization is not None and enterprise is not None
        organization.region_code = region
        enterprise.industry_code = industry
        enterprise.size_class = size
        enterprise.above_designated_size = not enterprise.above_designated_size
        return restate_enterprise(session, enterprise, region)


def test_folding_keeps_the_sums_equal_to_a_recount(dw: DashboardWorld) -> None:
    assert_totals_are_consistent(dw)


def test_a_moved_enterprise_leaves_its_old_region_and_joins_the_new_one(dw: DashboardWorld) -> None:
    before_suzhou = region_dashboard(dw.platform, dw["suzhou"])
    before_nanjing = region_dashboard(dw.platform, dw["nanjing"])
    assert move(dw, "sz3", "320102", "C3911", "large")
    suzhou = region_dashboard(dw.platform, dw["suzhou"])
    nanjing = region_dashboard(dw.platform, dw["nanjing"])
    assert suzhou.enterprises == before_suzhou.enterprises - 1
    assert nanjing.enterprises == before_nanjing.enterprises + 1
    assert suzhou.by_level.get(3, 0) == before_suzhou.by_level.get(3, 0) - 1
    assert nanjing.by_level.get(3, 0) == before_nanjing.by_level.get(3, 0) + 1
    with dw.platform.db() as session:
        standing = session.get(EnterpriseStanding, dw.orgs["sz3"])
        assert standing is not None
        assert (standing.region_code, standing.industry_division, standing.size_class) == ("320102", "39", "large")
    assert_totals_are_consistent(dw)


def test_a_newer_self_assessment_after_a_move_replaces_the_moved_standing(dw: DashboardWorld) -> None:
    move(dw, "sz1", "320102", "C3411", "medium")
    with dw.platform.db.begin() as session:
        answers = answers_at(dw.model, 2)
        session.add(
            SelfAssessment(
                enterprise_id=dw.orgs["sz1"], created_by=None, created_at=datetime(2026, 7, 1, tzinfo=UTC),
                label="self_declared", model_id=dw.model.id, model_version=dw.model.version,
                model_hash=dw.model.content_hash, industry="discrete", target_level=5,
                answers=answers_to_data(answers), total_score_exact="2", level=2, result={"summary": True},
            )
        )  # fmt: skip
    assert refresh_statistics(dw.platform) == 1
    assert_totals_are_consistent(dw)
    assert region_dashboard(dw.platform, dw["nanjing"]).by_subregion["320102"].get(2, 0) >= 1


def test_an_enterprise_without_a_standing_has_nothing_to_move(dw: DashboardWorld) -> None:
    with dw.platform.db.begin() as session:
        session.execute(EnterpriseStanding.__table__.delete().where(EnterpriseStanding.enterprise_id == dw.orgs["nj1"]))
    assert not move(dw, "nj1", "320505", "C3411", "small")


def test_a_fold_waits_for_a_self_assessment_being_recorded(dw: DashboardWorld, engine: Engine) -> None:
    """On PostgreSQL ids are taken before commit: the fold must not move its mark past one still in flight."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite writes one transaction at a time")
    answers = answers_at(dw.model, 1)
    with dw.platform.db.begin() as recording:
        hold_self_assessment_mark(recording, shared=True)
        record = SelfAssessment(
            enterprise_id=dw.orgs["nj2"], created_by=None, created_at=datetime(2026, 8, 1, tzinfo=UTC),
            label="self_declared", model_id=dw.model.id, model_version=dw.model.version,
            model_hash=dw.model.content_hash, industry="discrete", target_level=5,
            answers=answers_to_data(answers), total_score_exact="1", level=1, result={"summary": True},
        )  # fmt: skip
        recording.add(record)
        recording.flush()
        with ThreadPoolExecutor(1) as pool:
            fold = pool.submit(refresh_statistics, dw.platform)
            time.sleep(0.5)
            assert not fold.done()  # blocked on the mark while the self-assessment is uncommitted
            recording.commit()
            assert fold.result(timeout=30) == 1
    with dw.platform.db() as session:
        standing = session.get(EnterpriseStanding, dw.orgs["nj2"])
        assert standing is not None and standing.level == 1
