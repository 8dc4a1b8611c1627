"""The public site in a real browser: the home page, the language switch and the certificate lookup."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_home_page_in_chinese_then_english(page: Page, server_url: str) -> None:
    page.goto(server_url + "/")
    expect(page.locator("h1")).to_contain_text("智能制造能力成熟度模型")
    page.get_by_role("link", name="English").click()
    expect(page.locator("h2#levels-title")).to_have_text("The five maturity levels")


def test_sign_in_with_the_keyboard(page: Page, server_url: str) -> None:
    page.goto(server_url + "/login")
    page.get_by_label("用户名").fill("official")
    page.get_by_label("密码").fill("cmmm-demo-2026")
    page.keyboard.press("Enter")
    expect(page.locator(".who")).to_have_text("主管部门 吴静")
