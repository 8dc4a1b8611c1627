"""The localized :class:`ComparisonReport` of a :class:`Comparison`, for the PDF and Word renderers.

Pure: comparison, model, results, enterprise details and language in; display strings out. Rows keep the
model's order so that before and after read side by side.
"""

from __future__ import annotations

from fractions import Fraction

from cmmm.engine.result import Result
from cmmm.errors import Lang
from cmmm.model.schema import Model
from cmmm.reports.build import cover_fields, level_bars
from cmmm.reports.comparison import Change, Comparison
from cmmm.reports.enterprise import Enterprise
from cmmm.reports.report_model import ComparisonReport, Section, Table, number_text
from cmmm.reports.wording import WORDING, localize


def _row(label: tuple[str, ...], change: Change, places: int) -> tuple[str, ...]:
    return (
        *label,
        number_text(change.before, places),
        number_text(change.after, places),
        number_text(change.delta, places, signed=True),
    )


def _change_headers(texts: dict[str, str], *first: str) -> tuple[str, ...]:
    return (*(texts[key] for key in first), texts["before"], texts["after"], texts["delta"])


def build_comparison_report(
    model: Model, comparison: Comparison, before: Result, after: Result, enterprise: Enterprise, lang: Lang
) -> ComparisonReport:
    texts = localize(WORDING, lang)
    places = model.method.display_decimals
    cover = cover_fields(model, after, enterprise, texts, lang)
    return ComparisonReport(
        lang=lang,
        texts=texts,
        title=texts["comparison_title"],
        enterprise_name=enterprise.name,
        model_ref=model.ref,
        provenance=model.provenance.statement[lang],
        cover=cover,
        threshold=float(Fraction(model.method.threshold)),
        before_bars=level_bars(model, before, lang),
        after_bars=level_bars(model, after, lang),
        sections=(
            _summary_section(model, comparison, texts, lang),
            _unit_section(model, comparison, texts, lang, places),
            *_detail_sections(model, comparison, texts, lang, places),
        ),
    )


def _summary_section(model: Model, comparison: Comparison, texts: dict[str, str], lang: Lang) -> Section:
    places = model.method.display_decimals
    rows = (
        _row((texts["total_score"],), comparison.total, places),
        (
            texts["level"],
            model.band_name(comparison.level_before, lang),
            model.band_name(comparison.level_after, lang),
            f"{comparison.level_after - comparison.level_before:+d}",
        ),
    )
    return Section(
        texts["comparison_summary"],
        (),
        Table(("", texts["before"], texts["after"], texts["delta"]), rows, (3, 2, 2, 1)),
    )


def _unit_section(model: Model, comparison: Comparison, texts: dict[str, str], lang: Lang, places: int) -> Section:
    rows = []
    for number, change in comparison.levels.items():
        level = model.level(number)
        rows.append(_row((f"S{number} {level.name[lang] if level else ''}",), change, places))
    return Section(
        texts["comparison_levels"], (), Table(_change_headers(texts, "level_col"), tuple(rows), (3, 2, 2, 1))
    )


def _detail_sections(
    model: Model, comparison: Comparison, texts: dict[str, str], lang: Lang, places: int
) -> tuple[Section, ...]:
    index = model.index
    elements = tuple(_row((index.elements[e].name[lang],), c, places) for e, c in comparison.elements.items())
    domains = tuple(_row((index.domains[d].name[lang],), c, places) for d, c in comparison.domains.items())
    subdomains = tuple(
        _row((index.domains[index.domain_of_subdomain[s]].name[lang], index.subdomains[s].name[lang]), c, places)
        for s, c in comparison.subdomains.items()
    )
    changes = tuple(
        (
            g.requirement_id,
            index.requirements[g.requirement_id].text[lang],
            _grade(model, g.before, texts, lang),
            _grade(model, g.after, texts, lang),
        )
        for g in comparison.grade_changes
    )
    return (
        Section(
            texts["comparison_elements"],
            (texts["comparison_note"],),
            Table(_change_headers(texts, "element_col"), elements, (3, 2, 2, 1)),
        ),
        Section(texts["comparison_domains"], (), Table(_change_headers(texts, "domain_col"), domains, (3, 2, 2, 1))),
        Section(
            texts["comparison_subdomains"],
            (),
            Table(_change_headers(texts, "domain_col", "subdomain_col"), subdomains, (3, 3, 2, 2, 1)),
        ),
        Section(
            texts["comparison_changes"],
            () if changes else (texts["no_changes"],),
            Table(
                (texts["requirement_col"], texts["clause_col"], texts["before"], texts["after"]), changes, (2, 8, 2, 2)
            ),
        ),
    )


def _grade(model: Model, grade_id: str | None, texts: dict[str, str], lang: Lang) -> str:
    if grade_id is None:
        return texts["not_rated"]
    grade = model.grade(grade_id)
    return grade.label[lang] if grade else grade_id
