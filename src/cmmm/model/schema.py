"""The model format: pydantic classes for one version of a CMMM model file.

The classes only describe the *shape* of the file (types, required keys, no unknown keys); the rules that
relate parts of the file to each other (unique ids, ids matching their parent, weights for every domain)
live in :mod:`cmmm.model.validation` so that every violation is reported at once with its path.
All classes are frozen: a loaded model is a value that an assessment pins by its content hash.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
RequirementId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[0-9]+\.[0-9]+$")]
NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
LocalizedText = dict[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Za-z]{2,4})?$")], NonEmptyText]
"""Text keyed by locale (``zh``, ``en``); every locale named in the envelope must be present."""


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Provenance(Frozen):
    """Where the requirement texts come from; shown once on every page, export and report."""

    kind: Literal["reference", "official", "custom"]
    statement: LocalizedText
    based_on: tuple[NonEmptyText, ...] = ()


class Level(Frozen):
    number: int = Field(ge=1, le=9)
    name: LocalizedText
    description: LocalizedText


class Grade(Frozen):
    """A satisfaction grade (满足程度); ``points`` is None for 不适用, which is left out of every mean (R1)."""

    id: Identifier
    points: Decimal | None = Field(ge=0, le=1)
    label: LocalizedText


class Band(Frozen):
    """Total scores from ``min_score`` up to the next band's minimum give ``level`` (R10)."""

    level: int = Field(ge=0, le=9)
    min_score: Decimal = Field(ge=0)
    name: LocalizedText


class Method(Frozen):
    """The constants of the assessment method (GB/T 39117), kept as data so a body can correct them."""

    grades: tuple[Grade, ...] = Field(min_length=2)
    threshold: Decimal = Field(gt=0, le=1)
    bands: tuple[Band, ...] = Field(min_length=2)
    display_decimals: int = Field(ge=0, le=6)
    rounding: Literal["half_up"]


class IndustryPath(Frozen):
    """Discrete (离散型) or process (流程型) manufacturing; decides default weights and some wording."""

    id: Identifier
    name: LocalizedText


class WeightTemplate(Frozen):
    path: Identifier
    rationale: LocalizedText
    weights: dict[Identifier, Decimal]


class Requirement(Frozen):
    """A requirement clause (成熟度要求): the unit that evidence is checked against and rated."""

    id: RequirementId
    level: int = Field(ge=1, le=9)
    text: LocalizedText
    text_by_path: dict[Identifier, LocalizedText] = Field(default_factory=dict)
    evidence: tuple[LocalizedText, ...] = Field(min_length=1)
    question: LocalizedText
    guidance: LocalizedText | None = None

    def text_for(self, path: str | None, lang: str) -> str:
        """The clause text in ``lang``, in the wording of ``path`` where that path words it differently."""
        wording = self.text_by_path.get(path or "", self.text)
        return wording.get(lang) or self.text[lang]


class SubDomain(Frozen):
    id: Identifier
    name: LocalizedText
    weight: Decimal = Field(default=Decimal(1), gt=0)
    requirements: tuple[Requirement, ...] = Field(min_length=1)


class Domain(Frozen):
    id: Identifier
    name: LocalizedText
    subdomains: tuple[SubDomain, ...] = Field(min_length=1)


class Element(Frozen):
    id: Identifier
    name: LocalizedText
    domains: tuple[Domain, ...] = Field(min_length=1)


class Model(Frozen):
    """One version of a maturity model: envelope, levels, method, weight templates and the element tree."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="CMMM model file")

    schema_version: Literal[1]
    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=60)]
    version: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z.+-]*$")]
    title: LocalizedText
    publisher: LocalizedText
    provenance: Provenance
    locales: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")], ...] = Field(min_length=1)
    levels: tuple[Level, ...] = Field(min_length=1)
    method: Method
    paths: tuple[IndustryPath, ...] = Field(min_length=1)
    weight_templates: tuple[WeightTemplate, ...] = Field(min_length=1)
    elements: tuple[Element, ...] = Field(min_length=1)

    @property
    def ref(self) -> str:
        """``id@version``, the name by which answers files and assessments refer to this model."""
        return f"{self.id}@{self.version}"

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON form: formatting and comments of the file do not change it (R14)."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @cached_property
    def index(self) -> ModelIndex:
        return ModelIndex(self)

    def template_for(self, path: str) -> WeightTemplate | None:
        return next((t for t in self.weight_templates if t.path == path), None)

    def grade(self, grade_id: str) -> Grade | None:
        return next((g for g in self.method.grades if g.id == grade_id), None)

    def level(self, number: int) -> Level | None:
        return next((lv for lv in self.levels if lv.number == number), None)

    def band_name(self, level: int, lang: str) -> str:
        band = next((b for b in self.method.bands if b.level == level), None)
        return band.name[lang] if band else str(level)


class ModelIndex:
    """Lookups by id over a model's tree, built once per model (ids are unique after validation)."""

    def __init__(self, model: Model) -> None:
        self.elements = {e.id: e for e in model.elements}
        self.domains: dict[str, Domain] = {}
        self.subdomains: dict[str, SubDomain] = {}
        self.requirements: dict[str, Requirement] = {}
        self.element_of_domain: dict[str, str] = {}
        self.domain_of_subdomain: dict[str, str] = {}
        self.subdomain_of_requirement: dict[str, str] = {}
        for element in model.elements:
            for domain in element.domains:
                self.domains[domain.id] = domain
                self.element_of_domain[domain.id] = element.id
                for sub in domain.subdomains:
                    self.subdomains[sub.id] = sub
                    self.domain_of_subdomain[sub.id] = domain.id
                    for req in sub.requirements:
                        self.requirements[req.id] = req
                        self.subdomain_of_requirement[req.id] = sub.id

    def domain_of_requirement(self, requirement_id: str) -> str:
        return self.domain_of_subdomain[self.subdomain_of_requirement[requirement_id]]
