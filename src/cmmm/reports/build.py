"""Build the :class:`ReportModel` of one assessment: a pure function of model, result, answers, details, language.

Everything a report shows is decided here, once, in the chosen language: the cover (with the kind of
result and the model's provenance), the determination and its explanation (R12, R13), score tables,
chart data, gaps, the shortest path, the formal-assessment lists and the appendix of every rating.
"""

from __future__ import annotations

from fractions import Fraction

from cmmm.engine.answers import Answers
from cmmm.engine.profile import subdomain_profile
from cmmm.engine.result import Result
from cmmm.errors import Lang
from cmmm.model.schema import Model
from cmmm.reports.enterprise import Enterprise
from cmmm.reports.report_model import (
    DASH,
    Field,
    LevelBar,
    ProfilePoint,
    ReportModel,
    RequirementRow,
    Table,
    number_text,
)
from cmmm.reports.sections import analysis_sections, formal_sections, score_sections
from cmmm.reports.wording import RESULT_KIND_WORDING, WORDING, localize


def build_report(model: Model, result: Result, answers: Answers, enterprise: Enterprise, lang: Lang) -> ReportModel:
    """The whole content of the report; ``answers`` contributes its effort estimates to the shortest path."""
    texts = localize(WORDING, lang)
    places = model.method.display_decimals
    threshold = Fraction(model.method.threshold)
    efforts = None if answers.efforts is None else {k: Fraction(v) for k, v in answers.efforts.items()}
    summary = _summary(model, result, texts, lang)
    sections = (
        *score_sections(model, result, texts, lang),
        *analysis_sections(model, result, efforts, texts, lang),
        *(formal_sections(enterprise, texts) if enterprise.formal else ()),
    )
    return ReportModel(
        lang=lang,
        texts=texts,
        title=texts["title"],
        enterprise_name=enterprise.name,
        model_ref=model.ref,
        provenance=model.provenance.statement[lang],
        cover=cover_fields(model, result, enterprise, texts, lang),
        summary=summary,
        level_name=model.band_name(result.maturity_level, lang),
        level_meaning=summary[-1].value,
        total_score_text=number_text(result.total_score, places),
        notes=_notes(result, lang),
        threshold=float(threshold),
        level_table=level_table(model, result, texts, lang),
        level_bars=level_bars(model, result, lang),
        profile=tuple(
            ProfilePoint(sub.id, sub.name[lang], _float(subdomain_profile(result, threshold, sub.id)))
            for element in model.elements
            for domain in element.domains
            for sub in domain.subdomains
        ),
        profile_max=len(model.levels),
        sections=sections,
        appendix=appendix_rows(model, result, enterprise, lang),
    )


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def cover_fields(
    model: Model, result: Result, enterprise: Enterprise, texts: dict[str, str], lang: Lang
) -> tuple[Field, ...]:
    """The cover: who, what scope, which model (with its hash, R14) and what kind of result."""
    path = next((p.name[lang] for p in model.paths if p.id == result.industry), result.industry)
    separator = "、" if lang == "zh" else ", "
    excluded = separator.join(
        model.index.domains[d].name[lang] for d in result.excluded_domains if d in model.index.domains
    )
    kind = RESULT_KIND_WORDING[enterprise.result_kind][0 if lang == "zh" else 1]
    rows = [
        Field(texts["enterprise"], enterprise.name),
        Field(texts["credit_code"], enterprise.credit_code),
        Field(texts["region"], enterprise.region),
        Field(texts["industry"], enterprise.industry),
        Field(texts["scope"], enterprise.scope),
        Field(texts["report_date"], enterprise.report_date),
        Field(texts["result_kind"], kind),
        Field(texts["path"], path),
        Field(texts["target_level"], str(result.target_level)),
        Field(texts["excluded"], excluded or texts["none"]),
        Field(texts["model"], f"{model.ref}  {model.title[lang]}"),
        Field(texts["model_hash"], model.content_hash),
    ]
    return tuple(row for row in rows if row.value)


def _summary(model: Model, result: Result, texts: dict[str, str], lang: Lang) -> tuple[Field, ...]:
    level = model.level(result.maturity_level)
    if level is not None:
        meaning = level.description[lang]
    else:
        first = model.band_name(1, lang)
        meaning = f"尚未达到{first}的要求。" if lang == "zh" else f"The requirements of {first} are not yet met."
    return (
        Field(texts["total_score"], number_text(result.total_score, model.method.display_decimals)),
        Field(texts["level"], model.band_name(result.maturity_level, lang)),
        Field(texts["level_meaning"], meaning),
    )


def _notes(result: Result, lang: Lang) -> tuple[str, ...]:
    if not result.quirk:
        return ()
    if lang == "zh":
        return (
            f"注意：连续满足 {result.satisfied_levels} 个等级，但按分段表判定为 {result.maturity_level} 级（R13），"
            "以分段表为准。",
        )
    return (
        f"Note: {result.satisfied_levels} consecutive levels are satisfied, but the band table gives level "
        f"{result.maturity_level} (R13); the band table governs.",
    )


def level_table(model: Model, result: Result, texts: dict[str, str], lang: Lang) -> Table:
    places = model.method.display_decimals
    threshold = Fraction(model.method.threshold)
    rows = []
    for lv in result.levels:
        level = model.level(lv.level)
        shortfall = max(Fraction(0), threshold - (lv.score or Fraction(0)))
        rows.append(
            (
                str(lv.level),
                level.name[lang] if level else "",
                number_text(lv.score, places),
                texts["yes"] if lv.satisfied else texts["no"],
                texts["yes"] if lv.counted else texts["no"],
                number_text(shortfall, places) if shortfall else DASH,
            )
        )
    headers = ("level_col", "name_col", "score_col", "satisfied_col", "counted_col", "shortfall_col")
    return Table(tuple(texts[h] for h in headers), tuple(rows), (1, 2, 1, 1, 1, 1))


def level_bars(model: Model, result: Result, lang: Lang) -> tuple[LevelBar, ...]:
    bars = []
    for lv in result.levels:
        level = model.level(lv.level)
        label = f"{lv.level} {level.name[lang]}" if level else str(lv.level)
        text = number_text(lv.score, model.method.display_decimals)
        bars.append(LevelBar(lv.level, label, _float(lv.score), text, lv.satisfied))
    return tuple(bars)


def appendix_rows(model: Model, result: Result, enterprise: Enterprise, lang: Lang) -> tuple[RequirementRow, ...]:
    """Every in-scope requirement in model order, with its rating, evidence count and the assessor's note."""
    rows = []
    ratings = result.ratings
    for element in model.elements:
        for domain in element.domains:
            for sub in domain.subdomains:
                for req in sub.requirements:
                    if req.id not in result.scope_ids:
                        continue
                    grade_id = ratings.get(req.id, "")
                    grade = model.grade(grade_id)
                    rows.append(
                        RequirementRow(
                            requirement_id=req.id,
                            level=req.level,
                            element_id=element.id,
                            domain_id=domain.id,
                            subdomain_id=sub.id,
                            subdomain_name=sub.name[lang],
                            text=req.text_for(result.industry, lang),
                            grade_id=grade_id,
                            grade_label=grade.label[lang] if grade else "",
                            points=None if grade is None or grade.points is None else float(grade.points),
                            evidence_count=enterprise.evidence_count(req.id),
                            note=enterprise.notes.get(req.id, ""),
                        )
                    )
    return tuple(rows)
