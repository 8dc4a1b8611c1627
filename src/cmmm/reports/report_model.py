"""What a report shows, as plain frozen values: texts already in the chosen language, numbers rounded.

Renderers (PDF, Word, Excel) only lay these values out, so that every format says the same thing and a
test can check the content without opening a file. The body is a sequence of generic :class:`Section`
values (a title, paragraphs, an optional table), which the comparison report reuses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from cmmm.engine.display import round_half_up
from cmmm.errors import Lang

DASH = "—"


def number_text(value: Fraction | None, places: int, signed: bool = False) -> str:
    """A score rounded half-up for display (R11); an absent score shows as a dash, never as zero."""
    if value is None:
        return DASH
    rounded: Decimal = round_half_up(value, places)
    return f"{rounded:+}" if signed else str(rounded)


@dataclass(frozen=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    """Relative column widths; PDF tables use a fixed layout, which keeps long CJK tables fast to lay out."""


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class LevelBar:
    """One bar of the level-score chart."""

    level: int
    label: str
    score: float | None
    score_text: str
    """Rounded half-up like every other score of the report (R11), not by float formatting."""
    satisfied: bool


@dataclass(frozen=True)
class ProfilePoint:
    """One spoke of the radar: a sub-domain's maturity score on the 0-5 scale (see profile.py)."""

    subdomain_id: str
    name: str
    score: float | None


@dataclass(frozen=True)
class RequirementRow:
    """One line of the appendix and of the Excel export."""

    requirement_id: str
    level: int
    element_id: str
    domain_id: str
    subdomain_id: str
    subdomain_name: str
    text: str
    grade_id: str
    grade_label: str
    points: float | None
    evidence_count: int
    note: str


@dataclass(frozen=True)
class ReportModel:
    lang: Lang
    texts: Mapping[str, str]
    title: str
    enterprise_name: str
    model_ref: str
    provenance: str
    cover: tuple[Field, ...]
    summary: tuple[Field, ...]
    level_name: str
    level_meaning: str
    total_score_text: str
    notes: tuple[str, ...]
    """Remarks the reader must not miss, such as the R13 quirk."""
    threshold: float
    level_table: Table
    level_bars: tuple[LevelBar, ...]
    profile: tuple[ProfilePoint, ...]
    profile_max: int
    sections: tuple[Section, ...]
    appendix: tuple[RequirementRow, ...]


@dataclass(frozen=True)
class ComparisonReport:
    lang: Lang
    texts: Mapping[str, str]
    title: str
    enterprise_name: str
    model_ref: str
    provenance: str
    cover: tuple[Field, ...]
    threshold: float
    before_bars: tuple[LevelBar, ...]
    after_bars: tuple[LevelBar, ...]
    sections: tuple[Section, ...]


def appendix_table(report: ReportModel) -> Table:
    """The appendix as a display table (the Excel export writes the same rows with ids and raw values)."""
    t = report.texts
    headers = (
        "requirement_col",
        "level_col",
        "subdomain_col",
        "clause_col",
        "grade_col",
        "points_col",
        "evidence_col",
        "notes_col",
    )
    rows = tuple(
        (
            row.requirement_id,
            str(row.level),
            row.subdomain_name,
            row.text,
            row.grade_label,
            DASH if row.points is None else f"{row.points:g}",
            str(row.evidence_count),
            row.note,
        )
        for row in report.appendix
    )
    return Table(tuple(t[h] for h in headers), rows, (3, 1, 3, 10, 3, 1.5, 1.5, 4))
