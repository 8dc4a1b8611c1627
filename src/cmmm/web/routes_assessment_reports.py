"""Downloads of a formal assessment's report (PDF, Word) and ratings workbook (Excel): the published result,
labelled reviewed or certified, with its assessors, reviewers and evidence index, and the enterprise as the
result recorded it at publication (a later profile edit does not rewrite a published report)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from cmmm.engine.answers import Answers
from cmmm.reports.build import build_report
from cmmm.reports.enterprise import Enterprise, EvidenceItem, Person
from cmmm.reports.registry import renderer_for
from cmmm.services.assessment_record import (
    AssessmentOverview,
    EnterpriseFacts,
    as_published,
    assessment_overview,
    published_result,
)
from cmmm.services.work_queues import evidence_index
from cmmm.services.workflow import State
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.i18n import Lang
from cmmm.web.region_labels import industry_label, region_label
from cmmm.web.rendering import request_language

router = APIRouter()


def _report_details(
    overview: AssessmentOverview, facts: EnterpriseFacts, evidence: list[EvidenceItem], lang: Lang
) -> Enterprise:
    certified = overview.state is State.certified
    reviewers = tuple(
        Person(
            name=f"{'专家委员会' if lang == 'zh' else 'Expert committee'} ({review.decided_at.date()})",
            role=review.decision,
        )
        for review in overview.reviews
    )
    scope = f"{overview.scope_kind}: {overview.scope_description}".strip(": ")
    return Enterprise(
        name=facts.name,
        credit_code=facts.credit_code,
        region=region_label(facts.region_code, lang, full=True) if facts.region_code else "",
        industry=industry_label(facts.industry_code, lang) if facts.industry_code else "",
        scope=scope,
        result_kind="certified" if certified else "reviewed",
        assessors=tuple(Person(name=member.name, role=member.role) for member in overview.team),
        reviewers=reviewers,
        evidence=tuple(evidence),
        report_date=overview.certificate.issued_on.isoformat() if overview.certificate else "",
    )


@router.get("/assessments/{assessment_id}/report.{fmt}")
def assessment_report(
    request: Request, platform: PlatformDep, actor: CurrentActor, assessment_id: int, fmt: str
) -> Response:
    renderer = renderer_for(fmt)
    lang = request_language(request)
    overview = assessment_overview(platform, actor, assessment_id)
    model, result, record = published_result(platform, actor, assessment_id)
    evidence = [
        EvidenceItem(
            id=f"E{item.id}",
            title="; ".join(f.filename for f in item.files) or item.kind,
            requirements=(item.requirement_id,),
            location=item.notes,
        )
        for item in evidence_index(platform, actor, assessment_id)
    ]
    answers = Answers(
        industry=result.industry,
        target_level=result.target_level,
        ratings=dict(result.ratings),
        excluded_domains=result.excluded_domains,
    )
    details = _report_details(overview, as_published(record, overview.enterprise), evidence, lang)
    report = build_report(model, result, answers, details, lang)
    filename = f"cmmm-assessment-{assessment_id}-r{record.revision}{renderer.suffix}"
    return Response(
        renderer.render(report),
        media_type=renderer.media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
