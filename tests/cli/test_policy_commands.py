"""`cmmm policies match|list|validate`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from cmmm.cli.main import app
from cmmm.model.policy_loader import bundled_policy_files

runner = CliRunner()


def match_json(*options: str) -> dict[str, Any]:
    result = runner.invoke(app, ["policies", "match", *options, "--json"])
    assert result.exit_code == 0, result.output
    matches: list[dict[str, Any]] = json.loads(result.output)
    return {m["policy_id"]: m for m in matches}


def test_match_lists_the_region_hierarchy_with_amounts_in_yuan() -> None:
    matches = match_json("--region", "520102", "--level", "3", "--certified")
    assert set(matches) == {"guizhou_digital_transformation", "national_smart_factory_tiers"}
    guizhou = matches["guizhou_digital_transformation"]
    assert guizhou["status"] == "qualifies"
    assert guizhou["region"] == "520000"
    assert guizhou["title"]["zh"] == "支持工业领域数字化转型的若干政策措施"
    assert [b["amount_yuan"] for b in guizhou["benefits"]] == [2_000_000]
    assert [b["amount_yuan"] for b in guizhou["next_level"]["unlocks"]] == [5_000_000]
    assert {"zh", "en"} <= set(guizhou["reasons"][0])


def test_match_keeps_ranges_and_the_flags_of_the_issue() -> None:
    plain = match_json("--region", "360602", "--level", "3", "--above-size", "--certified")
    assert [(b["min_yuan"], b["max_yuan"]) for b in plain["yingtan_sixteen_measures"]["benefits"]] == [
        (500_000, 1_000_000)
    ]
    benchmark = match_json("--region", "360602", "--level", "3", "--above-size", "--certified", "--benchmark")
    assert [b["amount_yuan"] for b in benchmark["yingtan_sixteen_measures"]["benefits"]] == [2_000_000]
    self_assessed = match_json("--region", "360602", "--level", "3", "--above-size")
    assert self_assessed["yingtan_sixteen_measures"]["status"] == "not_qualified"


def test_match_first_time_and_lists() -> None:
    options = ["--region", "340102", "--level", "3", "--certified", "--list", "anhui_smart_factory_upgrade"]
    assert match_json(*options)["anhui_first_pass_award"]["status"] == "next_level"
    first = match_json(*options, "--first-time")["anhui_first_pass_award"]
    assert [b["amount_yuan"] for b in first["benefits"]] == [1_000_000]


def test_match_with_an_investment_gives_the_capped_share() -> None:
    matches = match_json("--region", "520102", "--level", "1", "--investment", "80000000")
    share = [b for b in matches["guizhou_digital_transformation"]["benefits"] if b["kind"] == "investment_share"]
    assert share == [
        {
            "kind": "investment_share",
            "description": share[0]["description"],
            "min_yuan": 0,
            "max_yuan": 10_000_000,
            "amount_stated": True,
            "percent": 30.0,
            "cap_yuan": 10_000_000,
            "up_to": True,
            "selective": False,
            "one_off": False,
            "note": share[0]["note"],
        }
    ]


def test_match_prints_readable_text_in_both_languages() -> None:
    zh = runner.invoke(app, ["policies", "match", "--region", "320214", "--level", "2", "--certified"])
    assert zh.exit_code == 0
    assert "[符合] wuxi_hightech_zone_digital" in zh.output and "20 万元" in zh.output and "50 万元" in zh.output
    en = runner.invoke(app, ["policies", "match", "--region", "320214", "--level", "2", "--certified", "--lang", "en"])
    assert "[qualifies] wuxi_hightech_zone_digital" in en.output and "200,000 yuan" in en.output


def test_match_refuses_an_unknown_region_and_a_level_out_of_range() -> None:
    unknown = runner.invoke(app, ["policies", "match", "--region", "999999", "--level", "3", "--lang", "en"])
    assert unknown.exit_code == 1
    assert "999999" in unknown.output and "Traceback" not in unknown.output
    assert runner.invoke(app, ["policies", "match", "--region", "520102", "--level", "6"]).exit_code == 2


def test_list_filters_by_region() -> None:
    every = runner.invoke(app, ["policies", "list", "--json"])
    assert len(json.loads(every.output)) == 17
    tianjin = runner.invoke(app, ["policies", "list", "--region", "120101", "--json"])
    assert {p["policy_id"] for p in json.loads(tianjin.output)} == {
        "tianjin_special_fund_2024",
        "national_smart_factory_tiers",
    }
    text = runner.invoke(app, ["policies", "list", "--region", "520102", "--lang", "en"])
    assert text.exit_code == 0 and "Guizhou 520000" in text.output


def test_validate_accepts_the_bundled_file_and_lists_every_problem_of_a_broken_one(tmp_path: Path) -> None:
    bundled = bundled_policy_files()[-1]
    assert runner.invoke(app, ["policies", "validate", str(bundled)]).exit_code == 0
    broken = tmp_path / "broken.yaml"
    text = bundled.read_text(encoding="utf-8")
    broken.write_text(
        text.replace('region: "120000"', 'region: "129999"').replace(
            "{level: 2, max_yuan", "{level: 2, min_yuan: 90000, max_yuan"
        )
    )
    result = runner.invoke(app, ["policies", "validate", str(broken), "--lang", "en"])
    assert result.exit_code == 1
    assert "policies[16].region: code 129999 is not in" in result.output
    assert "policies[14].benefits[0].per_level[0].min_yuan: must not exceed max_yuan" in result.output


def test_an_edited_policy_file_can_be_matched(tmp_path: Path) -> None:
    edited = tmp_path / "edited.yaml"
    text = bundled_policy_files()[-1].read_text(encoding="utf-8")
    edited.write_text(text.replace("{level: 2, amount_yuan: 200000}", "{level: 2, amount_yuan: 250000}"))
    matches = match_json("--region", "320214", "--level", "2", "--certified", "--policies", str(edited))
    assert [b["amount_yuan"] for b in matches["wuxi_hightech_zone_digital"]["benefits"]] == [250_000]
