"""`cmmm score --jsonl` on several processes: the same output, in input order, as scoring in process."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from cmmm.cli import batch_scoring
from cmmm.cli.batch_scoring import score_lines
from cmmm.model.loader import default_model

GRADES = ["full", "largely", "partly", "none", "na"]


def write_batch(path: Path, count: int, seed: int) -> list[str]:
    """``count`` answers of the bundled model, every seventh line broken in a different way, some blank."""
    rng = random.Random(seed)
    ids = list(default_model().index.requirements)
    lines = []
    for i in range(count):
        ratings = {rid: rng.choice(GRADES) for rid in ids}
        record: dict[str, object] = {"id": f"a{i}", "industry": rng.choice(["discrete", "process"]),
                                     "target_level": rng.randint(1, 5), "ratings": ratings}  # fmt: skip
        if i % 7 == 3:
            del ratings[ids[i % len(ids)]]
        lines.append(json.dumps(record) if i % 11 != 5 else "{not json")
        if i % 13 == 0:
            lines.append("   ")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def run(path: Path, workers: int) -> tuple[list[dict[str, object]], int]:
    out = io.StringIO()
    failures = score_lines(path, "en", full=False, workers=workers, out=out)
    return [json.loads(line) for line in out.getvalue().splitlines()], failures


def test_workers_give_the_same_results_in_input_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_scoring, "CHUNK_LINES", 9)  # many chunks, so that order across workers is tested
    path = tmp_path / "batch.jsonl"
    lines = write_batch(path, 60, seed=5)
    alone, failures_alone = run(path, workers=1)
    together, failures_together = run(path, workers=2)
    assert together == alone
    assert failures_together == failures_alone == sum(1 for record in alone if "error" in record)
    assert len(alone) == sum(1 for line in lines if line.strip())
    ids = [record["id"] for record in alone if "id" in record]
    assert ids == sorted(ids, key=lambda text: int(str(text)[1:]))


def test_error_lines_keep_their_line_numbers_across_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_scoring, "CHUNK_LINES", 4)
    path = tmp_path / "batch.jsonl"
    lines = write_batch(path, 30, seed=8)
    records, _ = run(path, workers=2)
    broken = [number for number, line in enumerate(lines, start=1) if line.startswith("{not")]
    assert [record["line"] for record in records if "line" in record and "id" not in record] == broken
    missing = next(record for record in records if record.get("id") == "a3")
    assert missing["line"] == next(n for n, line in enumerate(lines, start=1) if '"id": "a3"' in line)
    assert "has no rating" in json.dumps(missing["error"])


def test_a_grade_that_is_not_a_string_is_reported_where_it_is(tmp_path: Path) -> None:
    ids = list(default_model().index.requirements)
    record = {"industry": "discrete", "target_level": 5, "ratings": dict.fromkeys(ids, "full")}
    record["ratings"][ids[7]] = 1  # type: ignore[index]
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (result,), failures = run(path, workers=1)
    assert failures == 1
    assert result["error"]["problems"] == [  # type: ignore[index]
        {"location": f"ratings.{ids[7]}", "message": "unknown grade 1 (one of: full, largely, partly, none, na)"}
    ]


def test_a_reader_that_stops_early_gets_no_error_message(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    write_batch(path, 1200, seed=2)
    command = [sys.executable, "-m", "cmmm", "score", "--jsonl", str(path), "--workers", "2"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        errors = process.stderr.read().decode("utf-8")
        status = process.wait(timeout=60)
    assert json.loads(first)["id"] == "a0"
    assert status == 1
    assert errors == ""
