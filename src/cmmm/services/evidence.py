"""Evidence (证据) of the formal assessment: items per requirement with files (SHA-256, size and type checked),
an effective date separate from the upload, and the assessor who verified them.

Evidence from an earlier assessment may be reused in a re-assessment, but only as an unverified copy: it
counts once an assessor of the new team has verified it again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from cmmm.errors import Problem
from cmmm.services.actors import Actor
from cmmm.services.errors import EvidenceRejected, InputInvalid
from cmmm.services.permissions import Action, require
from cmmm.services.platform import EvidenceLimits, Platform, assessment_resource, audit, load
from cmmm.services.ratings import in_scope_problems
from cmmm.services.workflow import RATING_OPEN, require_state
from cmmm.store.assessments import Assessment, EvidenceFile, EvidenceItem

EVIDENCE_KINDS = ("document", "record", "interview", "observation", "demonstration", "photo", "data_extract")


@dataclass(frozen=True)
class Upload:
    filename: str
    media_type: str
    content: bytes


def file_problems(limits: EvidenceLimits, files: Sequence[Upload]) -> list[Problem]:
    problems = []
    if len(files) > limits.max_files:
        problems.append(Problem("files", f"文件数超过 {limits.max_files}", f"more than {limits.max_files} files"))
    for i, upload in enumerate(files):
        where = f"files[{i}] {upload.filename}"
        if upload.media_type not in limits.media_types:
            problems.append(
                Problem(where, f"不接受的文件类型 {upload.media_type}", f"type {upload.media_type} refused")
            )
        if len(upload.content) > limits.max_file_bytes:
            problems.append(
                Problem(
                    where,
                    f"文件大小 {len(upload.content)} 字节，超过上限 {limits.max_file_bytes}",
                    f"{len(upload.content)} bytes, above the limit of {limits.max_file_bytes}",
                )
            )
        if not upload.content:
            problems.append(Problem(where, "文件为空", "the file is empty"))
    return problems


def add_evidence(
    platform: Platform,
    actor: Actor,
    assessment_id: int,
    requirement_id: str,
    kind: str,
    effective_on: date,
    files: Sequence[Upload] = (),
    notes: str = "",
    verified: bool = False,
) -> int:
    with platform.db.begin() as session:
        assessment = load(session, Assessment, assessment_id)
        require(actor, Action.evidence_manage, assessment_resource(session, assessment))
        require_state(assessment, RATING_OPEN, ("添加证据", "add evidence"))
        model = platform.models(f"{assessment.model_id}@{assessment.model_version}")
        problems = in_scope_problems(model, session, assessment, requirement_id)
        if kind not in EVIDENCE_KINDS:
            problems.append(
                Problem("kind", f"证据类型应为 {EVIDENCE_KINDS} 之一", f"kind must be one of {EVIDENCE_KINDS}")
            )
        if effective_on > platform.today():
            problems.append(Problem("effective_on", "生效日期不能晚于今天", "the effective date is in the future"))
        if problems:
            raise InputInvalid("证据信息有误", "the evidence is invalid", problems)
        rejected = file_problems(platform.limits, files)
        if rejected:
            raise EvidenceRejected("证据文件不符合要求", "evidence files refused", rejected)
        item = EvidenceItem(
            assessment_id=assessment_id,
            requirement_id=requirement_id,
            kind=kind,
            effective_on=effective_on,
            notes=notes,
            verified_by=actor.user_id if verified else None,
            created_by=actor.user_id,
            created_at=platform.clock(),
        )
        session.add(item)
        session.flush()
        digests = []
        for upload in files:
            digest = hashlib.sha256(upload.content).hexdigest()
            digests.append(digest)
            session.add(
                EvidenceFile(
                    evidence_id=item.id,
                    filename=upload.filename,
                    media_type=upload.media_type,
                    size=len(upload.content),
                    sha256=digest,
                    content=upload.content,
                )
            )
        after = {"requirement_id": requirement_id, "kind": kind, "files": digests, "verified": verified}
        audit(session, actor, "evidence", item.id, "add", None, after)
        return item.id


def verify_evidence(platform: Platform, actor: Actor, evidence_id: int) -> None:
    with platform.db.begin() as session:
        item = load(session, EvidenceItem, evidence_id)
        assessment = load(session, Assessment, item.assessment_id)
        require(actor, Action.evidence_manage, assessment_resource(session, assessment))
        require_state(assessment, RATING_OPEN, ("核实证据", "verify evidence"))
        before = {"verified_by": item.verified_by}
        item.verified_by = actor.user_id
        audit(session, actor, "evidence", item.id, "verify", before, {"verified_by": actor.user_id})


def reuse_evidence(platform: Platform, actor: Actor, assessment_id: int, evidence_id: int) -> int:
    """Copy evidence of the baseline assessment into this one, unverified, files included."""
    with platform.db.begin() as session:
        assessment = load(session, Assessment, assessment_id)
        require(actor, Action.evidence_manage, assessment_resource(session, assessment))
        require_state(assessment, RATING_OPEN, ("添加证据", "add evidence"))
        source = load(session, EvidenceItem, evidence_id)
        if assessment.baseline_id is None or source.assessment_id != assessment.baseline_id:
            raise InputInvalid(
                "只能复用基线评估的证据",
                "only evidence of the baseline assessment can be reused",
                [Problem("evidence_id", str(evidence_id), str(evidence_id))],
            )
        copy = EvidenceItem(
            assessment_id=assessment_id,
            requirement_id=source.requirement_id,
            kind=source.kind,
            effective_on=source.effective_on,
            notes=source.notes,
            verified_by=None,
            reused_from_id=source.id,
            created_by=actor.user_id,
            created_at=platform.clock(),
        )
        session.add(copy)
        session.flush()
        for old in session.scalars(select(EvidenceFile).where(EvidenceFile.evidence_id == source.id)):
            session.add(
                EvidenceFile(
                    evidence_id=copy.id,
                    filename=old.filename,
                    media_type=old.media_type,
                    size=old.size,
                    sha256=old.sha256,
                    content=old.content,
                )
            )
        audit(session, actor, "evidence", copy.id, "reuse", None, {"from": source.id, "verified": False})
        return copy.id
