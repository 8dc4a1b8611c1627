"""Benchmark of the scoring engine: one full assessment, and batch scoring against merely parsing.

Run: .venv/bin/python benchmarks/engine.py [--count 20000] [--repeat 3]
Prints medians; the goal of issue 2 is batch scoring within 2x of parsing the same file.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cmmm.cli.answers_io import parse_answers_text
from cmmm.cli.batch_scoring import default_workers
from cmmm.cli.score_command import score_batch
from cmmm.engine.answers import Answers
from cmmm.engine.scoring import score
from cmmm.engine.serialize import result_to_dict
from cmmm.model.loader import default_model

GRADES = ["full", "largely", "partly", "none", "na"]


def generated_answers(rng: random.Random, index: int) -> dict[str, object]:
    model = default_model()
    quality = rng.random()
    weights = [0.2 + quality, 0.4, 0.3, 0.2 * (1 - quality), 0.02]
    ratings = {rid: rng.choices(GRADES, weights)[0] for rid in model.index.requirements}
    return {"id": index, "industry": rng.choice(["discrete", "process"]), "target_level": 5, "ratings": ratings}


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def parse_only(path: Path) -> None:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            parse_answers_text(line, f"line {number}")


def batch_score(path: Path, workers: int) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        score_batch(path, "zh", full=False, workers=workers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    model = default_model()
    rng = random.Random(2020)
    one = generated_answers(rng, 0)
    answers = Answers(str(one["industry"]), 5, one["ratings"])  # type: ignore[arg-type]
    single = median_seconds(lambda: score(model, answers), 200)
    full = median_seconds(lambda: result_to_dict(model, score(model, answers)), 20)
    print(f"model: {model.ref}, {len(model.index.requirements)} requirements")
    print(f"score one full assessment (levels 1-5):         median {single * 1000:8.3f} ms")
    print(f"score + explanation, gaps, shortest path (JSON): median {full * 1000:8.3f} ms")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "batch.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for i in range(args.count):
                handle.write(json.dumps(generated_answers(rng, i)) + "\n")
        size = path.stat().st_size / 1e6
        workers = default_workers()
        parses: list[float] = []
        batches: dict[int, list[float]] = {1: [], workers: []}
        for _ in range(args.repeat):  # interleaved, so that machine noise hits all alike
            parses.append(median_seconds(lambda: parse_only(path), 1))
            for count, times in batches.items():
                times.append(median_seconds(lambda: batch_score(path, count), 1))  # noqa: B023
        command = [sys.executable, "-m", "cmmm", "score", "--jsonl", str(path)]
        end_to_end = median_seconds(lambda: subprocess.run(command, stdout=subprocess.DEVNULL, check=False), 1)
    parse = statistics.median(parses)
    print(f"batch file: {args.count} assessments, {size:.1f} MB; {workers} CPU core(s)")
    print(f"parse only (json, as the CLI parses): median {parse:7.2f} s  ({args.count / parse:9.0f} lines/s)")
    for count, times in batches.items():
        batch = statistics.median(times)
        ratio = statistics.median(b / p for b, p in zip(times, parses, strict=True))
        print(
            f"score --jsonl --workers {count}, in process: median {batch:7.2f} s  ({args.count / batch:9.0f} lines/s)"
            f"  ratio to parse {ratio:.2f}x (goal: <= 2x)"
        )
    print(f"cmmm score --jsonl as a command (start-up and model load included, default workers): {end_to_end:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
