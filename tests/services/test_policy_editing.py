"""Editing the policy set: a refused text stores nothing and names every problem with its path and line, an
official changes only the policies of their region, the newest version is what the dashboards match, and an
earlier version can be restored; every save is audited. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from cmmm.model.policy_loader import bundled_policies
from cmmm.model.schema import Model
from cmmm.services.actors import Actor, Role
from cmmm.services.errors import PermissionDenied
from cmmm.services.peers import enterprise_policies
from cmmm.services.policy_blocks import PolicyEdit, check_policy_edit, policy_block, save_policy_edit
from cmmm.services.policy_editing import (
    PolicyOutsideRegion,
    PolicySetChanged,
    PolicySetInvalid,
    active_policies,
    bundled_text,
    check_policy_set,
    editable_policies,
    policy_version,
    policy_versions,
    restore_version,
    save_policy_set,
)
from cmmm.services.region_policies import region_policies
from cmmm.store.audit import AuditEntry
from tests.services.dashboard_world import ENTERPRISES, DashboardWorld, build_dashboard_world
from tests.services.world import World, build_world

SUZHOU_AWARD = """\
id: suzhou_test_award
region: "320500"
issuer: {zh: 苏州市, en: Suzhou}
title: {zh: 苏州测试奖励, en: Suzhou test award}
source: {zh: 测试, en: test}
kind: award
benefits:
  - kind: award
    per_level:
      - {level: 1, amount_yuan: 12345}
"""


def with_policy(text: str, block: str) -> str:
    """The set with one more policy at the end, written as the bundled file writes its policies."""
    lines = block.strip("\n").splitlines()
    return text.rstrip("\n") + "\n\n  - " + lines[0] + "\n" + "".join(f"    {line}\n" for line in lines[1:])


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of the first line holding ``fragment``."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


@pytest.fixture
def world(engine: Engine, toy_model: Model) -> World:
    return build_world(engine, toy_model)


@pytest.fixture
def dw(engine: Engine) -> DashboardWorld:
    return build_dashboard_world(engine)


def _policy_audit(world: World) -> list[AuditEntry]:
    with world.platform.db() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == "policy_set")))


def test_until_a_version_is_saved_the_bundled_file_is_active(world: World) -> None:
    assert active_policies(world.platform) == bundled_policies()
    assert policy_versions(world.platform, world["official"]) == []
    assert policy_version(world.platform, world["admin"], 0) == (None, bundled_text())


def test_an_invalid_text_is_refused_with_every_problem_located_and_nothing_stored(world: World) -> None:
    text = bundled_text().replace("    kind: award\n", "    kind: award\n    colour: red\n", 1)
    text = text.replace("{level: 3, amount_yuan: 2000000}", "{level: 3, amount_yuan: -1}", 1)
    with pytest.raises(PolicySetInvalid) as refused:
        save_policy_set(world.platform, world["admin"], text, "broken")
    found = dict(zip([p.location for p in refused.value.raw], refused.value.lines, strict=True))
    assert found == {
        "policies[0].benefits[0].per_level[0].amount_yuan": line_of(text, "amount_yuan: -1"),
        "policies[0].colour": line_of(text, "colour: red"),
    }
    for problem, line in zip(refused.value.problems, refused.value.lines, strict=True):
        assert f"line {line}:" in problem.en and f"第 {line} 行" in problem.zh
    assert policy_versions(world.platform, world["admin"]) == []
    assert _policy_audit(world) == []
    assert active_policies(world.platform) == bundled_policies()


def test_the_rules_relating_fields_are_located_too(world: World) -> None:
    text = bundled_text().replace('region: "520000"', 'region: "529999"', 1)
    text = text.replace("{level: 4, amount_yuan: 5000000}", "{level: 3, amount_yuan: 5000000}", 1)
    with pytest.raises(PolicySetInvalid) as refused:
        check_policy_set(world.platform, world["admin"], text)
    found = dict(zip([p.location for p in refused.value.raw], refused.value.lines, strict=True))
    assert found == {
        "policies[0].region": line_of(text, '"529999"'),
        "policies[0].benefits[0].per_level": line_of(text, "per_level:"),
    }


def test_a_yaml_syntax_error_is_reported_with_its_line(world: World) -> None:
    text = bundled_text().replace("kind: award\n", "kind: [award\n", 1)
    with pytest.raises(PolicySetInvalid) as refused:
        check_policy_set(world.platform, world["admin"], text)
    assert refused.value.lines[0] is not None and refused.value.lines[0] >= line_of(text, "kind: [award")


def test_an_official_cannot_change_add_or_remove_a_policy_outside_their_region(world: World) -> None:
    official = world["official"]  # Jiangsu, 320000
    changed = bundled_text().replace("{level: 3, amount_yuan: 2000000}", "{level: 3, amount_yuan: 2500000}", 1)
    with pytest.raises(PolicyOutsideRegion) as refused:
        save_policy_set(world.platform, official, changed, "raise Guizhou")
    assert "guizhou_digital_transformation" in refused.value.en
    assert [p.location for p in refused.value.raw] == ["policies[0]"]
    assert refused.value.lines == (line_of(changed, "id: guizhou_digital_transformation"),)
    added = with_policy(bundled_text(), SUZHOU_AWARD.replace('"320500"', '"110000"'))
    with pytest.raises(PermissionDenied, match="suzhou_test_award"):
        save_policy_set(world.platform, official, added)
    removed = policy_block(world.platform, world["admin"], "national_smart_factory_tiers")
    with pytest.raises(PermissionDenied, match="national_smart_factory_tiers"):
        save_policy_edit(world.platform, official, PolicyEdit("national_smart_factory_tiers", "", removed[0], True))
    assert policy_versions(world.platform, official) == []


def test_moving_a_policy_into_the_region_counts_as_changing_it_where_it_was(world: World) -> None:
    moved = bundled_text().replace('region: "520000"', 'region: "320500"', 1)
    with pytest.raises(PolicyOutsideRegion, match="guizhou_digital_transformation"):
        check_policy_set(world.platform, world["official"], moved)


def test_only_officials_and_admins_may_edit(world: World) -> None:
    for name in ("ea", "as1", "reviewer", "investor"):
        with pytest.raises(PermissionDenied):
            check_policy_set(world.platform, world[name], bundled_text())
        with pytest.raises(PermissionDenied):
            policy_versions(world.platform, world[name])


def test_an_admin_changes_any_policy_and_the_change_is_audited(world: World) -> None:
    changed = bundled_text().replace("{level: 3, amount_yuan: 2000000}", "{level: 3, amount_yuan: 2500000}", 1)
    version = save_policy_set(world.platform, world["admin"], changed, "Guizhou raised its award")
    guizhou = active_policies(world.platform).policy("guizhou_digital_transformation")
    assert guizhou is not None and guizhou.benefits[0].per_level[0].amount_yuan == 2500000
    [entry] = _policy_audit(world)
    assert (entry.entity_id, entry.action, entry.actor_id) == (str(version), "save", world["admin"].user_id)
    assert entry.before == {"version": 0}
    assert entry.after["changed"] == ["guizhou_digital_transformation"]
    assert entry.after["note"] == "Guizhou raised its award"
    [view] = policy_versions(world.platform, world["official"])
    assert (view.id, view.saved_by, view.changes["changed"]) == (version, "admin", ["guizhou_digital_transformation"])


def test_the_same_text_again_is_nothing_to_save(world: World) -> None:
    with pytest.raises(PolicySetInvalid):
        save_policy_set(world.platform, world["admin"], bundled_text())


def test_an_edit_over_an_older_version_is_refused(world: World) -> None:
    first = save_policy_set(world.platform, world["official"], with_policy(bundled_text(), SUZHOU_AWARD), "", 0)
    later = with_policy(bundled_text(), SUZHOU_AWARD.replace("12345", "54321"))
    with pytest.raises(PolicySetChanged):
        save_policy_set(world.platform, world["official"], later, "", base_version=0)
    assert [v.id for v in policy_versions(world.platform, world["admin"])] == [first]


def test_the_newest_version_is_what_the_enterprise_and_the_region_see(dw: DashboardWorld) -> None:
    suzhou = dw["suzhou"]
    before = {m.policy.id for m in enterprise_policies(dw.platform, dw["sz1-admin"], dw.orgs["sz1"]).matches}
    assert "suzhou_test_award" not in before
    save_policy_set(dw.platform, suzhou, with_policy(bundled_text(), SUZHOU_AWARD), "a Suzhou award")
    matches = {m.policy.id: m for m in enterprise_policies(dw.platform, dw["sz1-admin"], dw.orgs["sz1"]).matches}
    assert matches["suzhou_test_award"].status == "qualifies"
    rows = {row.policy.id: row for row in region_policies(dw.platform, suzhou).self_declared.policies}
    in_suzhou = sum(1 for _, region, *_ in ENTERPRISES if region.startswith("3205"))
    assert rows["suzhou_test_award"].current.enterprises == in_suzhou
    assert rows["suzhou_test_award"].current.total.max_yuan == 12345 * in_suzhou


def test_the_active_set_is_parsed_once_per_version(dw: DashboardWorld) -> None:
    save_policy_set(dw.platform, dw["suzhou"], with_policy(bundled_text(), SUZHOU_AWARD))
    assert active_policies(dw.platform) is active_policies(dw.platform)


def test_an_earlier_version_is_restored_as_the_newest(dw: DashboardWorld) -> None:
    suzhou = dw["suzhou"]
    first = save_policy_set(dw.platform, suzhou, with_policy(bundled_text(), SUZHOU_AWARD), "add")
    restored = restore_version(dw.platform, suzhou, 0, "back to the bundled file")
    assert active_policies(dw.platform) == bundled_policies()
    assert "suzhou_test_award" not in {
        m.policy.id for m in enterprise_policies(dw.platform, dw["sz1-admin"], dw.orgs["sz1"]).matches
    }
    again = restore_version(dw.platform, suzhou, first)
    assert active_policies(dw.platform).policy("suzhou_test_award") is not None
    views = policy_versions(dw.platform, suzhou)
    assert [(v.id, v.restored_from) for v in views] == [(again, first), (restored, 0), (first, None)]
    assert views[1].changes["removed"] == ["suzhou_test_award"]
    with dw.platform.db() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "policy_set")))
    assert actions == ["save", "restore", "restore"]


def test_an_official_may_not_restore_a_version_that_changes_another_region(world: World) -> None:
    changed = bundled_text().replace("{level: 3, amount_yuan: 2000000}", "{level: 3, amount_yuan: 2500000}", 1)
    save_policy_set(world.platform, world["admin"], changed)
    with pytest.raises(PolicyOutsideRegion, match="guizhou_digital_transformation"):
        restore_version(world.platform, world["official"], 0)


def test_one_policy_is_edited_as_its_own_block_and_the_rest_of_the_file_is_kept(world: World) -> None:
    official = world["official"]
    version, block = policy_block(world.platform, official, "wuxi_hightech_zone_digital")
    assert version == 0 and block.startswith("id: wuxi_hightech_zone_digital\n")
    edited = block.replace("amount_yuan: 200000}", "amount_yuan: 300000}").replace("\n", "\r\n")
    checked = check_policy_edit(world.platform, official, PolicyEdit("wuxi_hightech_zone_digital", edited, 0))
    assert checked.changes.changed == ("wuxi_hightech_zone_digital",)
    save_policy_edit(world.platform, official, PolicyEdit("wuxi_hightech_zone_digital", edited, 0), "Wuxi 2026")
    wuxi = active_policies(world.platform).policy("wuxi_hightech_zone_digital")
    assert wuxi is not None and wuxi.benefits[0].per_level[0].amount_yuan == 300000
    _, text = policy_version(world.platform, official, 1)
    old = bundled_text().splitlines()
    new = text.splitlines()
    assert len(old) == len(new)
    differing = [n for n, (a, b) in enumerate(zip(old, new, strict=True), start=1) if a != b]
    assert differing == [line_of(text, "amount_yuan: 300000}")]


def test_problems_of_one_policy_are_located_in_its_block(world: World) -> None:
    official = world["official"]
    version, block = policy_block(world.platform, official, "wuxi_hightech_zone_digital")
    broken = block.replace("amount_yuan: 500000}", "amount_yuan: -5}").replace(
        "kind: award\n", "kind: award\ncolour: red\n", 1
    )
    with pytest.raises(PolicySetInvalid) as refused:
        check_policy_edit(world.platform, official, PolicyEdit("wuxi_hightech_zone_digital", broken, version))
    found = dict(zip([p.location for p in refused.value.raw], refused.value.lines, strict=True))
    assert found == {
        "benefits[0].per_level[1].amount_yuan": line_of(broken, "amount_yuan: -5"),
        "colour": line_of(broken, "colour: red"),
    }
    lines = block.splitlines()
    misindented = "\n".join([*lines[:2], "  bad: indent", *lines[2:]])
    with pytest.raises(PolicySetInvalid) as syntax:
        check_policy_edit(world.platform, official, PolicyEdit("wuxi_hightech_zone_digital", misindented, version))
    assert syntax.value.lines == (3,) and "YAML" in syntax.value.problems[0].en
    with pytest.raises(PolicyOutsideRegion, match="wuxi_hightech_zone_digital"):
        outside = block.replace('"320214"', '"520000"')
        check_policy_edit(world.platform, official, PolicyEdit("wuxi_hightech_zone_digital", outside, version))
    assert policy_versions(world.platform, official) == []


def test_a_policy_is_added_and_removed_one_block_at_a_time(world: World) -> None:
    official = world["official"]
    jiangsu = SUZHOU_AWARD.replace("suzhou_test_award", "jiangsu_test_award")
    added = save_policy_edit(world.platform, official, PolicyEdit(None, jiangsu, 0), "new")
    assert active_policies(world.platform).policies[-1].id == "jiangsu_test_award"
    save_policy_edit(world.platform, official, PolicyEdit("jiangsu_test_award", "", added, remove=True), "gone")
    assert active_policies(world.platform) == bundled_policies()
    _, text = policy_version(world.platform, official, added + 1)
    assert text == bundled_text()


def test_the_list_says_which_policies_the_official_may_edit(world: World) -> None:
    editable = {policy.id for policy, allowed in editable_policies(world.platform, world["official"]) if allowed}
    assert editable == {p.id for p in bundled_policies().policies if p.region.startswith("32")}
    assert all(allowed for _, allowed in editable_policies(world.platform, world["admin"]))


def test_an_official_without_a_region_edits_nothing(world: World) -> None:
    nowhere = Actor(99, "nowhere", frozenset({Role.government_official}))
    with pytest.raises(PermissionDenied):
        policy_versions(world.platform, nowhere)
