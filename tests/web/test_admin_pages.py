"""The platform admin's pages: organizations, users, and model uploads with their validation report."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient

from cmmm.model.loader import default_model
from cmmm.model.yaml_writer import model_to_yaml
from tests.conftest import FIXTURES
from tests.web.conftest import csrf_of, sign_in


def test_only_the_platform_admin_gets_in(client: TestClient) -> None:
    sign_in(client, "body")
    assert client.get("/admin").status_code == 403
    assert client.get("/admin/models").status_code == 403


def test_create_an_organization_and_a_user(client: TestClient) -> None:
    sign_in(client, "admin")
    body = {"csrf_token": csrf_of(client), "kind": "body", "name": "浙江评估中心", "region_code": "330000"}
    created = client.post("/admin/organizations", data=body)
    assert created.status_code == 200 and "浙江评估中心" in created.text
    enterprise = {"csrf_token": csrf_of(client), "kind": "enterprise", "name": "坏企业", "region_code": "330100",
                  "credit_code": "91330100ABCDEFGH1X", "industry_code": "34"}  # fmt: skip
    bad = client.post("/admin/organizations", data=enterprise)
    assert bad.status_code == 422
    assert 'id="credit_code-error"' in bad.text and "第 17 位" in bad.text
    user = client.post("/admin/users", data={"csrf_token": csrf_of(client), "username": "x", "password": "short",
                                              "role": "assessor", "organization_id": ""})  # fmt: skip
    assert user.status_code == 422 and 'id="user-password-error"' in user.text


def test_upload_a_model_shows_its_validation_report_and_installs_it(client: TestClient) -> None:
    sign_in(client, "admin")
    toy = (FIXTURES / "toy_model.yaml").read_bytes()
    broken = toy.replace(b"id: s1.1.2", b"id: s1.1.7")
    report = client.post("/admin/models", data={"csrf_token": csrf_of(client)},
                         files={"file": ("broken.yaml", io.BytesIO(broken), "application/yaml")})  # fmt: skip
    assert report.status_code == 422
    assert "elements[0].domains[0].subdomains[0].requirements[1].id" in report.text
    text = model_to_yaml(default_model()).replace("version: '2020.1'", "version: '2020.1-body'")
    installed = client.post("/admin/models", data={"csrf_token": csrf_of(client), "install": "yes"},
                            files={"file": ("body.yaml", io.BytesIO(text.encode()), "application/yaml")})  # fmt: skip
    assert installed.status_code == 200, installed.text
    assert "cmmm-reference@2020.1-body" in installed.text
    assert "cmmm-reference@2020.1-body" in client.get("/admin/models").text
