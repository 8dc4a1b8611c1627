"""Keeping the dashboards' statistics: each enterprise's latest self-assessment as a standing, and sums of the
standings per district, industry division, size class and the whole country.

Self-assessments are folded in by id order from a mark, so a refresh reads only what is new; an enterprise's
newer self-assessment replaces its standing, and its old contributions are subtracted from the sums. Region
codes follow GB/T 2260, so "a region and everything below it" is a range of codes that an index answers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, delete, insert, select, text, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from cmmm.engine.profile import subdomain_profile_ratios
from cmmm.engine.result import Result
from cmmm.engine.scoring import score
from cmmm.model.schema import Model
from cmmm.services.platform import Platform
from cmmm.services.self_assessment import answers_from_data
from cmmm.store.assessments import SelfAssessment
from cmmm.store.organizations import Enterprise, Organization
from cmmm.store.statistics import SELF_ASSESSMENT_MARK, EnterpriseStanding, StatisticsMark, hold_self_assessment_mark

MARK = SELF_ASSESSMENT_MARK
BATCH = 5000
NATIONAL = "000000"
TOP_LEVEL = 5
UNMET_GRADES = frozenset({"none", "partly"})
Key = tuple[str, str, int, str]
Source = Row[Any]
"""A self-assessment with what its standing needs of its enterprise: the columns of :data:`SOURCE_COLUMNS`."""
SOURCE_COLUMNS = (
    SelfAssessment.id,
    SelfAssessment.enterprise_id,
    SelfAssessment.created_at,
    SelfAssessment.model_id,
    SelfAssessment.model_version,
    SelfAssessment.answers,
    Enterprise.industry_code,
    Enterprise.size_class,
    Enterprise.above_designated_size,
    Organization.region_code,
)
"""Columns rather than ORM objects: folding reads every self-assessment, and loading entities costs more than
scoring them."""


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


def standing_of(model: Model, record: SelfAssessment | Row[Any]) -> Standing:
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
    exact = subdomain_profile_ratios(result, Fraction(model.method.threshold), model.index.subdomains)
    return {sub: None if value is None else value[0] / value[1] for sub, value in exact.items()}


def contributions(row: EnterpriseStanding) -> tuple[list[Key], list[tuple[Key, float]]]:
    """What one standing adds to the sums: the keys it counts in, and the totals it adds to some of them.

    It counts, with its score and profile as totals, in its district, industry, size class and the country; the
    sub-domains short of its next level count per district, the clauses unmet at its next level per district
    and industry; and it counts per district crossed with industry, size, year and 规上, so that a region's
    breakdowns read a few thousand sums whatever the number of enterprises.
    """
    level = row.level
    valued: list[tuple[str, float]] = [("count", row.score)]
    valued.extend((f"profile:{sub}", value) for sub, value in row.profile.items() if value is not None)
    unmet = [f"unmet:{rid}" for rid in row.unmet]
    short = (
        [f"short:{sub}" for sub, value in row.profile.items() if value is not None and value < level + 1]
        if level < TOP_LEVEL
        else []
    )
    region = row.region_code
    groups = (("region", region), ("industry", row.industry_division), ("size", row.size_class), ("all", NATIONAL))
    totals = [((dimension, key, level, item), value) for dimension, key in groups for item, value in valued]
    keys = [key for key, _ in totals]
    keys.extend(("region", region, level, item) for item in (*short, *unmet))
    keys.extend(("industry", row.industry_division, level, item) for item in unmet)
    keys.extend(
        (dimension, f"{region}:{key}", level, "count")
        for dimension, key in (
            ("region_industry", row.industry_division),
            ("region_size", row.size_class),
            ("region_year", row.assessed_at.year),
            ("region_above", int(row.above_designated_size)),
        )
    )
    return keys, totals


class Deltas:
    """Changes to the sums from one fold: counts per key (a Counter, updated in C) and totals per key."""

    def __init__(self) -> None:
        self.counts: Counter[Key] = Counter()
        self.totals: defaultdict[Key, float] = defaultdict(float)

    def add(self, row: EnterpriseStanding) -> None:
        keys, totals = contributions(row)
        self.counts.update(keys)
        for key, value in totals:
            self.totals[key] += value

    def remove(self, row: EnterpriseStanding) -> None:
        keys, totals = contributions(row)
        self.counts.subtract(keys)
        for key, value in totals:
            self.totals[key] -= value

    def rows(self) -> list[tuple[str, str, int, str, int, float]]:
        """(dimension, key, level, item, enterprises, total) for every sum that changes (a key with a total is
        always counted too: :func:`contributions` lists it among the keys)."""
        totals = self.totals
        return [(*key, count, totals.get(key, 0.0)) for key, count in self.counts.items() if count or totals.get(key)]


def refresh_statistics(platform: Platform, batch: int = BATCH) -> int:
    """Fold every self-assessment recorded since the last refresh into the standings and sums."""
    folded = 0
    models: dict[str, Model] = {}
    while True:
        with platform.db.begin() as session:
            mark = hold_self_assessment_mark(session, shared=False)  # one refresher at a time
            start = mark.value if mark else 0
            query = (
                select(*SOURCE_COLUMNS)
                .join(Enterprise, Enterprise.organization_id == SelfAssessment.enterprise_id)
                .join(Organization, Organization.id == SelfAssessment.enterprise_id)
                .where(SelfAssessment.id > start)
                .order_by(SelfAssessment.id)
                .limit(batch)
            )
            rows: list[Source] = list(session.execute(query))
            if not rows:
                return folded
            _fold(platform, session, rows, models)
            last = max(row.id for row in rows)
            if mark is None:
                session.add(StatisticsMark(name=MARK, value=last))
            else:
                mark.value = last
        folded += len(rows)


def restate_enterprise(session: Session, enterprise: Enterprise, region_code: str | None) -> bool:
    """Move an enterprise's standing, and its contributions to the sums, to its current region, industry, size
    class and 规上 after they were edited; call it in the transaction that edits them. Returns whether the
    enterprise had a standing. Holds the fold mark's lock, so that no fold runs with the old attributes."""
    hold_self_assessment_mark(session, shared=False)
    standing = session.get(EnterpriseStanding, enterprise.organization_id, with_for_update=True)
    if standing is None:
        return False
    deltas = Deltas()
    deltas.remove(standing)
    standing.region_code = region_code or NATIONAL
    standing.industry_division = enterprise.industry_code.lstrip("C")[:2]
    standing.size_class = enterprise.size_class
    standing.above_designated_size = enterprise.above_designated_size
    deltas.add(standing)
    session.flush()
    _apply(session, deltas)
    return True


def expected_totals(standings: Iterable[EnterpriseStanding]) -> dict[Key, tuple[int, float]]:
    """The sums as folding every standing from scratch would give them (for checks and repairs)."""
    deltas = Deltas()
    for standing in standings:
        deltas.add(standing)
    return {(d, k, lv, item): (count, total) for d, k, lv, item, count, total in deltas.rows() if count}


def _fold(
    platform: Platform,
    session: Session,
    rows: Sequence[Source],
    models: dict[str, Model],
) -> None:
    latest: dict[int, Source] = {}
    for row in rows:
        known = latest.get(row.enterprise_id)
        if known is None or (row.created_at, row.id) >= (known.created_at, known.id):
            latest[row.enterprise_id] = row
    existing = {
        s.enterprise_id: s
        for s in session.scalars(select(EnterpriseStanding).where(EnterpriseStanding.enterprise_id.in_(list(latest))))
    }
    deltas = Deltas()
    replaced: list[int] = []
    added: list[EnterpriseStanding] = []
    for enterprise_id, row in latest.items():
        old = existing.get(enterprise_id)
        if old is not None and old.assessed_at > row.created_at:
            continue
        ref = f"{row.model_id}@{row.model_version}"
        model = models.get(ref) or models.setdefault(ref, platform.models(ref))
        if old is not None:
            deltas.remove(old)
            replaced.append(enterprise_id)
        new = _standing_row(standing_of(model, row), row)
        added.append(new)
        deltas.add(new)
    connection = session.connection()
    if replaced:
        connection.execute(delete(EnterpriseStanding).where(EnterpriseStanding.enterprise_id.in_(replaced)))
    if added:
        columns = [column.key for column in EnterpriseStanding.__table__.columns]
        connection.execute(insert(EnterpriseStanding), [{c: getattr(new, c) for c in columns} for new in added])
    _apply(session, deltas)


def _standing_row(standing: Standing, row: Source) -> EnterpriseStanding:
    return EnterpriseStanding(
        enterprise_id=standing.enterprise_id,
        self_assessment_id=standing.self_assessment_id,
        assessed_at=row.created_at,
        region_code=row.region_code or NATIONAL,
        industry_division=row.industry_code.lstrip("C")[:2],
        size_class=row.size_class,
        above_designated_size=row.above_designated_size,
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


SQLITE_UPSERT = (
    "INSERT INTO standing_totals (dimension, key, level, item, enterprises, total) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (dimension, key, level, item) DO UPDATE SET "
    "enterprises = enterprises + excluded.enterprises, total = total + excluded.total"
)
"""Plain parameter tuples through the driver: building SQLAlchemy parameters for every sum costs more than
the upsert itself."""


def _apply(session: Session, deltas: Deltas) -> None:
    """Add the deltas to the sums with upserts (INSERT ... ON CONFLICT DO UPDATE)."""
    rows = deltas.rows()
    if not rows:
        return
    connection = session.connection()
    names = ("dimension", "key", "level", "item", "enterprises", "total")
    if connection.dialect.name == "postgresql":
        for start in range(0, len(rows), 50000):
            chunk = rows[start : start + 50000]
            connection.execute(POSTGRES_UPSERT, {name: [row[i] for row in chunk] for i, name in enumerate(names)})
        return
    for start in range(0, len(rows), 50000):
        connection.exec_driver_sql(SQLITE_UPSERT, rows[start : start + 50000])
