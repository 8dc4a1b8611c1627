"""Benchmark of the regional dashboard: seeds N demo enterprises into a scratch SQLite file and a scratch
PostgreSQL schema, folds them into the statistics, then prints the median time of each dashboard query and
of a full /region page render, for a province (Jiangsu, 44.6% of the enterprises) and a city (Suzhou).

Run: .venv/bin/python benchmarks/dashboard.py [--enterprises 500000] [--repeat 5] [--postgres URL]
PostgreSQL is measured when --postgres or CMMM_TEST_POSTGRES_URL gives a server. The goal of issue 7 is
every figure within 1 s on each backend.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from cmmm.app import create_app
from cmmm.services.accounts import create_organization, create_user, load_actor
from cmmm.services.actors import SYSTEM, OrganizationKind, Role
from cmmm.services.benchmarks import Criteria, rank_enterprises, shortlist
from cmmm.services.dashboards import (
    certified_counts,
    grouped_counts,
    level_counts,
    profile_of,
    region_dashboard,
    short_items,
)
from cmmm.services.demand import supplier_demand
from cmmm.services.demo_seed import seed_demo
from cmmm.services.platform import Platform
from cmmm.services.region_policies import region_policies
from cmmm.services.statistics import refresh_statistics
from cmmm.settings import Settings
from cmmm.store.database import upgrade
from cmmm.store.sandbox import postgres_sandbox, sqlite_sandbox

PASSWORD = "benchmark-password-2026"
REGIONS = ("320000", "320500")


def median_seconds(action: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def prepare(engine: Engine, enterprises: int) -> tuple[Platform, dict[str, float]]:
    upgrade(engine)
    platform = Platform.on(engine)
    setup: dict[str, float] = {}
    started = time.perf_counter()
    seed_demo(platform, SYSTEM, enterprises, progress=lambda done: _progress("seeded", done, enterprises))
    setup["seed"] = time.perf_counter() - started
    started = time.perf_counter()
    refresh_statistics(platform)
    setup["fold into statistics"] = time.perf_counter() - started
    started = time.perf_counter()
    with engine.begin() as connection:  # what autovacuum (PostgreSQL) or a periodic ANALYZE (SQLite) would do
        connection.execute(text("ANALYZE"))
    setup["analyze"] = time.perf_counter() - started
    for region in REGIONS:
        department = create_organization(platform, SYSTEM, OrganizationKind.department, f"部门 {region}", region)
        create_user(platform, SYSTEM, f"official-{region}", PASSWORD, [Role.government_official], department)
    supplier = create_organization(platform, SYSTEM, OrganizationKind.supplier, "供应商", None)
    create_user(platform, SYSTEM, "supplier", PASSWORD, [Role.supplier_viewer], supplier)
    return platform, setup


def _progress(what: str, done: int, total: int) -> None:
    if done % 50000 < 2000 or done == total:
        print(f"  {what} {done}/{total}", file=sys.stderr, flush=True)


def signed_in(platform: Platform, username: str, folder: Path) -> TestClient:
    client = TestClient(create_app(Settings(database_url="sqlite://", data_dir=folder), platform))
    page = client.get("/login")
    marker = 'name="csrf_token" value="'
    start = page.text.index(marker) + len(marker)
    token = page.text[start : page.text.index('"', start)]
    response = client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return client


def measurements(platform: Platform, region: str, folder: Path) -> Iterator[tuple[str, Callable[[], Any]]]:
    official = load_actor(platform, f"official-{region}")
    supplier = load_actor(platform, "supplier")
    today = platform.today()

    def query(function: Callable[..., Any], *args: Any) -> Callable[[], Any]:
        def run() -> Any:
            with platform.db() as session:
                return function(session, *args)

        return run

    yield "levels (self-declared)", query(level_counts, region)
    yield "levels (certified)", query(certified_counts, region, today)
    for by in ("subregion", "industry", "size", "year"):
        yield f"by {by} and level", query(grouped_counts, region, by)
    yield "sub-domain profile", query(profile_of, "region", region)
    yield "national profile", query(profile_of, "all", "000000")
    yield "one level short: sub-domains", query(short_items, region, 3, "short:")
    yield "one level short: requirements", query(short_items, region, 3, "unmet:", 15)
    yield "whole dashboard (service)", lambda: region_dashboard(platform, official)
    yield "benchmark ranking (top 50)", lambda: rank_enterprises(platform, official, Criteria())
    yield "benchmark shortlist", lambda: shortlist(platform, official, Criteria(), "benchmark")
    yield "budget exposure and targets", lambda: region_policies(platform, official)
    yield "supplier demand", lambda: supplier_demand(platform, supplier, "region", region)
    client = signed_in(platform, f"official-{region}", folder)
    yield "/region page render", lambda: _ok(client.get("/region"))
    yield "/api/v1/region/dashboard (JSON)", lambda: _ok(client.get("/api/v1/region/dashboard"))
    yield "/region/export.xlsx", lambda: _ok(client.get("/region/export.xlsx"))
    yield "/region/benchmarks page", lambda: _ok(client.get("/region/benchmarks"))


def _ok(response: Any) -> None:
    assert response.status_code == 200, response.status_code


def run_backend(name: str, sandbox: AbstractContextManager[Engine], enterprises: int, repeat: int) -> None:
    with sandbox as engine, tempfile.TemporaryDirectory() as folder:
        platform, setup = prepare(engine, enterprises)
        print(f"\n{name}: {enterprises} enterprises")
        for step, seconds in setup.items():
            print(f"  setup: {step:<30} {seconds:8.1f} s")
        for region in REGIONS:
            print(f"  region {region}")
            for label, action in measurements(platform, region, Path(folder)):
                action()  # warm caches (the first request pays for compiling queries and templates)
                print(f"    {label:<34} {1000 * median_seconds(action, repeat):8.1f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres", default=os.environ.get("CMMM_TEST_POSTGRES_URL"))
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as scratch:
            run_backend("SQLite", sqlite_sandbox(Path(scratch)), args.enterprises, args.repeat)
    if args.postgres:
        run_backend("PostgreSQL", postgres_sandbox(args.postgres), args.enterprises, args.repeat)
    else:
        print("\nPostgreSQL: skipped (no --postgres URL and CMMM_TEST_POSTGRES_URL is not set)")


if __name__ == "__main__":
    main()
