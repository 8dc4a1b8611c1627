"""Keeping the dashboards' statistics: each enterprise's latest self-assessment as a standing, and sums of the
standings per district, industry division, size class and the whole country.

Self-assessments are folded in by id order from a mark, so a refresh reads only what is new; an enterprise's
newer self-assessment replaces its standing, and its old contributions are subtracted from the sums. Region
codes follow GB/T 2260, so "a region and everything below it" is a range of codes that an index answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, insert, select, text, true
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import InstrumentedAttribute, Session

from cmmm.engine.profile import subdomain_profiles
from cmmm.engine.result import Result
from cmmm.engine.scoring import score
from cmmm.model.schema import Model
from cmmm.services.platform import Platform
from cmmm.services.self_assessment import answers_from_data
from cmmm.store.assessments import SelfAssessment
from cmmm.store.organizations import Enterprise, Organization
from cmmm.store.statistics import EnterpriseStanding, StandingTotal, StatisticsMark

MARK = "self_assessments"
BATCH = 5000
NATIONAL = "000000"
TOP_LEVEL = 5
UNMET_GRADES = frozenset({"none", "partly"})
Key = tuple[str, str, int, str]
Source = tuple[SelfAssessment, Enterprise, str | None]


def region_prefix(code: str) -> str:
    """The code prefix shared by a region and everything below it: 32 for 320000, 3205 for 320500."""
    if code == NATIONAL:
        return ""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def region_range(column: InstrumentedAttribute[str] | Any, code: str) -> ColumnElement[bool]:
    """``column`` lies in region ``code`` or below: a range of codes (not LIKE) so that an index is used."""
    prefix = region_prefix(code)
    if not prefix:
        return true()
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


@dataclass(frozen=True)
class Standing:
    enterprise_id: int
    self_assessment_id: int
    level: int
    score: float
    profile: dict[str, float | None]
    unmet: list[str]


def standing_of(model: Model, record: SelfAssessment) -> Standing:
    """Rescores the stored answers (a bulk-seeded record keeps only a summary) to get the sub-domain profile."""
    result = score(model, answers_from_data(record.answers))
    level = result.maturity_level
    requirements = model.index.requirements
    unmet = [] if level >= TOP_LEVEL else sorted(
        rid
        for rid, grade in record.answers.get("ratings", {}).items()
        if grade in UNMET_GRADES and rid in requirements and requirements[rid].level == level + 1
    )  # fmt: skip
    return Standing(record.enterprise_id, record.id, level, float(result.total_score), profile_of(model, result), unmet)


def profile_of(model: Model, result: Result) -> dict[str, float | None]:
    """Every sub-domain's maturity score (:func:`cmmm.engine.profile.subdomain_profile`, exact), as floats:
    the dashboards only average them."""
    exact = subdomain_profiles(result, Fraction(model.method.threshold), model.index.subdomains)
    return {sub: None if value is None else float(value) for sub, value in exact.items()}


def contributions(row: EnterpriseStanding) -> Iterator[tuple[Key, float]]:
    """What one standing adds to the sums: its count and score and its profile in every group; the sub-domains
    short of its next level per district; the clauses unmet at its next level per district and industry; and
    its count per district crossed with industry, size, year and 规上, so that a region's breakdowns read a few
    thousand sums whatever the number of enterprises."""
    counted: list[tuple[str, float]] = [("count", row.score)]
    counted.extend((f"profile:{sub}", value) for sub, value in row.profile.items() if value is not None)
    unmet = [(f"unmet:{rid}", 0.0) for rid in row.unmet]
    short: list[tuple[str, float]] = []
    if row.level < TOP_LEVEL:
        short = [
            (f"short:{sub}", 0.0) for sub, value in row.profile.items() if value is not None and value < row.level + 1
        ]
    count = counted[:1]
    groups = (
        ("region", row.region_code, [*counted, *short, *unmet]),
        ("industry", row.industry_division, [*counted, *unmet]),
        ("size", row.size_class, counted),
        ("all", NATIONAL, counted),
        ("region_industry", f"{row.region_code}:{row.industry_division}", count),
        ("region_size", f"{row.region_code}:{row.size_class}", count),
        ("region_year", f"{row.region_code}:{row.assessed_at.year}", count),
        ("region_above", f"{row.region_code}:{int(row.above_designated_size)}", count),
    )
    for dimension, key, items in groups:
        for item, total in items:
            yield (dimension, key, row.level, item), total


def refresh_statistics(platform: Platform, batch: int = BATCH) -> int:
    """Fold every self-assessment recorded since the last refresh into the standings and sums."""
    folded = 0
    models: dict[str, Model] = {}
    while True:
        with platform.db.begin() as session:
            mark = session.get(StatisticsMark, MARK, with_for_update=True)  # one refresher at a time
            start = mark.value if mark else 0
            query = (
                select(SelfAssessment, Enterprise, Organization.region_code)
                .join(Enterprise, Enterprise.organization_id == SelfAssessment.enterprise_id)
                .join(Organization, Organization.id == SelfAssessment.enterprise_id)
                .where(SelfAssessment.id > start)
                .order_by(SelfAssessment.id)
                .limit(batch)
            )
            rows: list[Source] = [(record, enterprise, code) for record, enterprise, code in session.execute(query)]
            if not rows:
                return folded
            _fold(platform, session, rows, models)
            last = max(row[0].id for row in rows)
            if mark is None:
                session.add(StatisticsMark(name=MARK, value=last))
            else:
                mark.value = last
        folded += len(rows)


def _fold(
    platform: Platform,
    session: Session,
    rows: Sequence[Source],
    models: dict[str, Model],
) -> None:
    latest: dict[int, Source] = {}
    for row in rows:
        record = row[0]
        known = latest.get(record.enterprise_id)
        if known is None or (record.created_at, record.id) >= (known[0].created_at, known[0].id):
            latest[record.enterprise_id] = row
    existing = {
        s.enterprise_id: s
        for s in session.scalars(select(EnterpriseStanding).where(EnterpriseStanding.enterprise_id.in_(list(latest))))
    }
    deltas: dict[Key, list[float]] = defaultdict(lambda: [0, 0.0])
    replaced: list[int] = []
    added: list[EnterpriseStanding] = []
    for enterprise_id, row in latest.items():
        record, enterprise, region_code = row[0], row[1], row[2]
        old = existing.get(enterprise_id)
        if old is not None and old.assessed_at > record.created_at:
            continue
        ref = f"{record.model_id}@{record.model_version}"
        model = models.get(ref) or models.setdefault(ref, platform.models(ref))
        if old is not None:
            for key, total in contributions(old):
                deltas[key][0] -= 1
                deltas[key][1] -= total
            replaced.append(enterprise_id)
        new = _standing_row(standing_of(model, record), record, enterprise, region_code)
        added.append(new)
        for key, total in contributions(new):
            deltas[key][0] += 1
            deltas[key][1] += total
    connection = session.connection()
    if replaced:
        connection.execute(delete(EnterpriseStanding).where(EnterpriseStanding.enterprise_id.in_(replaced)))
    if added:
        columns = [column.key for column in EnterpriseStanding.__table__.columns]
        connection.execute(insert(EnterpriseStanding), [{c: getattr(new, c) for c in columns} for new in added])
    _apply(session, deltas)


def _standing_row(
    standing: Standing, record: SelfAssessment, enterprise: Enterprise, region_code: str | None
) -> EnterpriseStanding:
    return EnterpriseStanding(
        enterprise_id=standing.enterprise_id,
        self_assessment_id=standing.self_assessment_id,
        assessed_at=record.created_at,
        region_code=region_code or NATIONAL,
        industry_division=enterprise.industry_code.lstrip("C")[:2],
        size_class=enterprise.size_class,
        above_designated_size=enterprise.above_designated_size,
        level=standing.level,
        score=standing.score,
        profile=standing.profile,
        unmet=standing.unmet,
    )


POSTGRES_UPSERT = text(
    "INSERT INTO standing_totals (dimension, key, level, item, enterprises, total) "
    "SELECT * FROM unnest(CAST(:dimension AS varchar[]), CAST(:key AS varchar[]), CAST(:level AS integer[]), "
    "CAST(:item AS varchar[]), CAST(:enterprises AS integer[]), CAST(:total AS double precision[])) "
    "ON CONFLICT (dimension, key, level, item) DO UPDATE SET "
    "enterprises = standing_totals.enterprises + excluded.enterprises, total = standing_totals.total + excluded.total"
)
"""One statement per chunk on PostgreSQL (arrays unnested): an executemany of 100,000 upserts takes seconds."""


def _apply(session: Session, deltas: dict[Key, list[float]]) -> None:
    """Add the deltas to the sums with upserts (INSERT ... ON CONFLICT DO UPDATE)."""
    rows = [(*k, int(d[0]), d[1]) for k, d in deltas.items() if d[0] or d[1]]
    if not rows:
        return
    connection = session.connection()
    names = ("dimension", "key", "level", "item", "enterprises", "total")
    if connection.dialect.name == "postgresql":
        for start in range(0, len(rows), 50000):
            chunk = rows[start : start + 50000]
            connection.execute(POSTGRES_UPSERT, {name: [row[i] for row in chunk] for i, name in enumerate(names)})
        return
    statement = sqlite.insert(StandingTotal)
    statement = statement.on_conflict_do_update(
        index_elements=list(names[:4]),
        set_={
            "enterprises": StandingTotal.enterprises + statement.excluded.enterprises,
            "total": StandingTotal.total + statement.excluded.total,
        },
    )
    dicts = [dict(zip(names, row, strict=True)) for row in rows]
    for start in range(0, len(dicts), 5000):
        connection.execute(statement, dicts[start : start + 5000])
