"""Checking the audit trail: the chain of hashes is walked from the first entry, and the first entry that
was edited, or that follows a deleted or edited one, is named in the error.
"""

from __future__ import annotations

from cmmm.errors import Problem
from cmmm.services.actors import Actor, Resource
from cmmm.services.errors import AuditChainBroken
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform
from cmmm.store.audit import verify_chain


def verify_audit_trail(platform: Platform, actor: Actor) -> int:
    """The number of entries checked; raises :class:`AuditChainBroken` at the first broken entry."""
    require(actor, Action.audit_verify, Resource())
    with platform.db() as session:
        checked, broken = verify_chain(session)
    if broken is None:
        return checked
    if broken.reason == "edited":
        zh, en = "内容与其哈希不符（被修改）", "its content does not match its hash (edited)"
    else:
        zh, en = (
            "与前一条目的哈希不衔接（前面的条目被删除或修改）",
            "it does not link to the entry before (deleted or edited)",
        )
    raise AuditChainBroken(
        f"审计记录在第 {broken.entry_id} 条处断裂（此前 {checked} 条完好）",
        f"the audit trail is broken at entry {broken.entry_id} ({checked} entries before it are intact)",
        [Problem(f"audit_entries[{broken.entry_id}]", zh, en)],
    )
