"""The enterprise profile pages: the enterprise admin's form shows the current values and saves changes, refused
fields show their messages next to them, other roles are refused, and a platform admin also edits the credit
code from the admin pages. Each test restores what it changed: the demo site is shared by the module."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cmmm.codes.credit_code import make_credit_code
from cmmm.services.accounts import load_actor
from cmmm.services.enterprise_profile import FIELDS, EditableProfile, enterprise_profile
from cmmm.services.identity import ENTITY_KINDS, PATHS, SIZE_CLASSES
from cmmm.services.platform import Platform
from cmmm.web.i18n import catalog, gettext_for
from cmmm.web.routes_enterprise_profile import choices
from tests.web.conftest import csrf_of, sign_in

PAGE = "/enterprise/profile"


def _current(platform: Platform) -> EditableProfile:
    admin = load_actor(platform, "admin")
    factory = load_actor(platform, "factory")
    assert factory.organization_id is not None
    return enterprise_profile(platform, admin, factory.organization_id)


def _form(profile: EditableProfile, token: str, **changes: Any) -> dict[str, str]:
    """The form as a browser posts it: every field, a ticked box as "true", an unticked one left out."""
    values = {name: getattr(profile, name) for name in FIELDS if name != "credit_code"} | changes
    data = {name: value for name, value in values.items() if not isinstance(value, bool)}
    data |= {name: "true" for name, value in values.items() if value is True}
    return {"csrf_token": token} | data


@pytest.fixture
def restore(platform: Platform, client: TestClient) -> Iterator[EditableProfile]:
    """The factory's profile before the test, put back afterwards by the platform admin."""
    before = _current(platform)
    yield before
    client.cookies.clear()
    sign_in(client, "admin")
    page = f"/admin/enterprises/{before.enterprise_id}/profile"
    data = _form(before, csrf_of(client), credit_code=before.credit_code)
    assert client.post(page, data=data, follow_redirects=False).status_code == 303
    assert _current(platform) == before


def test_the_form_shows_the_current_values(client: TestClient, platform: Platform) -> None:
    profile = _current(platform)
    sign_in(client, "factory")
    page = client.get(PAGE)
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert f'value="{profile.name}"' in text and f'value="{profile.region_code}"' in text
    assert f'value="{profile.industry_code}"' in text
    assert f'<option value="{profile.size_class}" selected>' in text
    assert profile.credit_code in text and 'name="credit_code"' not in text  # shown, not editable
    assert '<a href="/enterprise/profile">企业信息</a>' in text  # the navigation entry
    assert "当前：" in text  # the region's and the industry's names next to their codes


def test_saving_changes_the_profile_and_says_so(
    client: TestClient, platform: Platform, restore: EditableProfile
) -> None:
    sign_in(client, "factory")
    size = "large" if restore.size_class != "large" else "small"
    data = _form(restore, csrf_of(client), region_code="320506", size_class=size, in_operation=False)
    response = client.post(PAGE, data=data, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"{PAGE}?saved=1"
    after = _current(platform)
    assert (after.region_code, after.size_class, after.in_operation) == ("320506", size, False)
    assert after.name == restore.name and after.has_it_basis == restore.has_it_basis
    shown = client.get(response.headers["location"]).text
    assert "企业信息已保存" in shown and 'value="320506"' in shown


def test_refused_fields_show_their_messages_and_nothing_is_stored(client: TestClient, platform: Platform) -> None:
    before = _current(platform)
    sign_in(client, "factory")
    data = _form(before, csrf_of(client), name="", region_code="999999", industry_code="9x", size_class="huge")
    refused = client.post(PAGE, data=data)
    assert refused.status_code == 422
    for field in ("name", "region_code", "industry_code", "size_class"):
        assert f'id="{field}-error"' in refused.text, field
    assert 'id="path-error"' not in refused.text
    assert 'value="999999"' in refused.text  # what was typed stays in the form
    assert "999999" in refused.text.split('id="region_code-error">')[1].split("</span>")[0]
    assert _current(platform) == before


def test_other_roles_are_refused(client: TestClient, platform: Platform) -> None:
    before = _current(platform)
    assert client.get(PAGE, follow_redirects=False).status_code == 303  # to the login page
    for username in ("factory-staff", "official", "investor", "admin"):
        client.cookies.clear()
        sign_in(client, username)
        assert client.get(PAGE).status_code == 403, username
        assert client.post(PAGE, data=_form(before, csrf_of(client), name="改名")).status_code == 403, username
    client.cookies.clear()
    sign_in(client, "factory")
    admin_page = f"/admin/enterprises/{before.enterprise_id}/profile"
    assert client.get(admin_page).status_code == 403
    assert client.post(PAGE, data=_form(before, "wrong-token", name="改名")).status_code == 403  # CSRF
    assert _current(platform) == before


def test_an_enterprise_admin_cannot_forge_a_credit_code(client: TestClient, platform: Platform) -> None:
    before = _current(platform)
    sign_in(client, "factory")
    forged = _form(before, csrf_of(client), credit_code=make_credit_code("320505", 4242))
    refused = client.post(PAGE, data=forged)
    assert refused.status_code == 403 and "<code>credit_code</code>" in refused.text
    assert _current(platform) == before


def test_the_platform_admin_edits_the_credit_code_from_the_admin_pages(
    client: TestClient, platform: Platform, restore: EditableProfile
) -> None:
    sign_in(client, "admin")
    page = f"/admin/enterprises/{restore.enterprise_id}/profile"
    assert f'href="{page}"' in client.get("/admin").text
    assert 'name="credit_code"' in client.get(page).text
    new_code = make_credit_code("320505", 4243)
    bad = client.post(page, data=_form(restore, csrf_of(client), credit_code="91320505"))
    assert bad.status_code == 422 and 'id="credit_code-error"' in bad.text
    saved = client.post(page, data=_form(restore, csrf_of(client), credit_code=new_code), follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == f"{page}?saved=1"
    assert _current(platform).credit_code == new_code


def test_the_page_switches_to_english(client: TestClient, platform: Platform) -> None:
    sign_in(client, "factory")
    english = client.get(f"{PAGE}?lang=en").text
    assert "Enterprise profile" in english and "Medium-sized enterprise" in english and "Kind of entity" in english
    assert "中型企业" not in english
    chinese = client.get(f"{PAGE}?lang=zh").text
    assert "中型企业" in chinese and "主体类型" in chinese


def test_the_lists_offer_exactly_the_accepted_values_each_translated() -> None:
    lists = choices(gettext_for("en"))
    assert tuple(v for v, _ in lists["size_class"]) == SIZE_CLASSES
    assert tuple(v for v, _ in lists["entity_kind"]) == ENTITY_KINDS
    assert tuple(v for v, _ in lists["path"]) == PATHS
    for options in lists.values():
        for _, label in options:
            assert catalog("zh").get(label), label
