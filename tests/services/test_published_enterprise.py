"""A published result is a historical record: it keeps the enterprise as it was at publication (name, credit code,
region, industry, size, path), so a later profile edit changes neither the overview of a published or certified
assessment nor its report; a result published before the snapshot was kept shows the current values."""

from __future__ import annotations

from sqlalchemy import null, select, update

from cmmm.codes.credit_code import make_credit_code
from cmmm.services.assessment_record import as_published, assessment_overview
from cmmm.services.enterprise_profile import ProfileChanges, update_enterprise_profile
from cmmm.services.publication import latest_result, publish_result, review_result
from cmmm.services.workflow import State
from cmmm.store.records import Certificate, PublishedResult
from tests.services.world import START, World, applied_and_accepted, certified, rated

OLD_NAME = "南京示例机械有限公司"
OLD_CODE = make_credit_code("320102", 1)
NEW_CODE = make_credit_code("320104", 77)


def _rename_and_move(world: World) -> None:
    """The enterprise's admin renames it, moves it to Qinhuai and changes its industry and size; the platform
    admin changes its credit code."""
    enterprise = world.orgs["enterprise"]
    changes = ProfileChanges(name="南京新名机械有限公司", region_code="320104", industry_code="34", size_class="large")
    update_enterprise_profile(world.platform, world["ea"], enterprise, changes)
    update_enterprise_profile(world.platform, world["admin"], enterprise, ProfileChanges(credit_code=NEW_CODE))


def test_publication_records_the_enterprise_as_it_is(world: World) -> None:
    assessment_id, _ = certified(world)
    record = latest_result(world.platform, world["ea"], assessment_id)
    assert record.enterprise == {
        "name": OLD_NAME,
        "credit_code": OLD_CODE,
        "region_code": "320102",
        "industry_code": "39",
        "size_class": "medium",
        "above_designated_size": True,
        "path": "discrete",
    }


def test_a_certified_assessment_keeps_the_enterprise_of_its_publication(world: World) -> None:
    assessment_id, certificate_id = certified(world)
    _rename_and_move(world)
    overview = assessment_overview(world.platform, world["ba"], assessment_id)
    assert overview.state is State.certified
    facts = overview.enterprise
    assert (overview.enterprise_name, overview.credit_code) == (OLD_NAME, OLD_CODE)
    assert (facts.region_code, facts.industry_code, facts.size_class) == ("320102", "39", "medium")
    assert facts.recorded_at == START
    with world.platform.db() as session:
        certificate = session.get_one(Certificate, certificate_id)
        assert (certificate.enterprise_name, certificate.credit_code) == (OLD_NAME, OLD_CODE)


def test_a_result_published_before_snapshots_shows_the_current_enterprise(world: World) -> None:
    assessment_id, _ = certified(world)
    with world.platform.db.begin() as session:  # as a row written before revision 0006
        session.execute(
            update(PublishedResult).where(PublishedResult.assessment_id == assessment_id).values(enterprise=null())
        )
    _rename_and_move(world)
    overview = assessment_overview(world.platform, world["ba"], assessment_id)
    assert (overview.enterprise_name, overview.credit_code) == ("南京新名机械有限公司", NEW_CODE)
    assert (overview.enterprise.region_code, overview.enterprise.industry_code) == ("320104", "34")
    assert overview.enterprise.recorded_at is None
    record = latest_result(world.platform, world["ba"], assessment_id)
    assert record.enterprise is None and as_published(record, overview.enterprise) == overview.enterprise


def test_a_returned_result_keeps_its_record_and_the_next_revision_records_the_new_enterprise(world: World) -> None:
    """Returned, the assessment goes on under the current profile; its report (revision 1) keeps the old one, and
    the corrected revision records the enterprise as it is when that revision is published."""
    assessment_id = applied_and_accepted(world)
    rated(world, assessment_id)
    publish_result(world.platform, world["lead"], assessment_id)
    review_result(world.platform, world["reviewer"], assessment_id, approve=False, comments="请补充证据")
    _rename_and_move(world)

    overview = assessment_overview(world.platform, world["ba"], assessment_id)
    assert overview.state is State.returned and overview.enterprise_name == "南京新名机械有限公司"
    returned = latest_result(world.platform, world["ba"], assessment_id)
    assert as_published(returned, overview.enterprise).name == OLD_NAME
    assert as_published(returned, overview.enterprise).region_code == "320102"

    publish_result(world.platform, world["lead"], assessment_id)
    overview = assessment_overview(world.platform, world["ba"], assessment_id)
    assert overview.state is State.published and overview.enterprise.region_code == "320104"
    with world.platform.db() as session:
        names = session.scalars(
            select(PublishedResult.enterprise)
            .where(PublishedResult.assessment_id == assessment_id)
            .order_by(PublishedResult.revision)
        )
        assert [item["name"] for item in names] == [OLD_NAME, "南京新名机械有限公司"]
