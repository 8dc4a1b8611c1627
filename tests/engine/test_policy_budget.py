"""What policies mean for officials: budget exposure now and at next levels, targets, provider points."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from cmmm.engine.policy_budget import (
    Exposure,
    budget_exposure,
    level_counts,
    policies_concerning,
    provider_points,
    target_progress,
)
from cmmm.engine.policy_conditions import EnterpriseFacts
from cmmm.engine.policy_match import YuanRange
from cmmm.model.policy_loader import bundled_policies
from cmmm.model.policy_schema import Policy, ProviderRule

POLICIES = bundled_policies().policies


def policy(policy_id: str) -> Policy:
    found = bundled_policies().policy(policy_id)
    assert found is not None
    return found


def facts(region: str, level: int, **more: Any) -> EnterpriseFacts:
    return EnterpriseFacts(region=region, level=level, **{"certificate_valid": True, **more})


def by_id(enterprises: list[EnterpriseFacts]) -> dict[str, tuple[Exposure, Exposure]]:
    exposure = budget_exposure(POLICIES, enterprises)
    return {row.policy.id: (row.current, row.next_level) for row in exposure.policies}


def test_exposure_sums_awards_now_and_at_the_next_levels() -> None:
    wuxi = [facts("320214", 2), facts("320214", 2), facts("320214", 3)]
    guizhou = [facts("520102", 3), facts("520103", 5)]
    rows = by_id(wuxi + guizhou)
    assert rows["wuxi_hightech_zone_digital"] == (
        Exposure(3, YuanRange(900_000, 900_000)),
        Exposure(3, YuanRange(2_000_000, 2_000_000)),
    )
    assert rows["guizhou_digital_transformation"] == (
        Exposure(2, YuanRange(10_000_000, 10_000_000)),
        Exposure(2, YuanRange(13_000_000, 13_000_000)),
    )
    total = budget_exposure(POLICIES, wuxi + guizhou)
    assert total.current.total == YuanRange(10_900_000, 10_900_000)
    assert total.next_level.total == YuanRange(15_000_000, 15_000_000)


def test_exposure_keeps_ranges_and_counts_selective_awards_in_the_maximum_only() -> None:
    rows = by_id([facts("360702", 2), facts("360602", 2, above_designated_size=True)])
    assert rows["ganzhou_benchmark_enterprises"] == (
        Exposure(1, YuanRange(0, 1_000_000)),
        Exposure(1, YuanRange(2_000_000, 2_000_000)),
    )
    yingtan_now, yingtan_next = rows["yingtan_sixteen_measures"]
    assert yingtan_now.total == YuanRange(500_000, 1_000_000)
    assert yingtan_next.total == yingtan_now.total  # level 3 pays more only to a recognized benchmark


def test_unstated_amounts_are_counted_apart() -> None:
    rows = by_id([facts("610102", 2), facts("610103", 3)])
    now, upper = rows["shaanxi_high_quality_implementation"]
    assert (now.unquantified, now.total) == (1, YuanRange(0, 0))
    assert upper.unquantified == 2


def test_policies_of_other_regions_and_non_money_benefits_are_left_out() -> None:
    rows = by_id([facts("120101", 2, result="self_declared")])
    assert rows == {}


def test_shaanxi_target_progress() -> None:
    shaanxi = policy("shaanxi_manufacturing_plan_targets")
    level_2, level_3_up = target_progress(shaanxi, {1: 500, 2: 150, 3: 40, 4: 9, 5: 3})
    assert (level_2.target.count, level_2.actual, level_2.remaining, level_2.reached) == (200, 150, 50, False)
    assert (level_3_up.target.count, level_3_up.actual, level_3_up.remaining, level_3_up.reached) == (50, 52, 0, True)
    assert level_2.share == Decimal("0.75") and level_3_up.share == 1
    assert {t.target.by_year for t in (level_2, level_3_up)} == {2025}


def test_level_counts_follow_the_region_hierarchy() -> None:
    enterprises = [facts("610102", 2), facts("610103", 3), facts("610104", 3), facts("520102", 3)]
    assert level_counts(enterprises, "610000") == {2: 1, 3: 2}
    progress = target_progress(policy("shaanxi_manufacturing_plan_targets"), level_counts(enterprises, "610000"))
    assert [p.actual for p in progress] == [1, 2]


@pytest.mark.parametrize(("certificates", "points"), [(0, Decimal(0)), (1, Decimal("0.5")), (7, Decimal("3.5"))])
def test_changzhou_scores_half_a_point_per_assessor_certificate(certificates: int, points: Decimal) -> None:
    rule = policy("changzhou_diagnosis_tender").provider_rules[0]
    assert provider_points(rule, certificates) == points


def test_provider_points_respect_a_stated_cap() -> None:
    rule = ProviderRule(
        points_per_certificate=Decimal("0.5"),
        certificate="cmmm_assessor",
        max_points=Decimal(2),
        description={"zh": "测试", "en": "test"},
    )
    assert provider_points(rule, 10) == 2


def test_an_official_follows_the_policies_above_and_below_the_region() -> None:
    jiangxi = {p.id for p in policies_concerning(POLICIES, "360000")}
    assert jiangxi == {"ganzhou_benchmark_enterprises", "yingtan_sixteen_measures", "national_smart_factory_tiers"}
    ganzhou = {p.id for p in policies_concerning(POLICIES, "360700")}
    assert ganzhou == {"ganzhou_benchmark_enterprises", "national_smart_factory_tiers"}
