"""`cmmm score`: readable and JSON output, batch scoring, and errors that say what and where."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cmmm.cli.main import app
from tests.conftest import FIXTURES, ROOT, WORKED_EXAMPLE_RATINGS

EXAMPLE = ROOT / "examples" / "answers-discrete.json"
runner = CliRunner()


def toy_answers(tmp_path: Path, **changes: object) -> Path:
    data = {"model": str(FIXTURES / "toy_model.yaml"), "industry": "discrete", "target_level": 3,
            "ratings": dict(WORKED_EXAMPLE_RATINGS)}  # fmt: skip
    data.update(changes)
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_score_prints_a_chinese_summary_by_default() -> None:
    result = runner.invoke(app, ["score", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "成熟度等级" in result.output
    assert "并非该标准的官方条款原文" in result.output


def test_score_in_english() -> None:
    result = runner.invoke(app, ["score", str(EXAMPLE), "--lang", "en"])
    assert result.exit_code == 0
    assert "Maturity score" in result.output


def test_score_json_has_the_documented_fields(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(toy_answers(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    assert output["total_score"] == 2.3
    assert output["total_score_exact"] == "459/200"
    assert output["level"] == 2
    assert output["level_scores"] == {"1": 0.93, "2": 0.84, "3": 0.53}
    assert output["explanation"]["blockers"][0] == {
        "requirement_id": "s2.3.2", "subdomain_id": "s2", "level": 3, "grade": "none", "impact": 0.25,
        "impact_exact": "1/4"}  # fmt: skip
    assert output["gaps"]["target_level"] == 3
    assert output["shortest_path"]["reachable"] is True
    assert output["model"]["id"] == "toy"


def test_bad_answers_list_every_problem_with_its_location_and_exit_1(tmp_path: Path) -> None:
    ratings = dict(WORKED_EXAMPLE_RATINGS)
    del ratings["s1.1.1"]
    ratings["s2.1.1"] = "excellent"
    path = toy_answers(tmp_path, ratings=ratings, weights={"d1": -1}, excluded_domains=["d9"])
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 1
    for location in ("ratings.s1.1.1", "ratings.s2.1.1", "weights.d1", "excluded_domains[0]"):
        assert location in result.output
    assert "Traceback" not in result.output


def test_wrong_json_types_are_reported_by_json_path(tmp_path: Path) -> None:
    path = toy_answers(tmp_path, target_level="3", ratings={"s1.1.1": 1}, colour="red")
    result = runner.invoke(app, ["score", str(path), "--lang", "en"])
    assert result.exit_code == 1
    assert "target_level" in result.output
    assert "ratings.s1.1.1" in result.output
    assert "unknown field 'colour'" in result.output


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"industry": "discrete",\n "ratings": }', encoding="utf-8")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2:" in result.output


def test_duplicate_json_keys_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{"industry": "discrete", "industry": "process"}', encoding="utf-8")
    assert runner.invoke(app, ["score", str(path)]).exit_code == 1


@pytest.mark.parametrize("args", [["score"], ["score", "a.json", "--jsonl", "b.jsonl"], ["score", "--bogus"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert runner.invoke(app, args).exit_code == 2


def test_batch_keeps_order_and_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    good = {"model": str(FIXTURES / "toy_model.yaml"), "industry": "discrete", "target_level": 3,
            "ratings": WORKED_EXAMPLE_RATINGS}  # fmt: skip
    lines = [
        json.dumps({"id": "a", **good}),
        "{not json",
        json.dumps({"id": "c", **good, "target_level": 2}),
        json.dumps({"id": "d", **good, "ratings": {"s1.1.1": "full"}}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["score", "--jsonl", str(path)])
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, "c", "d"]
    assert out[0]["total_score"] == 2.3
    assert out[1]["line"] == 2 and "error" in out[1]
    assert out[2]["level_scores"] == {"1": 0.93, "2": 0.84}
    assert any(p["location"] == "ratings.s1.1.2" for p in out[3]["error"]["problems"])


def test_batch_of_the_shipped_examples_scores_every_good_line() -> None:
    result = runner.invoke(app, ["score", "--jsonl", str(ROOT / "examples" / "batch.jsonl"), "--lang", "en"])
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out[:-1]] == ["E001", "E002", "E003", "E004", "E005"]
    assert all("level" in o for o in out[:-1])
    assert "error" in out[-1]


def test_the_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "cmmm", "score", str(tmp_path / "missing.json")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert "无法读取" in completed.stderr
