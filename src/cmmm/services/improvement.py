"""Step 5, improvement (改进提升): a plan whose items come from the gaps of a result, each with an owner, a due
date and a status; a later assessment with this one as baseline checks what was achieved.

Items follow the engine's shortest path to the next level when there is one (the fewest changes), and
otherwise every blocker of the gap, each to be brought to full satisfaction.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from cmmm.errors import Problem
from cmmm.services.actors import Actor
from cmmm.services.errors import InputInvalid
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, audit, enterprise_resource, load
from cmmm.services.publication import published_result
from cmmm.services.self_assessment import full_result
from cmmm.store.assessments import Assessment, SelfAssessment
from cmmm.store.records import ImprovementItem, ImprovementPlan


class ItemStatus(StrEnum):
    open = "open"
    in_progress = "in_progress"
    done = "done"


def items_from_result(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(requirement, from grade, to grade) for each change that closes the gap to the next level."""
    path = result.get("shortest_path")
    if path and path.get("reachable"):
        return [(s["requirement_id"], s["from"], s["to"]) for s in path["steps"]]
    gaps = result.get("gaps") or {}
    return [(b["requirement_id"], b["grade"], "full") for items in gaps.get("by_subdomain", {}).values() for b in items]


def create_improvement_plan(
    platform: Platform, actor: Actor, *, assessment_id: int | None = None, self_assessment_id: int | None = None
) -> int:
    """A plan from a published assessment's latest result, or from a self-assessment."""
    if (assessment_id is None) == (self_assessment_id is None):
        raise InputInvalid(
            "须且仅须指定一个评估",
            "name exactly one assessment or self-assessment",
            [Problem("source", "评估与自评估二选一", "one of assessment_id, self_assessment_id")],
        )
    with platform.db.begin() as session:
        if assessment_id is not None:
            enterprise_id = load(session, Assessment, assessment_id).enterprise_id
            result = published_result(session, assessment_id).result
        else:
            own = load(session, SelfAssessment, self_assessment_id)
            enterprise_id, result = own.enterprise_id, full_result(platform, own)
        require(actor, Action.improvement_manage, enterprise_resource(session, enterprise_id))
        plan = ImprovementPlan(
            enterprise_id=enterprise_id,
            assessment_id=assessment_id,
            self_assessment_id=self_assessment_id,
            target_level=int(result["level"]) + 1,
            created_by=actor.user_id,
            created_at=platform.clock(),
        )
        session.add(plan)
        session.flush()
        for requirement_id, from_grade, to_grade in items_from_result(result):
            session.add(
                ImprovementItem(
                    plan_id=plan.id, requirement_id=requirement_id, from_grade=from_grade, to_grade=to_grade
                )
            )
        session.flush()
        audit(session, actor, "improvement_plan", plan.id, "create", None, {"target_level": plan.target_level})
        return plan.id


def plan_items(platform: Platform, actor: Actor, plan_id: int) -> list[ImprovementItem]:
    with platform.db() as session:
        plan = load(session, ImprovementPlan, plan_id)
        require(actor, Action.improvement_manage, enterprise_resource(session, plan.enterprise_id))
        return list(
            session.scalars(
                select(ImprovementItem).where(ImprovementItem.plan_id == plan_id).order_by(ImprovementItem.id)
            )
        )


def update_item(
    platform: Platform,
    actor: Actor,
    item_id: int,
    *,
    owner: str | None = None,
    due_on: date | None = None,
    status: ItemStatus | None = None,
) -> None:
    with platform.db.begin() as session:
        item = load(session, ImprovementItem, item_id)
        plan = load(session, ImprovementPlan, item.plan_id)
        require(actor, Action.improvement_manage, enterprise_resource(session, plan.enterprise_id))
        before = {"owner": item.owner, "due_on": item.due_on, "status": item.status}
        if owner is not None:
            item.owner = owner
        if due_on is not None:
            item.due_on = due_on
        if status is not None:
            item.status = status.value
        after = {"owner": item.owner, "due_on": item.due_on, "status": item.status}
        audit(session, actor, "improvement_item", item.id, "update", before, after)
