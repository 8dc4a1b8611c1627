"""The one error hierarchy of cmmm, with messages in Chinese (default) and English.

Every error a user can cause is a ``<Noun><Problem>`` subclass of :class:`CmmmError`, so that the edges
(CLI, API) map domain errors to exit codes and HTTP statuses in one place and never show a traceback.
A :class:`Problem` carries its location (a path in a file, a JSON path, a requirement id) so that a user
learns what is wrong and where; an error carries every problem found, not only the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Lang = Literal["zh", "en"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located by a path such as ``elements[3].domains[0].id``."""

    location: str
    zh: str
    en: str

    def text(self, lang: Lang = "zh") -> str:
        message = self.zh if lang == "zh" else self.en
        return f"{self.location}: {message}" if self.location else message

    def __str__(self) -> str:
        return self.text("zh")


class CmmmError(Exception):
    """Base of every error caused by the user's input or the domain's rules, not by a bug."""

    def __init__(self, zh: str, en: str, problems: Iterable[Problem] = ()) -> None:
        self.zh = zh
        self.en = en
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(en)

    def text(self, lang: Lang = "zh") -> str:
        head = self.zh if lang == "zh" else self.en
        lines = [head, *(f"  - {problem.text(lang)}" for problem in self.problems)]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text("en")


class ModelInvalid(CmmmError):
    """A model file does not satisfy the model format; ``problems`` lists every violation."""


class ModelNotFound(CmmmError):
    """A model reference (``id@version``) names no bundled or loaded model."""


class AnswersInvalid(CmmmError):
    """An assessment's answers cannot be scored (rule R3); ``problems`` lists every violation."""


class TargetUnreachable(CmmmError):
    """No set of rating changes can reach the requested maturity level."""


class TargetLevelInvalid(CmmmError):
    """A target level for a gap or a path lies outside the levels that were assessed."""


class CreditCodeInvalid(CmmmError):
    """A unified social credit code (统一社会信用代码) breaks GB 32100: length, alphabet or check characters."""


class RegionUnknown(CmmmError):
    """A code names no administrative division (行政区划) in the GB/T 2260 table the platform ships."""


class IndustryUnknown(CmmmError):
    """A code names no section or division of the industry classification (GB/T 4754) the platform ships."""


class CodeTableInvalid(CmmmError):
    """A bundled or supplied code table (regions, industries) is malformed; ``problems`` lists every fault."""
