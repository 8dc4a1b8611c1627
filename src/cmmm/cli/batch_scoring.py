"""``cmmm score --jsonl``: score a JSON Lines batch, in order, on every core.

Scoring one line costs about as much as parsing it, so one process cannot go faster than about twice the
parse time; the batch is therefore cut into chunks of lines that worker processes parse and score while this
process reads ahead and writes the results in input order. Only a bounded number of chunks is in flight, so
memory stays flat on files of any size. A batch that fits in one chunk, or ``--workers 1``, runs in process.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from cmmm.cli.answers_io import ModelCache, parse_answers_text, score_data
from cmmm.errors import CmmmError

CHUNK_LINES = 500
"""Lines per task: large enough that sending a chunk costs little next to scoring it."""

MAX_WORKERS = 8

Chunk = tuple[int, list[str]]
"""The number of its first line and the lines of one task."""


def default_workers() -> int:
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def score_lines(path: Path, lang: str, full: bool, workers: int | None = None, out: TextIO | None = None) -> int:
    """Write one result per input line to ``out``, in order; returns how many lines failed.

    Raises OSError when the input cannot be read.
    """
    out = sys.stdout if out is None else out
    chunks = _chunks(_lines(path), CHUNK_LINES)
    head = list(islice(chunks, 2))
    count = default_workers() if workers is None else max(1, workers)
    if count == 1 or len(head) < 2:
        return sum(_write(out, score_chunk(chunk, lang, full)) for chunk in [*head, *chunks])
    return _score_in_pool(iter([*head, *chunks]), lang, full, count, out)


def _write(out: TextIO, scored: tuple[str, int]) -> int:
    out.write(scored[0])
    return scored[1]


def _score_in_pool(chunks: Iterator[Chunk], lang: str, full: bool, workers: int, out: TextIO) -> int:
    failures = 0
    with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
        pending: deque[Future[tuple[str, int]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(score_chunk, chunk, lang, full))
            if len(pending) >= 2 * workers:
                failures += _write(out, pending.popleft().result())
        while pending:
            failures += _write(out, pending.popleft().result())
    return failures


def _context() -> Any:
    """Fork where it is safe (Linux, no other threads): workers inherit the loaded model and start at once."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


_MODELS = ModelCache()
"""Per process: a worker resolves each model reference once, whatever chunk names it."""


def score_chunk(chunk: Chunk, lang: str, full: bool) -> tuple[str, int]:
    """The output lines of one chunk, and how many of its lines failed."""
    first, lines = chunk
    records = []
    failures = 0
    for number, line in enumerate(lines, start=first):
        if not line.strip():
            continue
        record = score_line(line, number, _MODELS, lang, full)
        failures += "error" in record
        records.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(records), failures


def score_line(line: str, number: int, models: ModelCache, lang: str, full: bool) -> dict[str, Any]:
    data: Any = None
    try:
        data = parse_answers_text(line, f"line {number}")
        return score_data(data, models, lang, full)
    except CmmmError as error:
        record: dict[str, Any] = {"line": number}
        if isinstance(data, dict) and "id" in data:
            record["id"] = data["id"]
        record["error"] = {
            "message": error.zh if lang == "zh" else error.en,
            "problems": [{"location": p.location, "message": p.zh if lang == "zh" else p.en} for p in error.problems],
        }
        return record


def _lines(path: Path) -> Iterable[str]:
    if str(path) == "-":
        yield from sys.stdin
        return
    with path.open(encoding="utf-8") as handle:
        yield from handle


def _chunks(lines: Iterable[str], size: int) -> Iterator[Chunk]:
    iterator = iter(lines)
    first = 1
    while block := list(islice(iterator, size)):
        yield first, block
        first += len(block)
