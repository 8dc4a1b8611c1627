"""Matching enterprises against the bundled policies: regions, per-level amounts, conditions and reasons."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmmm.codes.regions import bundled_regions, is_within
from cmmm.engine.policy_conditions import EnterpriseFacts
from cmmm.engine.policy_match import (
    Grant,
    PolicyMatch,
    YuanRange,
    grants_at,
    match_policies,
    next_level_unlocks,
    prefix_within,
    total_money,
)
from cmmm.errors import RegionUnknown
from cmmm.model.policy_loader import bundled_policies, policies_from_data
from cmmm.model.policy_schema import Policy

POLICIES = bundled_policies().policies
LIST_NAMES = {item.id: item.name for item in bundled_policies().lists}


def facts(region: str, level: int, **more: Any) -> EnterpriseFacts:
    """A certified enterprise with a valid certificate unless told otherwise."""
    return EnterpriseFacts(region=region, level=level, **{"certificate_valid": True, **more})


def match_of(policy_id: str, enterprise: EnterpriseFacts) -> PolicyMatch:
    found = [m for m in match_policies(POLICIES, enterprise, list_names=LIST_NAMES) if m.policy.id == policy_id]
    assert len(found) == 1, f"{policy_id} does not apply in {enterprise.region}"
    return found[0]


def money(grants: tuple[Grant, ...]) -> list[YuanRange | None]:
    return [g.amount for g in grants if g.is_money]


def exact(amount: int) -> YuanRange:
    return YuanRange(amount, amount)


def english(match: PolicyMatch) -> str:
    return " | ".join(reason.en for reason in match.reasons)


def small_set(*entries: tuple[str, str]) -> tuple[Policy, ...]:
    """Policies of the given ids and regions, each a one-off 10,000 yuan award from level 1."""
    policies = [
        {
            "id": policy_id,
            "region": region,
            "issuer": {"zh": "某地", "en": "somewhere"},
            "title": {"zh": "测试政策", "en": "test policy"},
            "source": {"zh": "测试", "en": "test"},
            "kind": "award",
            "benefits": [{"kind": "award", "amount_yuan": 10000, "conditions": {"min_level": 1}}],
        }
        for policy_id, region in entries
    ]
    data = {
        "schema_version": 1,
        "id": "test",
        "version": "1",
        "title": {"zh": "测", "en": "t"},
        "locales": ["zh", "en"],
    }
    return policies_from_data({**data, "policies": policies}, "test").policies


# --- regions ------------------------------------------------------------------------------------------------


def test_a_district_matches_its_city_province_and_national_policies_only() -> None:
    policies = small_set(
        ("guiyang", "520100"), ("guizhou", "520000"), ("china", "000000"), ("sichuan", "510000"), ("zunyi", "520300")
    )
    matched = {m.policy.id for m in match_policies(policies, facts("520102", 3))}
    assert matched == {"guiyang", "guizhou", "china"}


def test_nanming_district_gets_the_guizhou_and_national_policies_of_the_bundled_file() -> None:
    regions = {m.policy.region for m in match_policies(POLICIES, facts("520102", 3))}
    assert regions == {"520000", "000000"}


def test_the_hierarchy_is_pluggable_and_the_prefix_fallback_agrees_with_the_table() -> None:
    policies = small_set(("guiyang", "520100"), ("chengdu", "510100"))
    assert [m.policy.id for m in match_policies(policies, facts("520102", 1), within=prefix_within)] == ["guiyang"]
    table = bundled_regions()
    for code in ("520102", "110101", "429004", "320214", "510000"):
        for ancestor in ("000000", "520000", "520100", "110000", "110100", "320200", "320000", "510000", "429000"):
            assert prefix_within(code, ancestor) == table.is_within(code, ancestor), (code, ancestor)


def test_an_unknown_region_is_an_error_not_an_empty_answer() -> None:
    with pytest.raises(RegionUnknown):
        match_policies(POLICIES, facts("529999", 3))
    assert is_within("520102", "000000")


# --- per-level amounts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("level", "amount"), [(3, 2_000_000), (4, 5_000_000), (5, 8_000_000)])
def test_guizhou_pays_per_level(level: int, amount: int) -> None:
    match = match_of("guizhou_digital_transformation", facts("520102", level))
    assert match.status == "qualifies"
    assert money(match.grants) == [exact(amount)]


def test_guizhou_below_level_3_is_told_what_level_3_brings() -> None:
    match = match_of("guizhou_digital_transformation", facts("520102", 2))
    assert match.status == "next_level"
    assert money(match.unlocks) == [exact(2_000_000)]
    assert "needs maturity level 3 or above (now 2)" in english(match)


def test_a_self_assessed_level_does_not_count_where_a_certificate_is_needed() -> None:
    match = match_of("guizhou_digital_transformation", facts("520102", 3, result="self_declared"))
    assert match.status == "not_qualified"
    assert "needs a certified result (now a self-assessed result)" in english(match)


@pytest.mark.parametrize(("level", "amount"), [(2, 200_000), (3, 500_000), (4, 1_000_000), (5, 2_000_000)])
def test_wuxi_high_tech_zone_pays_per_level(level: int, amount: int) -> None:
    match = match_of("wuxi_hightech_zone_digital", facts("320214", level))
    assert money(match.grants) == [exact(amount)]
    assert match.grants[0].benefit.one_off


def test_wuxi_does_not_reach_other_districts_of_wuxi() -> None:
    assert "wuxi_hightech_zone_digital" not in {m.policy.id for m in match_policies(POLICIES, facts("320213", 3))}


# --- conditions ---------------------------------------------------------------------------------------------------


def test_yingtan_level_2_keeps_its_range_and_needs_above_size() -> None:
    above = match_of("yingtan_sixteen_measures", facts("360602", 2, above_designated_size=True))
    assert money(above.grants) == [YuanRange(500_000, 1_000_000)]
    below = match_of("yingtan_sixteen_measures", facts("360602", 2))
    assert below.status == "not_qualified"
    assert "only for enterprises above designated size" in english(below)


@pytest.mark.parametrize(("level", "amount"), [(3, 2_000_000), (4, 5_000_000)])
def test_yingtan_levels_3_and_4_need_benchmark_recognition(level: int, amount: int) -> None:
    base = facts("360602", level, above_designated_size=True)
    recognized = match_of("yingtan_sixteen_measures", replace(base, recognitions=frozenset({"benchmark"})))
    assert money(recognized.grants) == [exact(amount)]
    plain = match_of("yingtan_sixteen_measures", base)
    assert money(plain.grants) == [YuanRange(500_000, 1_000_000)]
    assert f"the level-{level} amount needs recognition as a benchmark enterprise" in english(plain)


def test_ganzhou_needs_a_valid_certificate() -> None:
    lapsed = match_of("ganzhou_benchmark_enterprises", facts("360702", 3, certificate_valid=False))
    assert lapsed.status == "not_qualified"
    assert "needs a certificate valid when looked up (now a certified result)" in english(lapsed)
    valid = match_of("ganzhou_benchmark_enterprises", facts("360702", 3))
    assert money(valid.grants) == [exact(2_000_000)]
    assert [g.benefit.recognition for g in valid.grants if g.benefit.kind == "recognition"] == ["benchmark"]


def test_ganzhou_level_2_may_be_selected_as_demonstration() -> None:
    match = match_of("ganzhou_benchmark_enterprises", facts("360702", 2))
    assert {(g.benefit.kind, g.benefit.recognition, g.selective) for g in match.grants} == {
        ("recognition", "demonstration", True),
        ("award", None, True),
    }
    assert total_money(match.grants) == YuanRange(0, 1_000_000)
    assert total_money(match.unlocks) == exact(2_000_000)


def test_anhui_pays_a_first_pass_only() -> None:
    upgraded = frozenset({"anhui_smart_factory_upgrade"})
    first = match_of("anhui_first_pass_award", facts("340102", 3, first_time=True, lists=upgraded))
    assert money(first.grants) == [exact(1_000_000)]
    again = match_of("anhui_first_pass_award", facts("340102", 3, first_time=False, lists=upgraded))
    assert again.status == "next_level"
    assert "only a first pass at this level counts" in english(again)
    assert money(again.next_grants) == [exact(3_000_000)]


def test_anhui_names_the_list_it_needs() -> None:
    match = match_of("anhui_first_pass_award", facts("340102", 4, first_time=True))
    assert match.status == "not_qualified"
    assert "provincial smart-factory upgrade" in english(match)


def test_tianjin_accepts_a_self_assessed_level_2_and_states_the_obligation() -> None:
    match = match_of("tianjin_special_fund_2024", facts("120101", 2, result="self_declared"))
    assert match.status == "qualifies"
    assert match.grants[0].benefit.kind == "eligibility"
    assert "formal certificate" in match.policy.obligations[0]["en"]
    assert match_of("tianjin_special_fund_2024", facts("120101", 1, result="self_declared")).status == "next_level"


def test_sichuan_needs_the_top_300_list() -> None:
    outside = match_of("sichuan_advanced_manufacturing_measures", facts("510104", 3))
    assert outside.status == "not_qualified"
    listed = facts("510104", 3, lists=frozenset({"sichuan_top300_industrial"}))
    assert match_of("sichuan_advanced_manufacturing_measures", listed).status == "qualifies"


def test_targets_and_provider_rules_are_not_matched_for_enterprises() -> None:
    shaanxi = {m.policy.id for m in match_policies(POLICIES, facts("610102", 3))}
    assert shaanxi == {"shaanxi_high_quality_implementation", "national_smart_factory_tiers"}
    assert "changzhou_diagnosis_tender" not in {m.policy.id for m in match_policies(POLICIES, facts("320412", 3))}


def test_an_unstated_amount_is_no_amount_rather_than_zero() -> None:
    match = match_of("shaanxi_high_quality_implementation", facts("610102", 3))
    assert match.status == "qualifies"
    assert money(match.grants) == [None]


# --- amounts: ranges, "up to", percentages with caps -------------------------------------------------------------


def test_yangzhou_up_to_amounts_are_ranges_from_zero() -> None:
    assert money(match_of("yangzhou_etdz_award", facts("321002", 3)).grants) == [YuanRange(0, 150_000)]


@pytest.mark.parametrize(
    ("investment", "amount"), [(20_000_000, YuanRange(0, 6_000_000)), (50_000_000, YuanRange(0, 10_000_000))]
)
def test_guizhou_project_share_is_up_to_30_percent_capped(investment: int, amount: YuanRange) -> None:
    match = match_of("guizhou_digital_transformation", facts("520102", 1, investment_yuan=investment))
    shares = [g.amount for g in match.grants if g.benefit.kind == "investment_share"]
    assert shares == [amount]


def test_a_share_of_investment_needs_the_project() -> None:
    match = match_of("guizhou_digital_transformation", facts("520102", 3))
    assert [g.benefit.kind for g in match.grants] == ["award"]
    assert "needs a qualifying project and its total investment" in english(match)


def test_total_money_counts_a_selective_award_in_the_maximum_only() -> None:
    ganzhou = match_of("ganzhou_benchmark_enterprises", facts("360702", 2))
    yingtan = match_of("yingtan_sixteen_measures", facts("360602", 2, above_designated_size=True))
    assert total_money((*ganzhou.grants, *yingtan.grants)) == YuanRange(500_000, 2_000_000)


# --- next level and validity -----------------------------------------------------------------------------------


def test_next_level_unlocks_lists_what_would_be_added_or_raised() -> None:
    ids = {policy.id: grants for policy, grants in next_level_unlocks(POLICIES, facts("320214", 3))}
    assert money(ids["wuxi_hightech_zone_digital"]) == [exact(1_000_000)]
    assert "national_smart_factory_tiers" not in ids  # level 3 already opens both tiers
    assert next_level_unlocks(POLICIES, facts("320214", 5)) == []


def test_the_next_level_tells_what_would_still_be_missing() -> None:
    match = match_of("yingtan_sixteen_measures", facts("360602", 2, above_designated_size=True))
    assert match.unlocks == ()
    assert [r.en for r in match.next_reasons] == ["the level-3 amount needs recognition as a benchmark enterprise"]


def test_a_policy_out_of_force_gives_nothing() -> None:
    data = bundled_policies().model_dump(mode="json")
    tianjin = next(p for p in data["policies"] if p["id"] == "tianjin_special_fund_2024")
    tianjin.update(valid_from="2024-01-01", valid_to="2024-12-31")
    policy = policies_from_data(data, "edited").policy("tianjin_special_fund_2024")
    assert policy is not None
    inside, _ = grants_at(policy, facts("120101", 2, on=date(2024, 6, 1)))
    outside, reasons = grants_at(policy, facts("120101", 2, on=date(2025, 1, 1)))
    assert inside and not outside
    assert "not in force on 2025-01-01" in reasons[0].en


# --- invariants -----------------------------------------------------------------------------------------------

REGIONS = ["520102", "340102", "360702", "360602", "320214", "321002", "610102", "510104", "120101", "210102"]
enterprise = st.builds(
    EnterpriseFacts,
    region=st.sampled_from(REGIONS),
    level=st.integers(0, 4),
    result=st.sampled_from(["self_declared", "reviewed", "certified"]),
    certificate_valid=st.booleans(),
    first_time=st.booleans(),
    above_designated_size=st.booleans(),
    manufacturing=st.booleans(),
    recognitions=st.frozensets(st.sampled_from(["benchmark", "demonstration"])),
    lists=st.frozensets(st.sampled_from(["anhui_smart_factory_upgrade", "sichuan_top300_industrial"])),
    investment_yuan=st.none() | st.integers(0, 100_000_000),
)


@settings(max_examples=150, deadline=None)
@given(enterprise)
def test_a_higher_level_never_loses_an_award(facts_now: EnterpriseFacts) -> None:
    higher = replace(facts_now, level=facts_now.level + 1)
    for policy in POLICIES:
        now, _ = grants_at(policy, facts_now)
        later, _ = grants_at(policy, higher)
        before, after = total_money(now), total_money(later)
        assert after.min_yuan >= before.min_yuan and after.max_yuan >= before.max_yuan, policy.id


@settings(max_examples=80, deadline=None)
@given(enterprise)
def test_the_status_follows_the_grants(facts_now: EnterpriseFacts) -> None:
    for match in match_policies(POLICIES, facts_now):
        assert (match.status == "qualifies") == bool(match.grants)
        assert (match.status == "next_level") == (not match.grants and bool(match.next_grants))
        if match.status != "qualifies":
            assert match.reasons, match.policy.id


def test_level_reasons_are_not_repeated_for_the_next_level() -> None:
    match = match_of("national_smart_factory_tiers", facts("330102", 0))
    assert [r.en for r in match.reasons] == [
        "needs maturity level 2 or above (now 0)",
        "needs maturity level 3 or above (now 0)",
    ]
    assert match.next_reasons == ()
