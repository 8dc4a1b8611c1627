"""The body sections of an assessment report: score tables, the explanation (R12), gaps, path, formal lists.

Each section is a title, paragraphs and an optional table of display strings, so the PDF and Word
renderers lay out the same content without knowing what it means.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from cmmm.engine.explanation import Blocker, explain, gap_to
from cmmm.engine.profile import subdomain_profile
from cmmm.engine.result import Result
from cmmm.engine.shortest_path import shortest_path
from cmmm.errors import Lang, TargetUnreachable
from cmmm.model.schema import Model
from cmmm.reports.enterprise import Enterprise, Person
from cmmm.reports.report_model import Section, Table, number_text

TOP_BLOCKERS = 10
"""The explanation names the largest blockers; the gap section lists all of them."""


def _level_headers(result: Result) -> tuple[str, ...]:
    return tuple(f"S{lv.level}" for lv in result.levels)


def score_sections(model: Model, result: Result, texts: dict[str, str], lang: Lang) -> tuple[Section, ...]:
    """Element and domain scores per level (R5, R7) and the sub-domain maturity profile behind the radar."""
    places = model.method.display_decimals
    threshold = Fraction(model.method.threshold)
    levels = _level_headers(result)
    elements = [
        (element.name[lang], *(number_text(lv.element_scores.get(element.id), places) for lv in result.levels))
        for element in model.elements
        if any(domain.id in result.weights for domain in element.domains)
    ]
    domains = []
    subdomains = []
    for element in model.elements:
        for domain in element.domains:
            if domain.id not in result.weights:
                continue
            weight = number_text(result.weights[domain.id], 3)
            scores = (number_text(lv.domain_scores.get(domain.id), places) for lv in result.levels)
            domains.append((element.name[lang], domain.name[lang], weight, *scores))
            for sub in domain.subdomains:
                profile = subdomain_profile(result, threshold, sub.id)
                sub_scores = (number_text(lv.subdomain_scores.get(sub.id), places) for lv in result.levels)
                subdomains.append((domain.name[lang], sub.name[lang], *sub_scores, number_text(profile, places)))
    n = len(levels)
    return (
        Section(texts["element_scores"], (), Table((texts["element_col"], *levels), tuple(elements), (3, *[1] * n))),
        Section(
            texts["domain_scores"],
            (),
            Table(
                (texts["element_col"], texts["domain_col"], texts["weight_col"], *levels),
                tuple(domains),
                (2, 3, 1, *[1] * n),
            ),
        ),
        Section(
            texts["profile"],
            (texts["profile_note"],),
            Table(
                (texts["domain_col"], texts["subdomain_col"], *levels, texts["maturity_col"]),
                tuple(subdomains),
                (3, 3, *[1] * n, 2),
            ),
        ),
    )


def _blocker_table(
    model: Model, result: Result, blockers: Iterable[Blocker], texts: dict[str, str], lang: Lang
) -> Table:
    places = model.method.display_decimals
    rows = []
    for b in blockers:
        grade = model.grade(b.grade)
        text = model.index.requirements[b.requirement_id].text_for(result.industry, lang)
        rows.append(
            (
                b.requirement_id,
                text,
                grade.label[lang] if grade else b.grade,
                number_text(b.impact, places, signed=True),
            )
        )
    headers = ("requirement_col", "clause_col", "grade_col", "impact_col")
    return Table(tuple(texts[h] for h in headers), tuple(rows), (3.2, 9, 2.2, 1.4))


def explanation_paragraphs(model: Model, result: Result, lang: Lang) -> tuple[str, ...]:
    """R9, R10, R12 in words: which levels count, which one stops the sum, which band the total falls in."""
    places = model.method.display_decimals
    counted = result.levels[: result.counted_levels]
    terms = " + ".join(f"S{lv.level}" for lv in counted)
    values = " + ".join(number_text(lv.score, places) for lv in counted)
    total = number_text(result.total_score, places)
    threshold = number_text(Fraction(model.method.threshold), places)
    band = model.band_name(result.maturity_level, lang)
    first = result.first_unsatisfied_level
    if lang == "zh":
        lines = [f"成熟度得分 S = {terms} = {values} = {total}。"]
        if first is not None:
            score = number_text(result.level_result(first).score, places)
            lines.append(f"第 {first} 级等级得分 {score} 低于满足阈值 {threshold}，累加止于该级，更高等级不计入总分。")
        else:
            lines.append(f"第 1 至 {result.target_level} 级均满足（等级得分不低于 {threshold}）。")
        lines.append(f"按分段表，得分 {total} 判定为{band}。")
        return tuple(lines)
    lines = [f"Maturity score S = {terms} = {values} = {total}."]
    if first is not None:
        score = number_text(result.level_result(first).score, places)
        lines.append(f"Level {first} scores {score}, below the threshold {threshold}; the sum stops there.")
    else:
        lines.append(f"Levels 1 to {result.target_level} are all satisfied (scores of at least {threshold}).")
    lines.append(f"By the band table, a score of {total} gives {band}.")
    return tuple(lines)


def analysis_sections(
    model: Model, result: Result, efforts: dict[str, Fraction] | None, texts: dict[str, str], lang: Lang
) -> tuple[Section, ...]:
    explanation = explain(model, result)
    paragraphs = explanation_paragraphs(model, result, lang)
    blockers = None
    level = explanation.first_unsatisfied_level
    if level is not None:
        shown = explanation.blockers[:TOP_BLOCKERS]
        paragraphs = (*paragraphs, _blockers_head(model, level, len(explanation.blockers), len(shown), lang))
        blockers = _blocker_table(model, result, shown, texts, lang)
    sections = [Section(texts["explanation"], paragraphs, blockers)]
    target = result.maturity_level + 1
    if target <= result.target_level:
        sections.append(_gap_section(model, result, target, texts, lang))
        sections.append(_path_section(model, result, target, efforts, texts, lang))
    return tuple(sections)


def _top_grade_label(model: Model, lang: Lang) -> str:
    return max((g for g in model.method.grades if g.points is not None), key=lambda g: g.points or 0).label[lang]


def _blockers_head(model: Model, level: int, total: int, shown: int, lang: Lang) -> str:
    top = _top_grade_label(model, lang)
    if lang == "zh":
        return (
            f"制约第 {level} 级的要求共 {total} 项，以下为影响最大的 {shown} 项"
            f"（影响 = 提升为“{top}”后该级等级得分的增加）："
        )
    return (
        f"{total} requirement(s) hold level {level} back; the {shown} largest "
        f"(impact = rise of the level score if raised to '{top}'):"
    )


def _gap_section(model: Model, result: Result, target: int, texts: dict[str, str], lang: Lang) -> Section:
    gap = gap_to(model, result, target)
    needed = number_text(gap.score_needed, model.method.display_decimals)
    levels = "、".join(str(lv.level) for lv in gap.levels) or texts["none"]
    if lang == "zh":
        text = f"达到 {target} 级尚差成熟度得分 {needed}；未满足的等级：{levels}。下表按能力子域列出制约要求。"
    else:
        text = f"Reaching level {target} needs {needed} more maturity score; unsatisfied levels: {levels}."
    blockers = [b for items in gap.by_subdomain.values() for b in items]
    return Section(texts["gaps"], (text,), _blocker_table(model, result, blockers, texts, lang))


def _path_section(
    model: Model, result: Result, target: int, efforts: dict[str, Fraction] | None, texts: dict[str, str], lang: Lang
) -> Section:
    try:
        path = shortest_path(model, result, target, efforts)
    except TargetUnreachable as error:
        return Section(texts["path_section"], (error.zh if lang == "zh" else error.en,))
    top = _top_grade_label(model, lang)
    if lang == "zh":
        text = f"将下列 {len(path.steps)} 项要求提升为“{top}”即可达到 {target} 级。"
    else:
        text = f"Raising these {len(path.steps)} requirement(s) to '{top}' reaches level {target}."
    rows = []
    for step in path.steps:
        before = model.grade(step.from_grade)
        rows.append(
            (
                step.requirement_id,
                model.index.requirements[step.requirement_id].text_for(result.industry, lang),
                before.label[lang] if before else step.from_grade,
                number_text(step.impact, model.method.display_decimals, signed=True),
            )
        )
    headers = ("requirement_col", "clause_col", "grade_col", "impact_col")
    return Section(
        texts["path_section"], (text,), Table(tuple(texts[h] for h in headers), tuple(rows), (3.2, 9, 2.2, 1.4))
    )


def _people_table(people: tuple[Person, ...], texts: dict[str, str]) -> Table:
    headers = (texts["name_col"], texts["role_col"], texts["organization_col"])
    return Table(headers, tuple((p.name, p.role, p.organization) for p in people), (2, 2, 3))


def formal_sections(enterprise: Enterprise, texts: dict[str, str]) -> tuple[Section, ...]:
    """A formal assessment names its team and reviewers and indexes its evidence."""
    evidence = Table(
        tuple(
            texts[h]
            for h in ("evidence_id_col", "evidence_title_col", "evidence_location_col", "evidence_requirements_col")
        ),
        tuple((e.id, e.title, e.location, ", ".join(e.requirements)) for e in enterprise.evidence),
        (1, 4, 2, 3),
    )
    return (
        Section(
            texts["assessors"],
            () if enterprise.assessors else (texts["none"],),
            _people_table(enterprise.assessors, texts),
        ),
        Section(
            texts["reviewers"],
            () if enterprise.reviewers else (texts["none"],),
            _people_table(enterprise.reviewers, texts),
        ),
        Section(texts["evidence_index"], () if enterprise.evidence else (texts["none"],), evidence),
    )
