"""The five steps end to end on each backend: application, pre-assessment, formal assessment, publication
(with a return and a new revision), certificate and improvement; and the transitions the machine refuses."""

from __future__ import annotations

import hashlib
from datetime import date
from fractions import Fraction

import pytest
from sqlalchemy import select

from cmmm.engine.answers import Answers
from cmmm.services.applications import withdraw_application
from cmmm.services.audit_trail import verify_audit_trail
from cmmm.services.certificates import CertificateStatus, lookup_certificates, set_certificate_status
from cmmm.services.errors import EvidenceRejected, InputInvalid, PermissionDenied, TransitionInvalid
from cmmm.services.evidence import Upload, add_evidence, reuse_evidence, verify_evidence
from cmmm.services.improvement import ItemStatus, create_improvement_plan, plan_items, update_item
from cmmm.services.pre_assessment import PreAssessmentDecision, decide_pre_assessment
from cmmm.services.publication import latest_result, publish_result, review_result
from cmmm.services.ratings import finalize_rating, save_rating
from cmmm.services.reassessment import compare_with_baseline
from cmmm.services.self_assessment import list_self_assessments, record_self_assessment
from cmmm.services.workflow import TRANSITIONS, State
from cmmm.store.assessments import Assessment, EvidenceFile, EvidenceItem
from cmmm.store.audit import AuditEntry
from cmmm.store.records import PublishedResult
from tests.conftest import WORKED_EXAMPLE_RATINGS
from tests.services.world import World, applied_and_accepted, certified, rated


def state(world: World, assessment_id: int) -> str:
    with world.platform.db() as session:
        return session.get_one(Assessment, assessment_id).state


def test_the_five_steps_end_to_end(world: World) -> None:
    platform = world.platform
    assessment_id = applied_and_accepted(world)
    assert state(world, assessment_id) == State.accepted
    rated(world, assessment_id)
    assert state(world, assessment_id) == State.in_assessment
    evidence_id = add_evidence(
        platform, world["as1"], assessment_id, "s1.1.1", "document", date(2025, 12, 1),
        [Upload("制度.pdf", "application/pdf", b"%PDF-1.7 policy")],
    )  # fmt: skip
    verify_evidence(platform, world["as2"], evidence_id)
    # assessors differ on one clause: publication waits for the lead's final rating
    save_rating(platform, world["as2"], assessment_id, "s1.2.2", "largely", 1)
    with pytest.raises(InputInvalid) as unsettled:
        publish_result(platform, world["lead"], assessment_id)
    assert [p.location for p in unsettled.value.problems] == ["s1.2.2"]
    finalize_rating(platform, world["lead"], assessment_id, "s1.2.2", "partly", "证据只覆盖部分产线", None)
    publish_result(platform, world["lead"], assessment_id)
    assert state(world, assessment_id) == State.published
    with pytest.raises(TransitionInvalid):
        save_rating(platform, world["as1"], assessment_id, "s1.1.1", "none", 1)

    review_result(platform, world["reviewer"], assessment_id, approve=False, comments="请补充 s1.1.2 的证据")
    assert state(world, assessment_id) == State.returned
    save_rating(platform, world["as1"], assessment_id, "s1.1.2", "full", 1)
    save_rating(platform, world["as2"], assessment_id, "s1.1.2", "full", 1)
    publish_result(platform, world["lead"], assessment_id)
    certificate_id = review_result(platform, world["reviewer"], assessment_id, approve=True)
    assert state(world, assessment_id) == State.certified and certificate_id is not None

    result = latest_result(platform, world["ea"], assessment_id)
    assert result.revision == 2 and result.model_id == "toy" and len(result.model_hash) == 64
    assert result.weights["d1"] == "3/10" and result.weight_provenance == {
        "d1": "override",
        "d2": "template",
        "d3": "template",
    }
    assert result.ratings["s1.1.2"] == "full" and result.ratings["s1.2.2"] == "partly"
    with platform.db() as session:
        first = session.scalars(select(PublishedResult).where(PublishedResult.revision == 1)).one()
        assert first.ratings["s1.1.2"] == "largely"  # a correction is a new revision, never an edit
    assert Fraction(result.total_score_exact) == Fraction(result.result["total_score_exact"])

    [found] = lookup_certificates(platform, "南京示例机械有限公司")
    assert found.status is CertificateStatus.valid and found.level == result.level
    assert found.valid_until == date(2029, 3, 2)
    assert verify_audit_trail(platform, world["admin"]) > 30
    with pytest.raises(PermissionDenied):
        verify_audit_trail(platform, world["ba"])


def test_certificate_expires_by_date_and_can_be_suspended_by_its_body(world: World) -> None:
    _, certificate_id = certified(world)
    [certificate] = lookup_certificates(world.platform, "南京示例机械有限公司")
    world.advance_days(3 * 366)
    assert lookup_certificates(world.platform, certificate.number)[0].status is CertificateStatus.expired
    with pytest.raises(PermissionDenied):
        set_certificate_status(world.platform, world["ea"], certificate_id, CertificateStatus.suspended, "")
    set_certificate_status(world.platform, world["ba"], certificate_id, CertificateStatus.withdrawn, "复查不合格")
    assert lookup_certificates(world.platform, certificate.credit_code)[0].status is CertificateStatus.withdrawn


def test_not_ready_then_ready_and_withdrawal_only_before_the_formal_assessment(world: World) -> None:
    assessment_id = applied_and_accepted(world)
    with pytest.raises(InputInvalid):
        decide_pre_assessment(world.platform, world["lead"], assessment_id, PreAssessmentDecision("全厂", ready=False))
    decision = PreAssessmentDecision("全厂", ready=False, reasons="数据采集系统尚未上线")
    decide_pre_assessment(world.platform, world["lead"], assessment_id, decision)
    assert state(world, assessment_id) == State.not_ready
    rated(world, assessment_id)
    with pytest.raises(TransitionInvalid) as refused:
        withdraw_application(world.platform, world["ea"], assessment_id)
    assert "正式评估中" in refused.value.zh and "in formal assessment" in refused.value.en


def test_excluded_domains_need_a_justification_and_are_out_of_scope(world: World) -> None:
    assessment_id = applied_and_accepted(world)
    with pytest.raises(InputInvalid) as missing:
        decide_pre_assessment(
            world.platform, world["lead"], assessment_id, PreAssessmentDecision("全厂", True, {"d3": " "})
        )
    assert missing.value.problems[0].location == "excluded_domains.d3"
    decide_pre_assessment(
        world.platform, world["lead"], assessment_id, PreAssessmentDecision("全厂", True, {"d3": "无此业务"})
    )
    with pytest.raises(InputInvalid):
        save_rating(world.platform, world["as1"], assessment_id, "s4.1.1", "full", None)
    with pytest.raises(InputInvalid):
        save_rating(world.platform, world["as1"], assessment_id, "s1.3.1", "full", None)  # above the target level


def test_evidence_files_are_checked_and_hashed(world: World) -> None:
    assessment_id = applied_and_accepted(world)
    rated(world, assessment_id)
    big = Upload("big.pdf", "application/pdf", b"x" * (world.platform.limits.max_file_bytes + 1))
    exe = Upload("tool.exe", "application/x-msdownload", b"MZ")
    with pytest.raises(EvidenceRejected) as refused:
        add_evidence(world.platform, world["as1"], assessment_id, "s1.1.1", "document", date(2026, 1, 1), [big, exe])
    assert [p.location for p in refused.value.problems] == ["files[0] big.pdf", "files[1] tool.exe"]
    with pytest.raises(PermissionDenied):
        add_evidence(world.platform, world["ea"], assessment_id, "s1.1.1", "document", date(2026, 1, 1))


def test_re_assessment_reuses_evidence_only_unverified(world: World) -> None:
    first, _ = certified(world)
    with world.platform.db() as session:
        [old] = session.scalars(select(EvidenceItem).where(EvidenceItem.assessment_id == first)).all()
    with pytest.raises(TransitionInvalid):  # the certified assessment is locked
        add_evidence(world.platform, world["as1"], first, "s1.1.1", "record", date(2026, 1, 1))
    second = applied_and_accepted(world, baseline_id=first)
    decide_pre_assessment(world.platform, world["lead"], second, PreAssessmentDecision("全厂", True))
    copy_id = reuse_evidence(world.platform, world["as1"], second, old.id)
    with world.platform.db() as session:
        copy = session.get_one(EvidenceItem, copy_id)
        assert copy.reused_from_id == old.id and copy.verified_by is None and old.verified_by is not None
        [copied_file] = session.scalars(select(EvidenceFile).where(EvidenceFile.evidence_id == copy_id)).all()
        assert copied_file.sha256 == hashlib.sha256(b"date,count\n2026-01-01,3\n").hexdigest()
    verify_evidence(world.platform, world["as2"], copy_id)
    with pytest.raises(InputInvalid):  # only the baseline's evidence can be reused
        reuse_evidence(world.platform, world["as1"], second, copy_id)


def test_a_re_assessment_is_compared_with_its_baseline(world: World) -> None:
    first, _ = certified(world)
    second = applied_and_accepted(world, baseline_id=first)
    rated(world, second)
    for assessor in ("as1", "as2"):
        save_rating(world.platform, world[assessor], second, "s2.2.1", "full", 1)
        save_rating(world.platform, world[assessor], second, "s4.1.1", "partly", 1)
    publish_result(world.platform, world["lead"], second)
    comparison = compare_with_baseline(world.platform, world["ea"], second)
    assert comparison.baseline_id == first
    assert [c.requirement_id for c in comparison.improved] == ["s2.2.1"]
    assert [(c.requirement_id, c.before, c.after) for c in comparison.worsened] == [("s4.1.1", "largely", "partly")]
    baseline = latest_result(world.platform, world["ea"], first)
    assert comparison.baseline_score == Fraction(baseline.total_score_exact)
    with pytest.raises(InputInvalid):
        compare_with_baseline(world.platform, world["ea"], first)


def test_an_improvement_plan_has_items_from_the_gaps(world: World) -> None:
    answers = Answers("discrete", 3, dict(WORKED_EXAMPLE_RATINGS))
    own = record_self_assessment(world.platform, world["em"], world.orgs["enterprise"], answers)
    plan_id = create_improvement_plan(world.platform, world["em"], self_assessment_id=own)
    items = plan_items(world.platform, world["em"], plan_id)
    [listed] = list_self_assessments(world.platform, world["official"], world.orgs["enterprise"])
    path = listed.result["shortest_path"]
    assert listed.label == "self_declared" and path["reachable"]
    assert [(i.requirement_id, i.from_grade, i.to_grade) for i in items] == [
        (s["requirement_id"], s["from"], s["to"]) for s in path["steps"]
    ]
    assert items and all(item.status == "open" for item in items)
    update_item(
        world.platform, world["em"], items[0].id, owner="张工", due_on=date(2026, 9, 30), status=ItemStatus.done
    )
    assert plan_items(world.platform, world["ea"], plan_id)[0].owner == "张工"
    with pytest.raises(PermissionDenied):
        plan_items(world.platform, world["investor"], plan_id)


def test_every_transition_source_and_target_is_a_state() -> None:
    for sources, target in TRANSITIONS.values():
        assert sources <= set(State) and target in State
    reachable = {State.applied} | {target for _, target in TRANSITIONS.values()}
    assert reachable == set(State)


def test_each_state_change_is_in_the_audit_trail(world: World) -> None:
    assessment_id, _ = certified(world)
    with world.platform.db() as session:
        steps = session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.entity == "assessment", AuditEntry.entity_id == str(assessment_id))
            .order_by(AuditEntry.id)
        ).all()
    assert steps == ["submit", "accept", "ready", "publish", "approve"]
