"""One line per benefit of a policy, for the list an official edits from: what kind of benefit, and how much
(per level, a range, up to, a share of investment), so that the list says what each policy gives without
opening it."""

from __future__ import annotations

from collections.abc import Callable

from cmmm.errors import Lang
from cmmm.model.policy_schema import Benefit, Policy, Target, Tier
from cmmm.web.i18n import gettext_for


def _kinds(_: Callable[..., str]) -> dict[str, str]:
    return {
        "award": _("Award"),
        "investment_share": _("Share of investment"),
        "recognition": _("Recognition"),
        "eligibility": _("Eligibility"),
        "support": _("Support"),
        "benchmark": _("benchmark enterprise"),
        "demonstration": _("demonstration enterprise"),
    }


def _money(amount: int | None, low: int | None, high: int | None, _: Callable[..., str]) -> str:
    if amount is not None:
        return f"{amount:,}"
    if high is not None:
        return f"{low:,}–{high:,}" if low else _("up to {amount}", amount=f"{high:,}")
    return _("amount not stated")


def _tier(tier: Tier, _: Callable[..., str]) -> str:
    return _("level {n}", n=tier.level) + " " + _money(tier.amount_yuan, tier.min_yuan, tier.max_yuan, _)


def _share(benefit: Benefit, _: Callable[..., str]) -> str:
    cap = f"{benefit.cap_yuan:,}" if benefit.cap_yuan is not None else "-"
    if benefit.up_to:
        return _("up to {percent}% of the investment, at most {cap}", percent=benefit.percent, cap=cap)
    return _("{percent}% of the investment, at most {cap}", percent=benefit.percent, cap=cap)


def _detail(benefit: Benefit, lang: Lang, _: Callable[..., str]) -> str | None:
    """The amount or object of the benefit; None when only its kind can be said."""
    if benefit.per_level:
        return "; ".join(_tier(tier, _) for tier in benefit.per_level)
    if benefit.kind == "award":
        return _money(benefit.amount_yuan, benefit.min_yuan, benefit.max_yuan, _)
    if benefit.kind == "investment_share" and benefit.percent is not None:
        return _share(benefit, _)
    if benefit.recognition is not None:
        return _kinds(_)[benefit.recognition]
    text = benefit.programme or benefit.description
    return text[lang] if text is not None else None


def _benefit(benefit: Benefit, lang: Lang, _: Callable[..., str]) -> str:
    head = _kinds(_)[benefit.kind]
    detail = _detail(benefit, lang, _)
    return head if detail is None else f"{head}: {detail}"


def _target(target: Target, _: Callable[..., str]) -> str:
    return _(
        "Target: {count} enterprises at level {low} or above by {year}",
        count=target.count,
        low=target.min_level,
        year=target.by_year,
    )


def benefit_summary(policy: Policy, lang: Lang) -> list[str]:
    """What the policy gives, one line per benefit, target or provider rule."""
    _ = gettext_for(lang)
    lines = [_benefit(benefit, lang, _) for benefit in policy.benefits]
    lines += [_target(target, _) for target in policy.targets]
    lines += [rule.description[lang] for rule in policy.provider_rules]
    return lines
