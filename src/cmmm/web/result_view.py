"""What a results page shows of one scored assessment, in the reader's language: the determination,
the level scores, the sub-domain radar, the gaps and the shortest path, with clause texts from the model."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from markupsafe import Markup

from cmmm.engine.display import display_number
from cmmm.engine.profile import subdomain_profile
from cmmm.engine.result import Result
from cmmm.engine.serialize import result_to_dict
from cmmm.model.schema import Model
from cmmm.web.charts import level_bars_svg, radar_svg
from cmmm.web.i18n import Lang, gettext_for


@dataclass(frozen=True)
class ClauseLine:
    requirement_id: str
    subdomain: str
    level: int
    grade: str
    impact: float | None
    text: str
    question: str


@dataclass(frozen=True)
class ResultView:
    data: dict[str, Any]
    level: int
    level_name: str
    level_meaning: str
    total_score: float | None
    level_rows: list[dict[str, Any]]
    radar: Markup
    bars: Markup
    profile_rows: list[tuple[str, float | None]]
    blockers: list[ClauseLine]
    path: list[ClauseLine]
    path_target: int | None
    path_reachable: bool
    quirk: bool
    provenance: str


def _clause(model: Model, lang: Lang, item: dict[str, Any], grade_key: str) -> ClauseLine:
    requirement = model.index.requirements[item["requirement_id"]]
    sub = model.index.subdomains[item["subdomain_id"]]
    grade = model.grade(item[grade_key])
    return ClauseLine(
        requirement_id=requirement.id,
        subdomain=sub.name[lang],
        level=requirement.level,
        grade=grade.label[lang] if grade else item[grade_key],
        impact=item.get("impact"),
        text=requirement.text[lang],
        question=requirement.question[lang],
    )


def result_view(model: Model, result: Result, lang: Lang) -> ResultView:
    data = result_to_dict(model, result, lang=lang)
    _ = gettext_for(lang)
    threshold = Fraction(model.method.threshold)
    places = model.method.display_decimals
    spokes = [
        (sub.name[lang], display_number(subdomain_profile(result, threshold, sub.id), places))
        for sub in model.index.subdomains.values()
    ]
    names = {level.number: level.name[lang] for level in model.levels}
    level_rows = [
        {"level": lv["level"], "name": names.get(lv["level"], ""), "score": lv["score"], "satisfied": lv["satisfied"],
         "counted": lv["counted"]}
        for lv in data["levels"]
    ]  # fmt: skip
    path = data.get("shortest_path") or {}
    level = model.level(result.maturity_level)
    return ResultView(
        data=data,
        level=result.maturity_level,
        level_name=data["level_name"],
        level_meaning=level.description[lang]
        if level
        else _("Below level 1: the basics of level 1 are not yet in place."),
        total_score=data["total_score"],
        level_rows=level_rows,
        radar=radar_svg(_("Sub-domain maturity profile"), spokes),
        bars=level_bars_svg(
            _("Level scores"),
            [(str(row["level"]), row["score"]) for row in level_rows],
            float(model.method.threshold),
        ),
        profile_rows=spokes,
        blockers=[_clause(model, lang, b, "grade") for b in data["explanation"]["blockers"][:20]],
        path=[_clause(model, lang, s, "from") for s in path.get("steps", [])],
        path_target=path.get("target_level"),
        path_reachable=bool(path.get("reachable")),
        quirk=bool(data["explanation"]["quirk"]),
        provenance=model.provenance.statement[lang],
    )
