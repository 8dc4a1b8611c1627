"""Benchmark of report rendering: a full PDF and a full Word report of the bundled model, all levels rated.

Run: .venv/bin/python benchmarks/reports.py [--repeat 5]
Prints medians of wall-clock time, after one warm-up run that pays for imports and font loading; the goal
of issue 6 is a full PDF report in under 2 s. Charts are cached by content (the PDF and the Word report of
one assessment share them), so the report timings are given twice: the first rendering of an assessment,
which draws its charts, and a second one (another format, or a download again), which reuses them.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from cmmm.engine.answers import Answers
from cmmm.engine.scoring import score
from cmmm.model.loader import default_model
from cmmm.reports.build import build_report
from cmmm.reports.charts import clear_chart_cache, level_bars_png, radar_png
from cmmm.reports.docx_renderer import render_docx
from cmmm.reports.enterprise import Enterprise, EvidenceItem, Person
from cmmm.reports.pdf import render_pdf
from cmmm.reports.ratings_workbook import render_xlsx
from cmmm.reports.report_model import ReportModel

GRADES = ["full", "largely", "partly", "none", "na"]
GOAL_SECONDS = 2.0
"""Issue 6: a full PDF report in under 2 s."""


def full_report() -> ReportModel:
    """Every requirement of levels 1-5 rated, a formal assessment with evidence: the largest report there is."""
    model = default_model()
    rng = random.Random(6)
    ratings = {rid: rng.choices(GRADES, [0.5, 0.3, 0.1, 0.05, 0.05])[0] for rid in model.index.requirements}
    answers = Answers(industry="discrete", target_level=5, ratings=ratings)
    evidence = tuple(
        EvidenceItem(f"E{i:03d}", f"证据材料 {i}", (rid,)) for i, rid in enumerate(list(ratings)[:60], start=1)
    )
    enterprise = Enterprise(
        name="示例精密制造有限公司",
        credit_code="91310000MA1FL0000X",
        scope="全厂",
        result_kind="reviewed",
        assessors=(Person("张三", "主任评估师"), Person("李四", "评估师")),
        reviewers=(Person("王五", "专家委员会"),),
        evidence=evidence,
    )
    return build_report(model, score(model, answers), answers, enterprise, "zh")


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    action()  # warm-up: imports, fonts, templates
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def drawn(action: Callable[[], object]) -> Callable[[], object]:
    """The action with the chart cache emptied first, as for the first report of an assessment."""

    def run() -> object:
        clear_chart_cache()
        return action()

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    report = full_report()
    print(f"requirements in the appendix: {len(report.appendix)}")
    model = default_model()
    rng = random.Random(6)
    ratings = {rid: rng.choice(GRADES[:4]) for rid in model.index.requirements}
    answers = Answers(industry="discrete", target_level=5, ratings=ratings)
    texts = report.texts
    goal = f"goal < {GOAL_SECONDS:g} s"
    timings: dict[str, tuple[Callable[[], object], str]] = {
        "build the report model": (
            lambda: build_report(model, score(model, answers), answers, Enterprise(), "zh"),
            "",
        ),
        "charts (radar + level bars)": (
            drawn(
                lambda: (
                    radar_png(report.profile, report.profile_max, texts["radar_title"]),
                    level_bars_png(report.level_bars, report.threshold, texts["bars_title"], texts["threshold"]),
                )
            ),
            "",
        ),
        "full PDF report": (drawn(lambda: render_pdf(report)), goal),
        "full PDF report, charts cached": (lambda: render_pdf(report), goal),
        "full Word report": (drawn(lambda: render_docx(report)), ""),
        "full Word report, charts cached": (lambda: render_docx(report), ""),
        "Excel export": (lambda: render_xlsx(report), ""),
    }
    for name, (action, target) in timings.items():
        seconds = median_seconds(action, args.repeat)
        verdict = f"  ({target}: {'met' if seconds < GOAL_SECONDS else 'MISSED'})" if target else ""
        print(f"{name:32s} median {seconds:6.2f} s{verdict}")


if __name__ == "__main__":
    main()
