"""`cmmm model export|validate|show|schema`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cmmm.cli.main import app
from tests.conftest import FIXTURES

runner = CliRunner()


def test_export_json_prints_the_tree_with_ids_and_localized_texts() -> None:
    result = runner.invoke(app, ["model", "export", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    requirements = [
        r for e in data["elements"] for d in e["domains"] for s in d["subdomains"] for r in s["requirements"]
    ]
    assert len({e["id"] for e in data["elements"]}) == 4
    assert sum(len(e["domains"]) for e in data["elements"]) == 12
    assert len(requirements) >= 200
    assert {"id", "level", "text"} <= set(requirements[0])
    assert set(requirements[0]["text"]) == {"zh", "en"}


def test_validate_reports_a_valid_file() -> None:
    result = runner.invoke(app, ["model", "validate", str(FIXTURES / "toy_model.yaml")])
    assert result.exit_code == 0
    assert "有效" in result.output


def test_validate_lists_every_problem_with_its_path(tmp_path: Path) -> None:
    text = (FIXTURES / "toy_model.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("id: s1.1.2", "id: s1.1.5").replace("d3: 0.2", "d3: -1"), encoding="utf-8")
    result = runner.invoke(app, ["model", "validate", str(broken), "--lang", "en"])
    assert result.exit_code == 1
    assert "elements[0].domains[0].subdomains[0].requirements[1].id" in result.output
    assert "weight_templates[0].weights.d3" in result.output


def test_show_overview_and_one_subdomain() -> None:
    overview = runner.invoke(app, ["model", "show"])
    assert overview.exit_code == 0
    assert "能力子域" in overview.output and "product_service" in overview.output
    one = runner.invoke(app, ["model", "show", "data", "--lang", "en"])
    assert one.exit_code == 0
    assert "data.2.1" in one.output


def test_show_unknown_subdomain_is_an_error() -> None:
    result = runner.invoke(app, ["model", "show", "nothing"])
    assert result.exit_code == 1


def test_schema_is_json() -> None:
    result = runner.invoke(app, ["model", "schema"])
    assert json.loads(result.output)["title"] == "CMMM model file"
