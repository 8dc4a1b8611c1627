"""The official's, the viewers' and the manufacturer's comparison pages: they render with charts, export to
Excel, record a recognition, and refuse anyone outside their scope."""

from __future__ import annotations

import io
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from cmmm.app import create_app
from cmmm.services.platform import Platform
from cmmm.settings import Settings
from tests.web.conftest import csrf_of, sign_in


def test_the_official_sees_the_dashboard_of_the_region_with_charts(client: TestClient) -> None:
    sign_in(client, "official")
    page = client.get("/region")
    assert page.status_code == 200
    assert "<svg" in page.text and "地区看板" in page.text
    assert 'aria-labelledby="chart-profile"' in page.text


def test_an_official_cannot_view_a_region_outside_theirs(client: TestClient) -> None:
    sign_in(client, "official")
    assert client.get("/region?region=110000").status_code == 403
    assert client.get("/region/export.xlsx?region=110000").status_code == 403


def test_the_dashboard_exports_to_excel(client: TestClient) -> None:
    sign_in(client, "official")
    response = client.get("/region/export.xlsx?lang=en")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert "Levels" in book.sheetnames and "Profile" in book.sheetnames
    levels = book["Levels"]
    assert sum(row[1] for row in levels.iter_rows(min_row=2, values_only=True)) > 0


def test_others_and_anonymous_users_cannot_see_the_regional_pages(client: TestClient) -> None:
    assert client.get("/region", follow_redirects=False).status_code == 303
    sign_in(client, "factory")
    for url in ("/region", "/region/benchmarks", "/region/policies", "/viewer"):
        assert client.get(url).status_code == 403, url


def test_benchmarks_rank_and_a_recognition_is_recorded(client: TestClient) -> None:
    sign_in(client, "official")
    page = client.get("/region/benchmarks?min_level=1&limit=5")
    assert page.status_code == 200 and "树标杆" in page.text
    token = csrf_of(client)
    refused = client.post(
        "/region/benchmarks/recognitions",
        data={"csrf_token": token, "enterprise_id": "", "kind": "benchmark", "recognized_on": "not a date"},
    )
    assert refused.status_code == 422 and 'aria-invalid="true"' in refused.text
    ranked = page.text.split("<tbody>")[1].split("</td><td>")[1]
    done = client.post(
        "/region/benchmarks/recognitions",
        data={"csrf_token": token, "enterprise_id": ranked, "kind": "benchmark", "recognized_on": "2026-11-01"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "2026-11-01" in client.get("/region/benchmarks").text


def test_a_recognition_needs_the_csrf_token(client: TestClient) -> None:
    sign_in(client, "official")
    response = client.post("/region/benchmarks/recognitions", data={"enterprise_id": "1", "kind": "benchmark"})
    assert response.status_code == 403


def test_the_official_sees_budget_exposure_and_targets(client: TestClient) -> None:
    sign_in(client, "official")
    page = client.get("/region/policies")
    assert page.status_code == 200 and "预算敞口" in page.text


def test_a_manufacturer_sees_its_peers_and_policies(client: TestClient) -> None:
    sign_in(client, "factory")
    assert client.get("/enterprise/peers").status_code == 200
    assert client.get("/enterprise/policies").status_code == 200


def test_viewers_see_their_own_view_only(client: TestClient) -> None:
    sign_in(client, "investor")
    assert "共享结果" in client.get("/viewer").text
    client.cookies.clear()
    sign_in(client, "supplier")
    page = client.get("/viewer?dimension=region&key=320000")
    assert page.status_code == 200 and "需求分析" in page.text
    client.cookies.clear()
    sign_in(client, "official")
    assert client.get("/viewer").status_code == 403


def viewer_page(platform: Platform, folder: Path, peer_min_group: int, user: str, url: str) -> str:
    settings = Settings(database_url="sqlite://", data_dir=folder, peer_min_group=peer_min_group)
    with TestClient(create_app(settings, platform)) as client:
        sign_in(client, user)
        return client.get(url).text


def test_supplier_demand_is_withheld_below_the_configured_group_size(platform: Platform, tmp_path: Path) -> None:
    url = "/viewer?dimension=region&key=000000&lang=en"
    hidden = viewer_page(platform, tmp_path, 1_000_000, "supplier", url)
    assert "Fewer than 1000000 enterprises in this group: not shown." in hidden
    shown = viewer_page(platform, tmp_path, 2, "supplier", url)
    assert "not shown" not in shown and "enterprises in this group." in shown


def test_peers_are_withheld_below_the_configured_group_size(platform: Platform, tmp_path: Path) -> None:
    page = viewer_page(platform, tmp_path, 1_000_000, "factory", "/enterprise/peers?lang=en")
    assert "at least 1000000 enterprises" in page
