"""The policy editing pages: only officials and admins reach them, a check lists every problem with its path and
line without saving, a save needs the CSRF token and becomes the active set, an official cannot touch another
region's policy, and an earlier version is restored. Tests leave the active set as they found it (the demo
platform is shared by the module)."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, sign_in

WUXI = "/policies/edit/wuxi_hightech_zone_digital"


def textarea(page: str) -> str:
    found = re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)
    assert found is not None
    return html.unescape(found.group(1))


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found is not None
    return found.group(1)


def _form(client: TestClient, page: str, text: str, do: str, note: str = "") -> dict[str, str]:
    return {"csrf_token": csrf_of(client), "base_version": hidden(page, "base_version"), "text": text, "do": do,
            "note": note}  # fmt: skip


def test_anonymous_users_are_sent_to_sign_in(client: TestClient) -> None:
    for url in ("/policies", WUXI, "/policies/set", "/policies/versions/0"):
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), url
    assert client.post("/policies/set", data={"text": "x"}, follow_redirects=False).status_code == 303


def test_a_manufacturer_may_not_see_or_edit_policies(client: TestClient) -> None:
    sign_in(client, "factory")
    for url in ("/policies", WUXI, "/policies/new", "/policies/set", "/policies/versions/0"):
        assert client.get(url).status_code == 403, url
    response = client.post(WUXI, data={"csrf_token": csrf_of(client), "text": "id: x\n", "do": "save",
                                       "base_version": "0"})  # fmt: skip
    assert response.status_code == 403
    assert "政策编辑" not in client.get("/enterprise").text


def test_the_official_sees_the_policies_and_which_ones_they_may_edit(client: TestClient) -> None:
    sign_in(client, "official")
    page = client.get("/policies")
    assert page.status_code == 200 and "政策编辑" in page.text and "版本历史" in page.text
    assert f'href="{WUXI}"' in page.text
    assert "guizhou_digital_transformation" in page.text
    assert 'href="/policies/edit/guizhou_digital_transformation"' not in page.text
    assert "200,000" in page.text  # Wuxi's level-2 award in the benefits summary
    assert 'href="/policies"' in client.get("/region").text  # the navigation entry


def test_a_check_lists_every_problem_with_its_path_and_line_and_saves_nothing(client: TestClient) -> None:
    sign_in(client, "official")
    before = client.get("/policies").text
    page = client.get(WUXI)
    block = textarea(page.text)
    broken = block.replace("amount_yuan: 500000}", "amount_yuan: -5}").replace(
        "kind: award\n", "kind: award\nx: 1\n", 1
    )
    response = client.post(WUXI, data=_form(client, page.text, broken, "validate"))
    assert response.status_code == 422
    rows = re.findall(r"<tr><td>(\d*)</td><td><code>([^<]*)</code></td>", response.text)
    negative = next(n for n, line in enumerate(broken.splitlines(), start=1) if "amount_yuan: -5" in line)
    assert (str(negative), "benefits[0].per_level[1].amount_yuan") in rows
    assert (str(broken.splitlines().index("x: 1") + 1), "x") in rows
    assert textarea(response.text) == broken.replace("\r\n", "\n")
    assert client.get("/policies").text == before


def test_a_valid_check_says_what_would_change_without_saving(client: TestClient) -> None:
    sign_in(client, "official")
    page = client.get(WUXI)
    edited = textarea(page.text).replace("amount_yuan: 200000}", "amount_yuan: 250000}")
    response = client.post(WUXI, data=_form(client, page.text, edited, "validate"))
    assert response.status_code == 200 and "未发现问题" in response.text
    assert "<code>wuxi_hightech_zone_digital</code>" in response.text.split('id="changes"')[1]
    assert hidden(client.get(WUXI).text, "base_version") == hidden(page.text, "base_version")


def test_an_official_cannot_save_a_policy_of_another_region(client: TestClient) -> None:
    sign_in(client, "official")
    page = client.get(WUXI)
    moved = textarea(page.text).replace('"320214"', '"520000"')
    response = client.post(WUXI, data=_form(client, page.text, moved, "save"))
    assert response.status_code == 403 and "wuxi_hightech_zone_digital" in response.text
    assert client.get("/policies/edit/guizhou_digital_transformation").status_code == 200  # may read, not save
    sign_in(client, "admin")
    assert client.get("/policies").status_code == 200


def test_a_save_needs_the_csrf_token(client: TestClient) -> None:
    sign_in(client, "official")
    page = client.get(WUXI)
    data = _form(client, page.text, textarea(page.text), "save")
    del data["csrf_token"]
    assert client.post(WUXI, data=data).status_code == 403


def test_the_official_saves_a_change_and_restores_the_version_before_it(client: TestClient) -> None:
    sign_in(client, "official")
    page = client.get(WUXI)
    previous = hidden(page.text, "base_version")
    edited = textarea(page.text).replace("amount_yuan: 200000}", "amount_yuan: 260000}")
    saved = client.post(WUXI, data=_form(client, page.text, edited, "save", "无锡 2026 年调整"), follow_redirects=False)
    assert saved.status_code == 303
    version = saved.headers["location"].split("saved=")[1]
    listing = client.get(saved.headers["location"])
    assert (
        f"已保存为版本 {version}" in listing.text and "260,000" in listing.text and "无锡 2026 年调整" in listing.text
    )
    stale = client.post(WUXI, data=_form(client, page.text, edited, "save"))
    assert stale.status_code == 409
    old = client.get(f"/policies/versions/{previous}")
    assert old.status_code == 200 and "amount_yuan: 200000}" in html.unescape(old.text)
    restored = client.post(f"/policies/versions/{previous}/restore", data={"csrf_token": csrf_of(client), "note": ""},
                           follow_redirects=False)  # fmt: skip
    assert restored.status_code == 303
    listing = client.get(restored.headers["location"])
    assert "260,000" not in listing.text and f"恢复自版本 {previous}" in listing.text


def test_a_new_policy_page_starts_from_a_template_of_the_officials_region(client: TestClient) -> None:
    sign_in(client, "official")
    page = client.get("/policies/new")
    assert page.status_code == 200 and 'region: "320000"' in textarea(page.text)
    response = client.post("/policies/new", data=_form(client, page.text, textarea(page.text), "validate"))
    assert response.status_code == 200 and "<code>new_policy</code>" in response.text


def test_the_pages_switch_to_english(client: TestClient) -> None:
    sign_in(client, "official")
    page = client.get("/policies?lang=en")
    assert "Edit policies" in page.text and "Version history" in page.text and "政策编辑" not in page.text
    edit = client.get(f"{WUXI}?lang=en")
    assert "Check without saving" in edit.text
    assert "Award: level 2 200,000" in page.text


def test_the_whole_set_is_checked_and_its_envelope_belongs_to_the_admin(client: TestClient) -> None:
    sign_in(client, "official")
    page = client.get("/policies/set")
    bumped = textarea(page.text).replace('version: "2022.1"', 'version: "2022.2"', 1)
    refused = client.post("/policies/set", data=_form(client, page.text, bumped, "validate"))
    assert refused.status_code == 403 and "<code>version</code>" in refused.text
    sign_in(client, "admin")
    page = client.get("/policies/set")
    checked = client.post("/policies/set", data=_form(client, page.text, bumped, "validate"))
    assert checked.status_code == 200 and "<code>version</code>" in checked.text.split('id="changes"')[1]
