"""The demo site behind ``cmmm serve --demo``: one account per role and a region full of enterprises.

The accounts share one password, printed in the README, and exist only when the operator asks for demo data
on an empty database; nothing here runs in production unless asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from cmmm.codes.credit_code import make_credit_code
from cmmm.services.accounts import EnterpriseDetails, create_organization, create_user
from cmmm.services.actors import SYSTEM, OrganizationKind, Role
from cmmm.services.demo_process import STAGES, seed_process_examples
from cmmm.services.demo_seed import seed_demo
from cmmm.services.platform import Platform
from cmmm.store.organizations import User

DEMO_PASSWORD = "cmmm-demo-2026"
DEMO_ENTERPRISES = 400


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    roles: tuple[Role, ...]
    organization: str
    high_maturity: bool = False


DEMO_ORGANIZATIONS: dict[str, tuple[OrganizationKind, str, str | None]] = {
    "enterprise": (OrganizationKind.enterprise, "苏州示范精密机械有限公司", "320505"),
    "body": (OrganizationKind.body, "江苏智能制造评估中心（演示）", "320000"),
    "committee": (OrganizationKind.committee, "智能制造评估专家委员会（演示）", None),
    "department": (OrganizationKind.department, "江苏省工业和信息化厅（演示）", "320000"),
    "investor": (OrganizationKind.investor, "长江产业投资基金（演示）", None),
    "supplier": (OrganizationKind.supplier, "智造方案供应商（演示）", None),
}

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", "平台管理员", (Role.platform_admin,), ""),
    DemoAccount("factory", "企业管理员 王敏", (Role.enterprise_admin,), "enterprise"),
    DemoAccount("factory-staff", "企业成员 李强", (Role.enterprise_member,), "enterprise"),
    DemoAccount("body", "评估机构管理员 周洁", (Role.body_admin,), "body"),
    DemoAccount("assessor1", "评估师 陈晨", (Role.assessor,), "body"),
    DemoAccount("assessor2", "评估师 刘洋", (Role.assessor,), "body"),
    DemoAccount("lead", "主任评估师 赵刚", (Role.lead_assessor,), "body", high_maturity=True),
    DemoAccount("expert", "专家 孙文", (Role.expert_reviewer,), "committee"),
    DemoAccount("official", "主管部门 吴静", (Role.government_official,), "department"),
    DemoAccount("investor", "投资方 郑涛", (Role.investor_viewer,), "investor"),
    DemoAccount("supplier", "供应商 冯雪", (Role.supplier_viewer,), "supplier"),
)


def ensure_demo_site(
    platform: Platform, enterprises: int = DEMO_ENTERPRISES, process_examples: int = len(STAGES)
) -> bool:
    """Create the demo organizations, accounts and enterprises on an empty database; False if not empty."""
    with platform.db() as session:
        if session.scalar(select(func.count()).select_from(User)):
            return False
    ids: dict[str, int] = {}
    for key, (kind, name, region) in DEMO_ORGANIZATIONS.items():
        details = None
        if kind is OrganizationKind.enterprise:
            assert region is not None
            details = EnterpriseDetails(
                credit_code=make_credit_code(region, 1),
                industry_code="34",
                size_class="medium",
                above_designated_size=True,
                entity_kind="legal_entity",
                path="discrete",
            )
        ids[key] = create_organization(platform, SYSTEM, kind, name, region, details)
    for account in DEMO_ACCOUNTS:
        create_user(
            platform,
            SYSTEM,
            account.username,
            DEMO_PASSWORD,
            account.roles,
            ids.get(account.organization),
            account.display_name,
            account.high_maturity,
        )
    seed_demo(platform, SYSTEM, enterprises)
    if process_examples:
        seed_process_examples(platform, min(process_examples, enterprises), suffix="site")
    return True
