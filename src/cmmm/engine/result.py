"""The values a scoring run produces: exact scores (Fractions) per level, domain, sub-domain and element.

A :class:`Result` carries what R14 asks a stored result to record (model id, version, hash, weights and
their provenance), so that later edits of a model or a template never silently change a published result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class LevelResult:
    """Scores at one level n; ``None`` marks an *absent* score (nothing rated there), never zero (R4-R7)."""

    level: int
    score: Fraction | None
    satisfied: bool
    counted: bool
    subdomain_scores: Mapping[str, Fraction | None]
    domain_scores: Mapping[str, Fraction | None]
    element_scores: Mapping[str, Fraction | None]
    rated_counts: Mapping[str, int]


@dataclass(frozen=True)
class Result:
    model_id: str
    model_version: str
    model_hash: str
    industry: str
    target_level: int
    excluded_domains: tuple[str, ...]
    weights: Mapping[str, Fraction]
    weight_provenance: Mapping[str, str]
    levels: tuple[LevelResult, ...]
    total_score: Fraction
    maturity_level: int
    counted_levels: int
    satisfied_levels: int
    ratings: Mapping[str, str]

    @property
    def quirk(self) -> bool:
        """R13: more consecutive levels satisfied than the band table grants; reports point this out."""
        return self.satisfied_levels > self.maturity_level

    def level_result(self, level: int) -> LevelResult:
        return self.levels[level - 1]

    @property
    def first_unsatisfied_level(self) -> int | None:
        return next((lv.level for lv in self.levels if not lv.satisfied), None)
