"""Certificates (标准符合性证书): the public lookup, and suspension, withdrawal or reinstatement by the body.

A certificate past its validity end reads as expired whatever its stored status, so that "valid when looked
up" (the policies' condition) is always answered for the day of the lookup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import or_, select

from cmmm.errors import Problem
from cmmm.services.actors import Actor, Resource
from cmmm.services.errors import InputInvalid
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform, audit, load
from cmmm.store.assessments import Assessment
from cmmm.store.records import Certificate


class CertificateStatus(StrEnum):
    valid = "valid"
    suspended = "suspended"
    withdrawn = "withdrawn"
    expired = "expired"


STATUS_NAMES = {
    CertificateStatus.valid: "有效",
    CertificateStatus.suspended: "暂停",
    CertificateStatus.withdrawn: "撤销",
    CertificateStatus.expired: "过期",
}


@dataclass(frozen=True)
class CertificateView:
    number: str
    enterprise_name: str
    credit_code: str
    scope: str
    level: int
    level_name: str
    total_score: str
    issued_on: date
    valid_until: date
    status: CertificateStatus


def effective_status(certificate: Certificate, today: date) -> CertificateStatus:
    stored = CertificateStatus(certificate.status)
    if stored is CertificateStatus.valid and today > certificate.valid_until:
        return CertificateStatus.expired
    return stored


def _view(certificate: Certificate, today: date) -> CertificateView:
    return CertificateView(
        number=certificate.number,
        enterprise_name=certificate.enterprise_name,
        credit_code=certificate.credit_code,
        scope=certificate.scope,
        level=certificate.level,
        level_name=certificate.level_name,
        total_score=certificate.total_score,
        issued_on=certificate.issued_on,
        valid_until=certificate.valid_until,
        status=effective_status(certificate, today),
    )


def lookup_certificates(platform: Platform, query: str) -> list[CertificateView]:
    """Public lookup (信息查询) by number, verification token, credit code or exact enterprise name."""
    text = query.strip()
    if not text:
        return []
    with platform.db() as session:
        rows = session.scalars(
            select(Certificate)
            .where(
                or_(
                    Certificate.number == text,
                    Certificate.verification_token == text,
                    Certificate.credit_code == text.upper(),
                    Certificate.enterprise_name == text,
                )
            )
            .order_by(Certificate.issued_on.desc())
        )
        return [_view(c, platform.today()) for c in rows]


def set_certificate_status(
    platform: Platform, actor: Actor, certificate_id: int, status: CertificateStatus, reason: str
) -> None:
    if status is CertificateStatus.expired:
        raise InputInvalid(
            "过期由有效期决定，不能手工设置",
            "expiry follows from the validity end and is not set by hand",
            [Problem("status", status.value, status.value)],
        )
    with platform.db.begin() as session:
        certificate = load(session, Certificate, certificate_id)
        assessment = load(session, Assessment, certificate.assessment_id)
        require(actor, Action.certificate_manage, Resource(body_id=assessment.body_id))
        if certificate.status == CertificateStatus.withdrawn:
            raise InputInvalid(
                "已撤销的证书不能恢复",
                "a withdrawn certificate cannot change",
                [Problem("status", "撤销", "withdrawn")],
            )
        before = {"status": certificate.status}
        certificate.status = status.value
        audit(
            session, actor, "certificate", certificate.id, "status", before, {"status": status.value, "reason": reason}
        )
