"""The state machine as a matrix: every step from every state is allowed exactly when TRANSITIONS says so,
a refused step changes nothing, and an allowed one leaves an audit entry with the state before and after."""

from __future__ import annotations

from sqlalchemy import select

from cmmm.services.errors import TransitionInvalid
from cmmm.services.workflow import STATE_NAMES, TRANSITIONS, State, Step, advance
from cmmm.store.assessments import Assessment
from cmmm.store.audit import AuditEntry
from tests.services.world import World


def test_every_step_from_every_state(world: World) -> None:
    outcomes = {}
    with world.platform.db() as session:
        for state in State:
            for step in Step:
                assessment = Assessment(
                    enterprise_id=world.orgs["enterprise"], body_id=world.orgs["body"], state=state.value,
                    target_level=2, scope_kind="enterprise", path="discrete", model_id="toy", model_version="1",
                )  # fmt: skip
                session.add(assessment)
                session.flush()
                try:
                    reached = advance(session, world["lead"], assessment, step)
                except TransitionInvalid as refused:
                    assert STATE_NAMES[state][0] in refused.zh and STATE_NAMES[state][1] in refused.en
                    assert assessment.state == state
                    outcomes[state, step] = None
                else:
                    entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
                    assert (entry.before, entry.after["state"]) == ({"state": state.value}, reached.value)
                    outcomes[state, step] = reached
        session.rollback()
    expected = {
        (state, step): (target if state in sources else None)
        for step, (sources, target) in TRANSITIONS.items()
        for state in State
    }
    assert outcomes == expected
    assert sum(reached is not None for reached in outcomes.values()) == 13
