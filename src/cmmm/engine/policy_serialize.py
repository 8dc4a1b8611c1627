"""Policy matches as plain JSON-ready data: the one shape the CLI prints and the API will serve.

Texts stay in both languages (``{"zh": ..., "en": ...}``) so one answer serves every reader. Amounts are
integers in yuan: ``amount_yuan`` when exact, ``min_yuan``/``max_yuan`` when the source gives a range or an
"up to"; a money benefit whose amount the source does not state has ``amount_stated: false``.
"""

from __future__ import annotations

from typing import Any

from cmmm.engine.policy_conditions import MAX_LEVEL, Reason
from cmmm.engine.policy_match import Grant, PolicyMatch, YuanRange
from cmmm.model.policy_schema import Policy


def amount_to_dict(amount: YuanRange | None) -> dict[str, Any]:
    if amount is None:
        return {}
    if amount.exact:
        return {"amount_yuan": amount.min_yuan}
    return {"min_yuan": amount.min_yuan, "max_yuan": amount.max_yuan}


def grant_to_dict(grant: Grant) -> dict[str, Any]:
    benefit = grant.benefit
    data: dict[str, Any] = {"kind": benefit.kind}
    if benefit.per_level:
        data["tier_level"] = grant.level  # the row of the per-level table that applies
    if benefit.description is not None:
        data["description"] = dict(benefit.description)
    if grant.is_money:
        data.update(amount_to_dict(grant.amount))
        data["amount_stated"] = grant.amount is not None or benefit.kind == "investment_share"
    if benefit.kind == "investment_share":
        data.update({"percent": float(benefit.percent or 0), "cap_yuan": benefit.cap_yuan, "up_to": benefit.up_to})
    if benefit.recognition is not None:
        data["recognition"] = benefit.recognition
    if benefit.programme is not None:
        data["programme"] = dict(benefit.programme)
    data["selective"] = grant.selective
    data["one_off"] = benefit.one_off
    if benefit.note is not None:
        data["note"] = dict(benefit.note)
    return data


def reason_to_dict(reason: Reason) -> dict[str, str]:
    return {"zh": reason.zh, "en": reason.en}


def policy_summary(policy: Policy) -> dict[str, Any]:
    """The identity of a policy as listed: id, region, kind, titles, issuer, year, validity and document."""
    return {
        "policy_id": policy.id,
        "region": policy.region,
        "kind": policy.kind,
        "title": dict(policy.title),
        "issuer": dict(policy.issuer),
        "document_number": policy.document_number,
        "year": policy.year,
        "valid_from": policy.valid_from.isoformat() if policy.valid_from else None,
        "valid_to": policy.valid_to.isoformat() if policy.valid_to else None,
    }


def match_to_dict(match: PolicyMatch) -> dict[str, Any]:
    """One match: the policy, its status, what it gives now, what the next level would give, and why not."""
    policy = match.policy
    next_level = None
    if match.facts.level < MAX_LEVEL:
        next_level = {
            "level": match.facts.at_next_level().level,
            "benefits": [grant_to_dict(g) for g in match.next_grants],
            "unlocks": [grant_to_dict(g) for g in match.unlocks],
            "reasons": [reason_to_dict(r) for r in match.next_reasons],
        }
    return {
        **policy_summary(policy),
        "status": match.status,
        "benefits": [grant_to_dict(g) for g in match.grants],
        "next_level": next_level,
        "reasons": [reason_to_dict(r) for r in match.reasons],
        "obligations": [dict(text) for text in policy.obligations],
        "notes": [dict(text) for text in policy.notes],
    }
