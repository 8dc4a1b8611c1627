"""The whole chain in a real browser, one user per browser context, as people would click through it:
self-assessment, application, pre-assessment, formal assessment with an uploaded evidence file,
publication, expert approval, certificate, public lookup and verification."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from cmmm.model.loader import default_model
from cmmm.services.demo_site import DEMO_PASSWORD

ENTERPRISE = "苏州示范精密机械有限公司"


@pytest.fixture
def people(browser: Browser, server_url: str) -> Iterator[dict[str, Page]]:
    contexts = {}
    pages = {}
    for user in ("factory", "body", "lead", "assessor1", "expert", "public"):
        contexts[user] = browser.new_context(locale="zh-CN", base_url=server_url)
        pages[user] = contexts[user].new_page()
        if user != "public":
            page = pages[user]
            page.goto("/login")
            page.get_by_label("用户名").fill(user)
            page.get_by_label("密码").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="登录").click()
            expect(page.locator(".who")).to_be_visible()
    yield pages
    for context in contexts.values():
        context.close()


def self_assess(page: Page) -> None:
    for subdomain in default_model().index.subdomains:
        page.goto(f"/enterprise/self-assessment/{subdomain}")
        page.evaluate("document.querySelectorAll('input[type=radio][value=largely]').forEach(r => r.checked = true)")
        page.get_by_role("button", name="保存并返回总览").click()
        page.wait_for_url("**/enterprise/self-assessment")
    expect(page.get_by_text("已回答 302 / 302 条要求")).to_be_visible()
    page.get_by_role("button", name="提交并查看结果").click()
    expect(page.get_by_test_id("level-name")).to_have_text("四级（优化级）")


def apply(page: Page) -> int:
    page.goto("/enterprise/apply?target_level=1")
    expect(page.get_by_text("满足全部条件")).to_be_visible()
    page.get_by_label("评估机构").select_option(label="江苏智能制造评估中心（演示）")
    page.get_by_role("button", name="提交申请").click()
    row = page.locator("table.data tbody tr").first
    expect(row).to_contain_text("已提交申请")
    return int(row.locator("td").first.inner_text())


def accept(page: Page, assessment_id: int) -> None:
    page.goto("/body")
    form = page.locator(f"form[action='/body/applications/{assessment_id}/accept']")
    lead = form.locator("select[name=lead_id] option", has_text="主任评估师 赵刚").first.get_attribute("value")
    assert lead
    form.locator("select[name=lead_id]").select_option(value=lead)
    form.get_by_label("评估师 陈晨").check()
    form.get_by_role("button", name="受理申请").click()


def pre_assess(page: Page, assessment_id: int) -> None:
    page.goto(f"/assessments/{assessment_id}")
    for element in default_model().elements:
        for domain in element.domains:
            if domain.id != "strategy":
                page.locator(f"#exclude_{domain.id}").check()
                page.locator(f"#justification_{domain.id}").fill("本次仅评估组织战略（测试）")
    page.get_by_label("就绪：进入正式评估").check()
    page.get_by_role("button", name="保存预评估结论").click()


def rate_with_evidence(page: Page, assessment_id: int, evidence: Path) -> None:
    page.goto(f"/assessments/{assessment_id}/workspace?subdomain=strategy")
    page.locator("form[enctype='multipart/form-data']").first.locator("xpath=ancestor::details/summary").click()
    page.locator("input[type=file]").first.set_input_files(str(evidence))
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").first.click()
    expect(page.get_by_text(evidence.name)).to_be_visible()
    rating_forms = page.locator(f"form[action='/assessments/{assessment_id}/ratings']")
    for index in range(rating_forms.count()):
        form = page.locator(f"form[action='/assessments/{assessment_id}/ratings']").nth(index)
        form.locator("input[type=radio][value=full]").check()
        form.get_by_role("button", name="保存评分").click()


def test_the_whole_chain_in_a_browser(people: dict[str, Page], tmp_path: Path) -> None:
    self_assess(people["factory"])
    assessment_id = apply(people["factory"])
    accept(people["body"], assessment_id)
    pre_assess(people["lead"], assessment_id)
    evidence = tmp_path / "战略规划批准记录.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    rate_with_evidence(people["assessor1"], assessment_id, evidence)

    lead = people["lead"]
    lead.goto(f"/assessments/{assessment_id}/publication")
    lead.get_by_role("button", name="发布评估结果").click()
    expect(lead.get_by_test_id("locked")).to_be_visible()

    expert = people["expert"]
    expert.goto(f"/reviews/{assessment_id}")
    expert.get_by_role("button", name="批准并颁发证书").click()
    certificate = expert.get_by_test_id("certificate").locator("a")
    number = certificate.inner_text()
    verification = certificate.get_attribute("href")

    public = people["public"]
    public.goto("/certificates")
    public.get_by_label("证书编号、企业名称或统一社会信用代码").fill(number)
    public.get_by_role("button", name="查询").click()
    expect(public.locator("table.data")).to_contain_text(ENTERPRISE)
    assert verification
    public.goto(verification)
    expect(public.locator(".certificate")).to_contain_text("有效")
    expect(public.locator(".certificate")).to_contain_text(number)
