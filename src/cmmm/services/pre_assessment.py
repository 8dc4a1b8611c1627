"""Step 2, pre-assessment (预评估): the lead confirms the scope, the domains cut out (each with a
justification), the domain weights (template or override, recorded as such) and readiness.

Weights are stored as exact fraction strings with their provenance, so that publication scores with exactly
what was decided here (rule R14).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from cmmm.errors import Problem
from cmmm.model.schema import Model
from cmmm.services.actors import Actor
from cmmm.services.errors import InputInvalid
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, assessment_resource, audit, load
from cmmm.services.workflow import Step, advance
from cmmm.store.assessments import Assessment, PreAssessment


@dataclass(frozen=True)
class PreAssessmentDecision:
    scope_description: str
    ready: bool
    excluded_domains: Mapping[str, str] = field(default_factory=dict)
    """Domain id -> the justification for cutting it out of scope (裁剪)."""
    weights: Mapping[str, Fraction] = field(default_factory=dict)
    """Domain id -> a weight overriding the path template."""
    reasons: str = ""


def resolved_weights(
    model: Model, path: str, decision: PreAssessmentDecision
) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    """Weights per in-scope domain as exact strings, their provenance, and the problems of the decision."""
    problems = []
    template = model.template_for(path)
    known = model.index.domains
    for domain_id, justification in decision.excluded_domains.items():
        if domain_id not in known:
            problems.append(Problem(f"excluded_domains.{domain_id}", "未知的能力域", "unknown domain"))
        if not justification.strip():
            problems.append(Problem(f"excluded_domains.{domain_id}", "裁剪须说明理由", "an exclusion needs a reason"))
    for domain_id, weight in decision.weights.items():
        if domain_id not in known or domain_id in decision.excluded_domains or weight <= 0:
            problems.append(
                Problem(
                    f"weights.{domain_id}",
                    "权重应为在范围内能力域的正数",
                    "a weight is positive, for an in-scope domain",
                )
            )
    if set(decision.excluded_domains) >= set(known):
        problems.append(Problem("excluded_domains", "不能裁剪全部能力域", "not every domain can be excluded"))
    if template is None:
        problems.append(Problem("path", f"模型没有路径 {path} 的权重模板", f"no weight template for path {path}"))
        return {}, {}, problems
    weights: dict[str, str] = {}
    provenance: dict[str, str] = {}
    for domain_id in known:
        if domain_id in decision.excluded_domains:
            continue
        override = decision.weights.get(domain_id)
        weights[domain_id] = str(Fraction(override if override is not None else template.weights[domain_id]))
        provenance[domain_id] = "override" if override is not None else "template"
    return weights, provenance, problems


def decide_pre_assessment(
    platform: Platform, actor: Actor, assessment_id: int, decision: PreAssessmentDecision
) -> None:
    with platform.db.begin() as session:
        assessment = load(session, Assessment, assessment_id)
        require(actor, Action.pre_assessment_decide, assessment_resource(session, assessment))
        model = platform.models(f"{assessment.model_id}@{assessment.model_version}")
        weights, provenance, problems = resolved_weights(model, assessment.path, decision)
        if not decision.ready and not decision.reasons.strip():
            problems.append(Problem("reasons", "未就绪须说明原因", "not ready needs reasons"))
        if problems:
            raise InputInvalid("预评估结论有误", "the pre-assessment decision is invalid", problems)
        record = session.get(PreAssessment, assessment.id)
        before = None if record is None else {"ready": record.ready, "weights": record.weights}
        if record is None:
            record = PreAssessment(assessment_id=assessment.id, decided_by=actor.user_id)
            session.add(record)
        record.scope_description = decision.scope_description
        record.excluded_domains = dict(decision.excluded_domains)
        record.weights = weights
        record.weight_provenance = provenance
        record.ready = decision.ready
        record.reasons = decision.reasons
        record.decided_by = actor.user_id
        record.decided_at = platform.clock()
        after = {"ready": decision.ready, "weights": weights, "excluded": dict(decision.excluded_domains)}
        audit(session, actor, "pre_assessment", assessment.id, "decide", before, after)
        advance(session, actor, assessment, Step.ready if decision.ready else Step.not_ready, decision.reasons)
