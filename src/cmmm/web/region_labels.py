"""Names shown for the codes the dashboards group by (regions, industry divisions, size classes, sub-domains
and requirements), in the reader's language; an unknown code shows as itself rather than failing a page."""

from __future__ import annotations

from cmmm.codes.industries import industry
from cmmm.codes.regions import full_name, region
from cmmm.errors import CmmmError, Lang
from cmmm.model.schema import Model

SIZE_NAMES = {
    "large": ("大型", "large"),
    "medium": ("中型", "medium"),
    "small": ("小型", "small"),
    "micro": ("微型", "micro"),
}
KIND_NAMES = {"benchmark": ("标杆企业", "benchmark"), "demonstration": ("示范企业", "demonstration")}


def region_label(code: str, lang: Lang, full: bool = False) -> str:
    try:
        return full_name(code, lang) if full else region(code).name(lang)
    except CmmmError:
        return code


def industry_label(code: str, lang: Lang) -> str:
    try:
        return industry(code).name(lang)
    except CmmmError:
        return code


def size_label(code: str, lang: Lang) -> str:
    zh, en = SIZE_NAMES.get(code, (code, code))
    return zh if lang == "zh" else en


def kind_label(kind: str, lang: Lang) -> str:
    zh, en = KIND_NAMES.get(kind, (kind, kind))
    return zh if lang == "zh" else en


def subdomain_label(model: Model, sub_id: str, lang: Lang) -> str:
    sub = model.index.subdomains.get(sub_id)
    return sub.name[lang] if sub is not None else sub_id


def requirement_label(model: Model, requirement_id: str, lang: Lang) -> str:
    found = model.index.requirements.get(requirement_id)
    return f"{requirement_id} {found.text[lang]}" if found is not None else requirement_id


def label_for(dimension: str, key: str, lang: Lang) -> str:
    if dimension == "industry":
        return industry_label(key, lang)
    if dimension == "size":
        return size_label(key, lang)
    return region_label(key, lang, full=True)
