"""An official's figures as JSON: the regional dashboard, benchmarks (ranking, shortlist, recognitions) and what
the policies mean for the region (budget exposure, target progress).

The same services as the pages answer, so the same checks apply: the region asked for must be the official's or
lie below it (403 otherwise), and recording a recognition is for officials within their region. Scores and
profiles are rounded to the model's display decimals; amounts are whole yuan; dates are ISO.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from starlette.requests import Request

from cmmm.api.security import CsrfChecked
from cmmm.engine.policy_budget import BudgetExposure, Exposure, TargetProgress
from cmmm.errors import Lang
from cmmm.services.benchmarks import (
    Criteria,
    Ranked,
    RecognitionView,
    list_recognitions,
    rank_enterprises,
    record_recognition,
    shortlist,
)
from cmmm.services.dashboards import Counts, RegionDashboard, ShortItem, region_dashboard
from cmmm.services.platform import Platform
from cmmm.services.region_policies import RegionPolicies, region_policies
from cmmm.web.deps import CurrentActor, PlatformDep
from cmmm.web.region_labels import (
    industry_label,
    kind_label,
    region_label,
    requirement_label,
    size_label,
    subdomain_label,
)
from cmmm.web.rendering import request_language

router = APIRouter(prefix="/region", tags=["region"])

RegionCode = Annotated[str | None, Query(pattern=r"^[0-9]{6}$", description="行政区划代码; the official's by default")]
Kind = Literal["benchmark", "demonstration"]


def rounded(value: float | None, places: int) -> float | None:
    """A score or a mean profile value as shown (the model's display decimals)."""
    return None if value is None else round(value, places)


def localized(text: dict[str, str] | None, lang: Lang) -> str | None:
    """A policy's localized text in the reader's language, else its first language."""
    if not text:
        return None
    return text.get(lang) or next(iter(text.values()))


def by_level(counts: dict[int, int]) -> dict[str, int]:
    return {str(level): count for level, count in sorted(counts.items())}


def groups(counts: Counts, name: Any, lang: Lang) -> list[dict[str, Any]]:
    """Each group's code, name, total and enterprises per level (self-declared results)."""
    return [
        {"code": code, "name": name(code, lang), "enterprises": sum(levels.values()), "by_level": by_level(levels)}
        for code, levels in counts.items()
    ]


def dashboard_data(platform: Platform, dashboard: RegionDashboard, lang: Lang) -> dict[str, Any]:
    model = platform.models(None)
    places = model.method.display_decimals
    subs = list(dict.fromkeys([*model.index.subdomains, *dashboard.profile, *dashboard.national_profile]))

    def short(items: list[ShortItem], label: Any) -> list[dict[str, Any]]:
        return [{"id": s.item, "name": label(model, s.item, lang), "enterprises": s.enterprises} for s in items]

    return {
        "region_code": dashboard.region_code,
        "region_name": region_label(dashboard.region_code, lang, full=True),
        "target_level": dashboard.target_level,
        "self_declared": {"enterprises": dashboard.enterprises, "by_level": by_level(dashboard.by_level)},
        "certified": {"enterprises": dashboard.certified, "by_level": by_level(dashboard.certified_by_level)},
        "by_subregion": groups(dashboard.by_subregion, region_label, lang),
        "by_industry": groups(dashboard.by_industry, industry_label, lang),
        "by_size": groups(dashboard.by_size, size_label, lang),
        "by_year": groups(dashboard.by_year, lambda code, _: code, lang),
        "profile": [
            {"subdomain_id": sub, "name": subdomain_label(model, sub, lang),
             "region": rounded(dashboard.profile.get(sub), places),
             "national": rounded(dashboard.national_profile.get(sub), places)}
            for sub in subs
        ],
        "one_level_short": {
            "level": dashboard.target_level - 1,
            "enterprises": dashboard.one_short,
            "subdomains": short(dashboard.short_subdomains, subdomain_label),
            "requirements": short(dashboard.short_requirements, requirement_label),
            "closest": [
                {"enterprise_id": n.enterprise_id, "name": n.name, "region_code": n.region_code,
                 "score": rounded(n.score, places), "short_subdomains": list(n.short)}
                for n in dashboard.near_misses
            ],
        },
    }  # fmt: skip


@router.get("/dashboard", summary="The regional dashboard (地区看板) of the official's region or one below it")
def dashboard(
    request: Request,
    platform: PlatformDep,
    actor: CurrentActor,
    region: RegionCode = None,
    target: Annotated[int, Query(ge=1, le=5, description="the level whose near-misses are analysed")] = 3,
) -> dict[str, Any]:
    found = region_dashboard(platform, actor, region, target)
    return dashboard_data(platform, found, request_language(request))


def ranked_data(rows: list[Ranked], places: int, lang: Lang) -> list[dict[str, Any]]:
    return [
        {"rank": r.rank, "enterprise_id": r.enterprise_id, "name": r.name, "region_code": r.region_code,
         "region_name": region_label(r.region_code, lang), "industry_division": r.industry_division,
         "size_class": r.size_class, "level": r.level, "score": rounded(r.score, places),
         "certified_level": r.certified_level, "recognitions": list(r.recognitions)}
        for r in rows
    ]  # fmt: skip


@router.get("/benchmarks", summary="Benchmarks (树标杆): the ranking and the shortlist for a recognition")
def benchmarks(
    request: Request,
    platform: PlatformDep,
    actor: CurrentActor,
    region: RegionCode = None,
    industry: Annotated[str | None, Query(pattern=r"^[0-9]{2}$", description="GB/T 4754 division")] = None,
    size: Annotated[Literal["large", "medium", "small", "micro"] | None, Query()] = None,
    min_level: Annotated[int, Query(ge=0, le=5)] = 1,
    above_size: Annotated[bool, Query(description="规上 enterprises only")] = False,
    certified: Annotated[bool, Query(description="enterprises with a valid certificate only")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    kind: Kind = "benchmark",
) -> dict[str, Any]:
    criteria = Criteria(
        region_code=region, industry_division=industry, size_class=size, min_level=min_level,
        above_designated_size=above_size, certified_only=certified, limit=limit,
    )  # fmt: skip
    lang = request_language(request)
    places = platform.models(None).method.display_decimals
    ranking = rank_enterprises(platform, actor, criteria)
    return {
        "criteria": {**criteria.__dict__, "kind": kind, "kind_name": kind_label(kind, lang)},
        "ranking": ranked_data(ranking, places, lang),
        "shortlist": ranked_data(shortlist(platform, actor, criteria, kind), places, lang),
    }


def recognition_data(recognition: RecognitionView, lang: Lang) -> dict[str, Any]:
    return {
        "id": recognition.id,
        "enterprise_id": recognition.enterprise_id,
        "name": recognition.name,
        "kind": recognition.kind,
        "kind_name": kind_label(recognition.kind, lang),
        "recognized_on": recognition.recognized_on.isoformat(),
        "note": recognition.note,
    }


@router.get("/recognitions", summary="Recognitions (标杆/示范) of the region's enterprises, latest first")
def recognitions(
    request: Request, platform: PlatformDep, actor: CurrentActor, region: RegionCode = None
) -> list[dict[str, Any]]:
    lang = request_language(request)
    return [recognition_data(r, lang) for r in list_recognitions(platform, actor, region)]


class RecognitionIn(BaseModel):
    enterprise_id: int = Field(gt=0)
    kind: Kind
    recognized_on: date
    note: str = Field(default="", max_length=2000)


@router.post("/recognitions", status_code=201, summary="Record a recognition of an enterprise of the region")
def new_recognition(
    request: Request, platform: PlatformDep, actor: CurrentActor, _: CsrfChecked, recognition: RecognitionIn
) -> dict[str, Any]:
    record_id = record_recognition(
        platform, actor, recognition.enterprise_id, recognition.kind, recognition.recognized_on, recognition.note
    )
    return {
        "id": record_id,
        "enterprise_id": recognition.enterprise_id,
        "kind": recognition.kind,
        "kind_name": kind_label(recognition.kind, request_language(request)),
        "recognized_on": recognition.recognized_on.isoformat(),
        "note": recognition.note.strip(),
    }


def exposure_data(exposure: Exposure) -> dict[str, int]:
    total = exposure.total
    return {"enterprises": exposure.enterprises, "min_yuan": total.min_yuan, "max_yuan": total.max_yuan,
            "unquantified": exposure.unquantified}  # fmt: skip


def budget_data(budget: BudgetExposure, lang: Lang) -> dict[str, Any]:
    return {
        "policies": [
            {"policy_id": row.policy.id, "title": localized(row.policy.title, lang),
             "now": exposure_data(row.current), "next_level": exposure_data(row.next_level)}
            for row in budget.policies
        ],
        "total": {"now": exposure_data(budget.current), "next_level": exposure_data(budget.next_level)},
    }  # fmt: skip


def progress_data(progress: TargetProgress) -> dict[str, Any]:
    return {"actual": progress.actual, "remaining": progress.remaining, "reached": progress.reached,
            "share": round(float(progress.share), 4)}  # fmt: skip


def policies_data(view: RegionPolicies, lang: Lang) -> dict[str, Any]:
    targets = [
        {"policy_id": item.policy.id, "title": localized(item.policy.title, lang),
         "min_level": mine.target.min_level, "max_level": mine.target.max_level, "count": mine.target.count,
         "by_year": mine.target.by_year, "description": localized(mine.target.description, lang),
         "self_declared": progress_data(declared), "certified": progress_data(mine)}
        for item in view.targets
        for mine, declared in zip(item.certified, item.self_declared, strict=True)
    ]  # fmt: skip
    return {
        "region_code": view.region_code,
        "region_name": region_label(view.region_code, lang, full=True),
        "budget_exposure": {
            "self_declared": budget_data(view.self_declared, lang),
            "certified": budget_data(view.certified, lang),
        },
        "targets": targets,
    }


@router.get("/policies", summary="Budget exposure now and at the next level, and progress towards the targets")
def policies(request: Request, platform: PlatformDep, actor: CurrentActor, region: RegionCode = None) -> dict[str, Any]:
    return policies_data(region_policies(platform, actor, region), request_language(request))
