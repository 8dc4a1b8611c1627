"""The five steps as a state machine: the states of an assessment and the allowed transitions, as data.

Every transition goes through :func:`advance`, which refuses a step the current state does not allow and
writes the audit entry (before and after), so that no code path changes a state without a trace.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy.orm import Session

from cmmm.errors import Problem
from cmmm.services.actors import Actor
from cmmm.services.errors import TransitionInvalid
from cmmm.services.platform import audit
from cmmm.store.assessments import Assessment


class State(StrEnum):
    applied = "applied"
    declined = "declined"
    withdrawn = "withdrawn"
    accepted = "accepted"
    not_ready = "not_ready"
    in_assessment = "in_assessment"
    published = "published"
    returned = "returned"
    certified = "certified"


class Step(StrEnum):
    decline = "decline"
    withdraw = "withdraw"
    accept = "accept"
    not_ready = "not_ready"
    ready = "ready"
    publish = "publish"
    return_ = "return"
    approve = "approve"


S = State
TRANSITIONS: dict[Step, tuple[frozenset[State], State]] = {
    Step.decline: (frozenset({S.applied}), S.declined),
    Step.withdraw: (frozenset({S.applied, S.accepted, S.not_ready}), S.withdrawn),
    Step.accept: (frozenset({S.applied}), S.accepted),
    Step.not_ready: (frozenset({S.accepted, S.not_ready}), S.not_ready),
    Step.ready: (frozenset({S.accepted, S.not_ready}), S.in_assessment),
    Step.publish: (frozenset({S.in_assessment, S.returned}), S.published),
    Step.return_: (frozenset({S.published}), S.returned),
    Step.approve: (frozenset({S.published}), S.certified),
}
del S

RATING_OPEN = frozenset({State.in_assessment, State.returned})
"""States in which ratings and evidence may change; publication locks them."""

STATE_NAMES: dict[State, tuple[str, str]] = {
    State.applied: ("已提交申请", "applied"),
    State.declined: ("申请未受理", "declined"),
    State.withdrawn: ("已撤回", "withdrawn"),
    State.accepted: ("已签约，待预评估", "accepted, awaiting pre-assessment"),
    State.not_ready: ("预评估：尚未就绪", "pre-assessment: not ready"),
    State.in_assessment: ("正式评估中", "in formal assessment"),
    State.published: ("结果已发布，待专家审查", "published, awaiting review"),
    State.returned: ("专家退回修改", "returned by the expert committee"),
    State.certified: ("已颁发证书", "certified"),
}


def require_state(assessment: Assessment, allowed: frozenset[State], what: tuple[str, str]) -> None:
    state = State(assessment.state)
    if state not in allowed:
        zh_state, en_state = STATE_NAMES[state]
        raise TransitionInvalid(
            f"评估 {assessment.id} 当前状态为「{zh_state}」，不能{what[0]}",
            f"assessment {assessment.id} is {en_state}; cannot {what[1]}",
            [Problem(f"assessments[{assessment.id}].state", zh_state, en_state)],
        )


def advance(session: Session, actor: Actor, assessment: Assessment, step: Step, note: str = "") -> State:
    """Move ``assessment`` by ``step`` or raise :class:`TransitionInvalid`; audit the change."""
    sources, target = TRANSITIONS[step]
    require_state(assessment, sources, (f"执行「{step.value}」", f"{step.value} it"))
    before = assessment.state
    assessment.state = target.value
    session.flush()
    after: dict[str, str] = {"state": target.value}
    if note:
        after["note"] = note
    audit(session, actor, "assessment", assessment.id, step.value, {"state": before}, after)
    return target
