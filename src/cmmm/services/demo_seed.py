"""Seeding a database with demo enterprises and their self-assessments, in bulk, for trials and dashboards.

Rows go in with multi-row INSERTs per batch (not one ORM object at a time), which is what makes 100,000
enterprises a matter of minutes; each self-assessment stores its answers and a scored summary (the full
explanation is recomputed on demand, e.g. for an improvement plan). One audit entry records the run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as dt_time
from itertools import chain, islice
from typing import Any

from sqlalchemy import insert, select

from cmmm.engine.result import Result
from cmmm.engine.scoring import score
from cmmm.errors import Problem
from cmmm.model.schema import Model
from cmmm.services.actors import Actor, OrganizationKind, Resource
from cmmm.services.demo_data import DemoAssessment, DemoEnterprise, generate_demo
from cmmm.services.errors import InputInvalid
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, audit
from cmmm.services.self_assessment import answers_to_data
from cmmm.store.assessments import SelfAssessment
from cmmm.store.base import utcnow
from cmmm.store.organizations import Enterprise, Organization
from cmmm.store.statistics import hold_self_assessment_mark

BATCH = 2000


@dataclass(frozen=True)
class SeedReport:
    enterprises: int
    self_assessments: int
    seconds: float


def result_summary(model: Model, result: Result) -> dict[str, Any]:
    """The scores of a result without the explanation, gaps and path (which are ~30 times larger)."""
    return {
        "summary": True,
        "model": {"id": model.id, "version": model.version, "content_hash": model.content_hash},
        "industry": result.industry,
        "target_level": result.target_level,
        "weights": {d: {"exact": str(w), "provenance": result.weight_provenance[d]} for d, w in result.weights.items()},
        "total_score_exact": str(result.total_score),
        "level": result.maturity_level,
        "level_name": model.band_name(result.maturity_level, "zh"),
        "level_scores_exact": {str(lv.level): None if lv.score is None else str(lv.score) for lv in result.levels},
    }


def seed_demo(
    platform: Platform,
    actor: Actor,
    enterprises: int,
    seed: int = 1,
    progress: Callable[[int], None] | None = None,
) -> SeedReport:
    require(actor, Action.organization_create, Resource())
    model = platform.models(None)
    started = time.perf_counter()
    stream = generate_demo(enterprises, seed)
    first = next(stream)
    with platform.db() as session:
        if session.scalar(select(Enterprise.organization_id).where(Enterprise.credit_code == first[0].credit_code)):
            raise InputInvalid(
                f"已用种子 {seed} 生成过演示数据，请换一个 --seed",
                f"demo data was already seeded with seed {seed}; choose another --seed",
                [Problem("seed", str(seed), str(seed))],
            )
    stream = chain([first], stream)
    done = 0
    while batch := list(islice(stream, BATCH)):
        with platform.db.begin() as session:
            hold_self_assessment_mark(session, shared=True)
            ids = session.scalars(
                insert(Organization).returning(Organization.id, sort_by_parameter_order=True),
                [_organization_row(e) for e, _ in batch],
            ).all()
            session.execute(insert(Enterprise), [_enterprise_row(i, e) for i, (e, _) in zip(ids, batch, strict=True)])
            rows = [_self_assessment_row(model, i, a) for i, (_, a) in zip(ids, batch, strict=True)]
            session.execute(insert(SelfAssessment), rows)
        done += len(batch)
        if progress is not None:
            progress(done)
    with platform.db.begin() as session:
        audit(session, actor, "demo", seed, "seed", None, {"enterprises": done, "self_assessments": done})
    return SeedReport(done, done, time.perf_counter() - started)


def _organization_row(enterprise: DemoEnterprise) -> dict[str, Any]:
    return {
        "kind": OrganizationKind.enterprise.value,
        "name": enterprise.name,
        "region_code": enterprise.region_code,
        "created_at": utcnow(),
    }


def _enterprise_row(organization_id: int, enterprise: DemoEnterprise) -> dict[str, Any]:
    return {
        "organization_id": organization_id,
        "credit_code": enterprise.credit_code,
        "industry_code": enterprise.industry_code,
        "size_class": enterprise.size,
        "above_designated_size": enterprise.above_designated_size,
        "entity_kind": "legal_entity" if enterprise.legal_entity else "branch",
        "path": enterprise.path,
        "in_operation": True,
        "has_it_basis": True,
    }


def _self_assessment_row(model: Model, organization_id: int, assessment: DemoAssessment) -> dict[str, Any]:
    result = score(model, assessment.answers)
    return {
        "enterprise_id": organization_id,
        "created_by": None,
        "created_at": datetime.combine(assessment.assessed_on, dt_time(4, 0), tzinfo=UTC),
        "label": "self_declared",
        "model_id": model.id,
        "model_version": model.version,
        "model_hash": model.content_hash,
        "industry": assessment.answers.industry,
        "target_level": assessment.answers.target_level,
        "answers": answers_to_data(assessment.answers),
        "total_score_exact": str(result.total_score),
        "level": result.maturity_level,
        "result": result_summary(model, result),
    }
