"""The refusals of policy editing, each problem located by its path and by its line in the text edited.

A problem keeps its path as the loader found it (``raw``) and its 1-based line (``lines``); the messages carry
the line too, so that a page, the API and a log all say where to look. An edit of one policy re-locates them
to the lines of that policy's block (:mod:`cmmm.services.policy_blocks`).
"""

from __future__ import annotations

from collections.abc import Sequence

from cmmm.errors import Problem
from cmmm.services.errors import InputInvalid, PermissionDenied


class PolicySetInvalid(InputInvalid):
    """A policy text that the loader refuses; each problem has its path and, in its message, its line."""

    def __init__(self, zh: str, en: str, raw: Sequence[Problem], lines: Sequence[int | None] | None = None) -> None:
        self.raw, self.lines = _located(raw, lines)
        super().__init__(zh, en, with_lines(self.raw, self.lines))


class PolicyOutsideRegion(PermissionDenied):
    """The text adds, changes or removes policies outside the editor's region; each problem names one."""

    def __init__(self, zh: str, en: str, raw: Sequence[Problem], lines: Sequence[int | None] | None = None) -> None:
        self.raw, self.lines = _located(raw, lines)
        super().__init__(zh, en, with_lines(self.raw, self.lines))


LocatedError = PolicySetInvalid | PolicyOutsideRegion


def _located(
    raw: Sequence[Problem], lines: Sequence[int | None] | None
) -> tuple[tuple[Problem, ...], tuple[int | None, ...]]:
    """The problems as found (``raw``) and their 1-based lines in the text (None: no line)."""
    found = tuple(raw)
    return found, tuple(lines) if lines is not None else (None,) * len(found)


def with_lines(problems: Sequence[Problem], lines: Sequence[int | None]) -> list[Problem]:
    """Each problem's message prefixed with its line, so that every consumer (page, API, log) shows it."""
    return [
        p if line is None else Problem(p.location, f"第 {line} 行：{p.zh}", f"line {line}: {p.en}")
        for p, line in zip(problems, lines, strict=True)
    ]


class PolicySetChanged(InputInvalid):
    """Someone saved a newer version since the editor read the set: reload and apply the edit again."""
