"""An official edits a policy of their region in a real browser: a mistake is located by line before anything
is saved, the corrected policy becomes the active version, and the bundled file is restored afterwards."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def sign_in(page: Page, server_url: str, username: str) -> None:
    page.goto(server_url + "/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("cmmm-demo-2026")
    page.get_by_role("button", name="登录").click()


def test_an_official_corrects_a_mistake_saves_and_restores(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "official")
    page.goto(server_url + "/policies")
    row = page.locator("tr", has=page.locator("code", has_text="wuxi_hightech_zone_digital"))
    row.get_by_role("link", name="编辑").click()
    editor = page.locator("textarea#text")
    original = editor.input_value()
    assert "{level: 3, amount_yuan: 500000}" in original

    editor.fill(original.replace("{level: 3, amount_yuan: 500000}", "{level: 3, amount_yuan: -5}"))
    page.get_by_role("button", name="仅校验，不保存").click()
    problems = page.locator("table#problems")
    expect(problems).to_contain_text("benefits[0].per_level[1].amount_yuan")
    line = original.splitlines().index(next(x for x in original.splitlines() if "amount_yuan: 500000" in x)) + 1
    expect(problems.locator("tbody tr").first.locator("td").first).to_have_text(str(line))

    editor.fill(original.replace("{level: 3, amount_yuan: 500000}", "{level: 3, amount_yuan: 600000}"))
    page.get_by_label("说明（修改原因、依据的文件）").fill("新吴区 2026 年提高三级奖励")
    page.get_by_role("button", name="保存为新版本").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"已保存为版本 \d+"))
    history = page.locator("section", has=page.locator("h2#history-title"))
    expect(history).to_contain_text("新吴区 2026 年提高三级奖励")
    expect(history).to_contain_text("wuxi_hightech_zone_digital")

    page.goto(server_url + "/policies/versions/0")
    page.get_by_role("button", name="恢复此版本").click()
    page.goto(server_url + "/policies/edit/wuxi_hightech_zone_digital")
    expect(page.locator("textarea#text")).to_have_value(re.compile(r"\{level: 3, amount_yuan: 500000\}"))


def test_a_manufacturer_cannot_open_the_policy_editor(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "factory")
    response = page.goto(server_url + "/policies")
    assert response is not None and response.status == 403
