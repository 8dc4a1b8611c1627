"""Public pages and signing in: Chinese by default, English on request, CSRF and throttling enforced."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, sign_in


def test_home_page_explains_cmmm_in_chinese_by_default(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="zh-CN">' in page.text
    assert "五个成熟度等级" in page.text and "规划级" in page.text and "引领级" in page.text
    assert "预评估" in page.text


def test_english_switch_sets_a_cookie(client: TestClient) -> None:
    page = client.get("/?lang=en")
    assert "The five maturity levels" in page.text
    assert client.cookies.get("cmmm_lang") == "en"
    assert "The five maturity levels" in client.get("/").text


def test_model_page_lists_a_subdomains_requirements(client: TestClient) -> None:
    page = client.get("/model?subdomain=data")
    assert "data.2.1" in page.text
    assert "并非该标准的官方条款原文" in page.text


def test_no_page_loads_anything_from_another_site(client: TestClient) -> None:
    for path in ("/", "/model?subdomain=energy", "/certificates", "/login"):
        text = client.get(path).text
        assert "http://" not in text.replace("http://www.w3.org", "") and "https://" not in text
        assert "/static/css/app.css" in text


def test_login_needs_the_csrf_token(client: TestClient) -> None:
    response = client.post("/login", data={"username": "factory", "password": "x"})
    assert response.status_code == 403


def test_wrong_password_is_refused_next_to_the_form(client: TestClient) -> None:
    token = csrf_of(client)
    response = client.post("/login", data={"username": "factory", "password": "wrong-password", "csrf_token": token})
    assert response.status_code == 401
    assert "用户名或密码错误" in response.text
    assert 'aria-invalid="true"' in response.text


def test_login_is_rate_limited(client: TestClient) -> None:
    token = csrf_of(client)
    statuses = [
        client.post("/login", data={"username": "investor", "password": "nope-nope", "csrf_token": token}).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429


def test_session_cookie_is_httponly_and_samesite(client: TestClient) -> None:
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"username": "official", "password": "cmmm-demo-2026", "csrf_token": token},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_signed_in_user_sees_their_name_and_can_sign_out(client: TestClient) -> None:
    sign_in(client, "expert")
    assert "专家 孙文" in client.get("/").text
    token = csrf_of(client)
    client.post("/logout", data={"csrf_token": token})
    assert "专家 孙文" not in client.get("/").text


def test_certificate_lookup_without_match(client: TestClient) -> None:
    page = client.get("/certificates?q=NO-SUCH-CERT")
    assert "没有匹配的证书" in page.text


def test_unknown_verification_code_is_404(client: TestClient) -> None:
    assert client.get("/verify/not-a-token").status_code == 404


def test_openapi_schema_is_served(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "/api/v1/score" in schema["paths"]


def test_api_scores_an_answers_object(client: TestClient) -> None:
    answers = json.loads((Path(__file__).parents[2] / "examples" / "answers-discrete.json").read_text("utf-8"))
    result = client.post("/api/v1/score", json=answers).json()
    assert result["level"] == 2 and "level_scores" in result


def test_api_bad_answers_get_422_with_locations(client: TestClient) -> None:
    response = client.post("/api/v1/score", json={"industry": "discrete", "target_level": 1, "ratings": {"x.1.1": "y"}})
    assert response.status_code == 422
    locations = {p["location"] for p in response.json()["error"]["problems"]}
    assert "ratings.x.1.1" in locations


def test_api_me_needs_sign_in(client: TestClient) -> None:
    assert client.get("/api/v1/me").status_code == 401
    sign_in(client, "lead")
    assert client.get("/api/v1/me").json()["roles"] == ["lead_assessor"]
