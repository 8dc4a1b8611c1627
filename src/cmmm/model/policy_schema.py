"""The policy format: pydantic classes for a file of regional policies that tie benefits to maturity levels.

Policies are data, like the model: officials edit them and the engine evaluates enterprises against them
(:mod:`cmmm.engine.policy_match`). The classes describe only the *shape* of a file; the rules that relate
fields to each other (which fields a benefit kind takes, known region codes, declared lists) live in
:mod:`cmmm.model.policy_loader`, so that every problem is reported at once with its path.
Amounts are integers in yuan (200万 = 2000000), never floats.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from cmmm.model.schema import Frozen, Identifier, LocalizedText, NonEmptyText

RegionCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]
"""A GB/T 2260 administrative division code; ``000000`` is the whole country."""
Yuan = Annotated[int, Field(ge=0)]
CmmmLevel = Annotated[int, Field(ge=1, le=5)]

ResultKind = Literal["self_declared", "reviewed", "certified", "valid_certificate"]
"""How a level was obtained, weakest first; ``valid_certificate`` is a certified result whose certificate is
valid when looked up. A policy names the weakest kind it accepts: a stronger one always counts too."""
RESULT_ORDER: tuple[ResultKind, ...] = ("self_declared", "reviewed", "certified", "valid_certificate")

RecognitionName = Literal["benchmark", "demonstration"]
"""标杆企业 (benchmark) and 示范企业 (demonstration): recognitions that policies grant or require."""

PolicyKind = Literal["award", "recognition", "eligibility", "target", "provider_scoring", "programme"]
BenefitKind = Literal["award", "investment_share", "recognition", "eligibility", "support"]


class Conditions(Frozen):
    """What an enterprise must satisfy; all conditions hold together (an absent one does not constrain)."""

    min_level: CmmmLevel | None = None
    max_level: CmmmLevel | None = None
    levels: tuple[CmmmLevel, ...] | None = None
    min_result: ResultKind | None = None
    first_time_only: bool = False
    above_designated_size: bool = False
    manufacturing_only: bool = False
    recognized_as: tuple[RecognitionName, ...] = ()
    member_of: tuple[Identifier, ...] = ()


class Tier(Frozen):
    """One row of a per-level table: the amount for ``level`` and above, until a higher row applies.

    ``amount_yuan`` is exact; ``min_yuan``/``max_yuan`` keep a range (50万-100万); ``max_yuan`` alone is
    "up to" (min 0). A row may need more than the level (Yingtan: level 3 *and* recognized as benchmark).
    """

    level: CmmmLevel
    amount_yuan: Yuan | None = None
    min_yuan: Yuan | None = None
    max_yuan: Yuan | None = None
    selective: bool = False
    recognized_as: tuple[RecognitionName, ...] = ()
    member_of: tuple[Identifier, ...] = ()


class Benefit(Frozen):
    """What a policy gives when its conditions and the benefit's own conditions hold.

    One class for every kind, so that an edit form and the error paths stay flat; which fields each kind
    takes is checked by the loader: ``award`` (``per_level`` rows, or one ``amount_yuan`` or range, or
    neither when the source states no amount, with a note), ``investment_share`` (``percent`` of a project's
    investment, at most ``cap_yuan``), ``recognition`` (标杆/示范), ``eligibility`` (may apply for a
    ``programme``) and ``support`` (non-money help, ``description``).
    """

    kind: BenefitKind
    description: LocalizedText | None = None
    conditions: Conditions = Conditions()
    per_level: tuple[Tier, ...] = ()
    amount_yuan: Yuan | None = None
    min_yuan: Yuan | None = None
    max_yuan: Yuan | None = None
    percent: Annotated[Decimal, Field(gt=0, le=100)] | None = None
    cap_yuan: Yuan | None = None
    up_to: bool = False
    """For ``investment_share``: the percentage is a maximum ("up to 30%"), so the amount starts at 0."""
    recognition: RecognitionName | None = None
    programme: LocalizedText | None = None
    selective: bool = False
    """择优: the enterprise *may be selected*; the benefit is not automatic."""
    one_off: bool = False
    note: LocalizedText | None = None


class Target(Frozen):
    """A count of enterprises at some levels that a region aims for by a year (officials follow progress)."""

    min_level: CmmmLevel
    max_level: CmmmLevel | None = None
    count: Annotated[int, Field(gt=0)]
    by_year: Annotated[int, Field(ge=2000, le=2100)]
    description: LocalizedText | None = None


class ProviderRule(Frozen):
    """A rule about service providers (assessment bodies, consultants), not enterprises: tender points."""

    points_per_certificate: Annotated[Decimal, Field(gt=0)]
    certificate: Identifier
    max_points: Annotated[Decimal, Field(gt=0)] | None = None
    description: LocalizedText


class Policy(Frozen):
    """One policy document's rules for one region, with its source and what is vague in it."""

    id: Identifier
    region: RegionCode
    issuer: LocalizedText
    title: LocalizedText
    document_number: NonEmptyText | None = None
    year: Annotated[int, Field(ge=2000, le=2100)] | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    source: LocalizedText
    kind: PolicyKind
    conditions: Conditions = Conditions()
    benefits: tuple[Benefit, ...] = ()
    obligations: tuple[LocalizedText, ...] = ()
    targets: tuple[Target, ...] = ()
    provider_rules: tuple[ProviderRule, ...] = ()
    notes: tuple[LocalizedText, ...] = ()


class NamedList(Frozen):
    """A list kept by a department (a top-300, the enterprises of a programme) that policies may require."""

    id: Identifier
    region: RegionCode
    name: LocalizedText


class PolicySet(Frozen):
    """A policy file: envelope, the named lists its policies refer to, and the policies."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="CMMM policy file")

    schema_version: Literal[1]
    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=60)]
    version: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z.+-]*$")]
    title: LocalizedText
    locales: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")], ...] = Field(min_length=1)
    lists: tuple[NamedList, ...] = ()
    policies: tuple[Policy, ...] = Field(min_length=1)

    def policy(self, policy_id: str) -> Policy | None:
        return next((p for p in self.policies if p.id == policy_id), None)
