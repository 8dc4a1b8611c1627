"""Readable text for policy matches: amounts in 万元 (zh) or yuan (en), one block per policy.

Ranges stay ranges ("50 万–100 万元"), "up to" amounts say so, and selective (择优) benefits are marked, so
that the terminal shows exactly what the JSON output carries.
"""

from __future__ import annotations

from cmmm.cli.output import Language, say
from cmmm.codes.regions import full_name
from cmmm.engine.policy_match import Grant, PolicyMatch, YuanRange
from cmmm.model.policy_schema import Policy

STATUS_LABELS = {
    "qualifies": ("符合", "qualifies"),
    "next_level": ("升一级可获", "next level"),
    "not_qualified": ("不符合", "not qualified"),
}
KIND_LABELS = {
    "award": ("奖励", "award"),
    "investment_share": ("按投资比例补助", "share of investment"),
    "recognition": ("认定", "recognition"),
    "eligibility": ("申报资格", "eligibility"),
    "support": ("支持", "support"),
}
RECOGNITION_LABELS = {"benchmark": ("标杆企业", "benchmark enterprise"), "demonstration": ("示范企业", "demonstration")}


def yuan(value: int, lang: Language) -> str:
    """200万 reads better than 2000000 in Chinese; English keeps yuan with thousands separators."""
    if lang == Language.zh:
        return f"{value // 10000} 万" if value % 10000 == 0 and value else f"{value:,}"
    return f"{value:,}"


def amount_text(amount: YuanRange | None, lang: Language) -> str:
    if amount is None:
        return say(lang, "金额未写明", "amount not stated")
    unit = say(lang, "元", " yuan")
    if amount.exact:
        return f"{yuan(amount.max_yuan, lang)}{unit}"
    if amount.min_yuan == 0:
        return say(lang, f"最高 {yuan(amount.max_yuan, lang)}元", f"up to {yuan(amount.max_yuan, lang)} yuan")
    return f"{yuan(amount.min_yuan, lang)}–{yuan(amount.max_yuan, lang)}{unit}"


def grant_text(grant: Grant, lang: Language) -> str:
    benefit = grant.benefit
    zh, en = KIND_LABELS[benefit.kind]
    parts = [say(lang, zh, en)]
    if grant.is_money:
        parts.append(amount_text(grant.amount, lang))
    if benefit.recognition is not None:
        parts.append(say(lang, *RECOGNITION_LABELS[benefit.recognition]))
    if benefit.programme is not None:
        parts.append(benefit.programme[lang.value])
    elif benefit.description is not None and benefit.kind == "support":
        parts.append(benefit.description[lang.value])
    tags = []
    if benefit.per_level:
        tags.append(say(lang, f"（{grant.level} 级）", f"(level {grant.level})"))
    if grant.selective:
        tags.append(say(lang, "（择优，非必然）", "(may be selected, not automatic)"))
    if benefit.one_off:
        tags.append(say(lang, "（一次性）", "(one-off)"))
    return " ".join(parts) + say(lang, "".join(tags), "".join(f" {tag}" for tag in tags))


def policy_heading(policy: Policy, lang: Language) -> str:
    return f"{policy.id}  {full_name(policy.region, lang.value)} {policy.region}  {policy.title[lang.value]}"


def match_text(match: PolicyMatch, lang: Language) -> str:
    zh, en = STATUS_LABELS[match.status]
    lines = [f"[{say(lang, zh, en)}] {policy_heading(match.policy, lang)}"]
    lines.extend(say(lang, "  现在：", "  now: ") + grant_text(g, lang) for g in match.grants)
    next_level = match.facts.at_next_level().level
    lines.extend(
        say(lang, f"  达到 {next_level} 级：", f"  at level {next_level}: ") + grant_text(g, lang)
        for g in match.unlocks
    )
    lines.extend(say(lang, "  未满足：", "  unmet: ") + reason.text(lang.value) for reason in match.reasons)
    lines.extend(
        say(lang, f"  {next_level} 级时仍需：", f"  at level {next_level} still needs: ") + reason.text(lang.value)
        for reason in match.next_reasons
    )
    lines.extend(say(lang, "  义务：", "  obligation: ") + text[lang.value] for text in match.policy.obligations)
    return "\n".join(lines)
