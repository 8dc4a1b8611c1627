"""The lists of the body, the team and the committee: each shows what its reader may see and nothing else,
and refuses a reader without the role (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest

from cmmm.services.accounts import create_organization, create_user, load_actor
from cmmm.services.actors import SYSTEM, Actor, OrganizationKind, Role
from cmmm.services.applications import ApplicationForm, submit_application
from cmmm.services.assessment_record import assessment_overview, published_result, result_preview
from cmmm.services.certificates import CertificateStatus
from cmmm.services.errors import InputInvalid, PermissionDenied
from cmmm.services.publication import publish_result, review_result
from cmmm.services.ratings import finalize_rating, save_rating
from cmmm.services.work_queues import (
    body_certificates,
    body_inbox,
    body_staff,
    evidence_file,
    evidence_index,
    my_assessments,
    review_queue,
    team_ratings,
)
from cmmm.services.workflow import State
from tests.services.world import World, applied_and_accepted, certified, rated


def other_body_admin(world: World) -> Actor:
    body = create_organization(world.platform, SYSTEM, OrganizationKind.body, "另一评估机构")
    create_user(world.platform, SYSTEM, "other-ba", "password-other", [Role.body_admin], body)
    return load_actor(world.platform, "other-ba")


def test_the_inbox_lists_the_body_s_submitted_applications_only(world: World) -> None:
    first = applied_and_accepted(world)
    form = ApplicationForm(world.orgs["enterprise"], world.orgs["body"], 2, "plant", "一号工厂")
    waiting = submit_application(world.platform, world["ea"], form)
    inbox = body_inbox(world.platform, world["ba"])
    assert [entry.assessment_id for entry in inbox] == [waiting]  # the accepted one has left the inbox
    assert inbox[0].scope_description == "一号工厂" and inbox[0].enterprise_name == "南京示例机械有限公司"
    assert first != waiting
    assert body_inbox(world.platform, other_body_admin(world)) == []
    for name in ("as1", "lead", "ea", "reviewer"):
        with pytest.raises(PermissionDenied):
            body_inbox(world.platform, world[name])


def test_the_staff_list_offers_the_body_s_assessors_with_the_leads_first(world: World) -> None:
    staff = body_staff(world.platform, world["ba"])
    names = {member.user_id: member for member in staff}
    assert set(names) == {world[n].user_id for n in ("as1", "as2", "lead", "hlead")}
    assert [m.lead for m in staff] == sorted((m.lead for m in staff), reverse=True)
    assert names[world["hlead"].user_id].high_maturity and not names[world["lead"].user_id].high_maturity
    with pytest.raises(PermissionDenied):
        body_staff(world.platform, world["as1"])


def test_my_assessments_follow_the_team_and_the_body(world: World) -> None:
    assessment_id = applied_and_accepted(world)
    for name in ("as1", "lead", "ba"):
        entries = my_assessments(world.platform, world[name])
        assert [(e.assessment_id, e.state) for e in entries] == [(assessment_id, State.accepted)]
    assert my_assessments(world.platform, world["lead"])[0].lead
    assert my_assessments(world.platform, world["hlead"]) == []  # a lead of the body, not on this team
    assert my_assessments(world.platform, other_body_admin(world)) == []
    with pytest.raises(PermissionDenied):
        my_assessments(world.platform, world["ea"])


def test_evidence_and_its_files_are_for_those_who_may_view_the_assessment(world: World) -> None:
    assessment_id, _ = certified(world)
    items = evidence_index(world.platform, world["as1"], assessment_id)
    assert [(i.requirement_id, i.kind, i.verified_by) for i in items] == [("s1.1.1", "record", "as1")]
    stored = evidence_file(world.platform, world["reviewer"], items[0].files[0].id)
    assert stored.content == b"date,count\n2026-01-01,3\n" and stored.media_type == "text/csv"
    assert evidence_index(world.platform, world["as1"], assessment_id, {"s2.1.1"}) == []
    for name in ("hlead", "investor"):
        with pytest.raises(PermissionDenied):
            evidence_file(world.platform, world[name], items[0].files[0].id)
        with pytest.raises(PermissionDenied):
            evidence_index(world.platform, world[name], assessment_id)


def test_an_assessor_sees_their_own_ratings_and_the_lead_sees_the_disagreements(world: World) -> None:
    assessment_id = applied_and_accepted(world)
    rated(world, assessment_id)
    save_rating(world.platform, world["as2"], assessment_id, "s1.1.2", "partly", 1)
    own = team_ratings(world.platform, world["as1"], assessment_id)
    assert not own.complete and {r.assessor_id for r in own.ratings} == {world["as1"].user_id}
    assert not own.disagreement("s1.1.2")
    everyone = team_ratings(world.platform, world["lead"], assessment_id)
    assert everyone.complete and everyone.disagreement("s1.1.2") and not everyone.disagreement("s1.1.1")
    assert everyone.mine("s1.1.2", world["as2"].user_id).version == 2  # type: ignore[union-attr]
    finalize_rating(world.platform, world["lead"], assessment_id, "s1.1.2", "largely", "复核", None)
    assert team_ratings(world.platform, world["lead"], assessment_id).finals["s1.1.2"].grade == "largely"
    for name in ("ba", "hlead", "ea"):
        with pytest.raises(PermissionDenied):
            team_ratings(world.platform, world[name], assessment_id)


def test_the_preview_is_what_gets_published_and_the_review_queue_holds_it_until_decided(world: World) -> None:
    assessment_id = applied_and_accepted(world)
    rated(world, assessment_id)
    save_rating(world.platform, world["as2"], assessment_id, "s1.1.2", "partly", 1)
    with pytest.raises(InputInvalid) as unsettled:
        result_preview(world.platform, world["lead"], assessment_id)
    assert [p.location for p in unsettled.value.problems] == ["s1.1.2"]
    finalize_rating(world.platform, world["lead"], assessment_id, "s1.1.2", "largely", "复核", None)
    with pytest.raises(PermissionDenied):
        result_preview(world.platform, world["as1"], assessment_id)
    _, preview = result_preview(world.platform, world["lead"], assessment_id)
    publish_result(world.platform, world["lead"], assessment_id)
    _, published, record = published_result(world.platform, world["reviewer"], assessment_id)
    assert published.total_score == preview.total_score and str(published.total_score) == record.total_score_exact
    queue = review_queue(world.platform, world["reviewer"])
    assert [(e.assessment_id, e.revision, e.level) for e in queue] == [(assessment_id, 1, record.level)]
    with pytest.raises(PermissionDenied):
        review_queue(world.platform, world["lead"])
    review_result(world.platform, world["reviewer"], assessment_id, approve=False, comments="证据不足")
    assert review_queue(world.platform, world["reviewer"]) == []


def test_the_overview_and_the_certificates_of_a_certified_assessment(world: World) -> None:
    assessment_id, certificate_id = certified(world)
    overview = assessment_overview(world.platform, world["ba"], assessment_id)
    assert overview.state is State.certified and overview.pre is not None and overview.pre.ready
    assert [h.action for h in overview.history] == ["submit", "accept", "ready", "publish", "approve"]
    assert {m.role for m in overview.team} == {"lead", "assessor"}
    assert overview.certificate is not None and overview.certificate.id == certificate_id
    certificates = body_certificates(world.platform, world["ba"])
    assert [(c.id, c.status) for c in certificates] == [(certificate_id, CertificateStatus.valid)]
    assert body_certificates(world.platform, other_body_admin(world)) == []
    with pytest.raises(PermissionDenied):
        body_certificates(world.platform, world["as1"])
    with pytest.raises(PermissionDenied):
        assessment_overview(world.platform, world["investor"], assessment_id)
    assert overview.contract_signed_on == date(2026, 3, 2)
