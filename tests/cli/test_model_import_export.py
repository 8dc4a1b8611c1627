"""`cmmm model export --format xlsx|yaml|json -o FILE` and `cmmm model import SHEET.xlsx -o MODEL.yaml`."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from cmmm.cli.main import app
from cmmm.model.loader import default_model, load_model_file, load_model_text
from tests.conftest import FIXTURES

runner = CliRunner()
TOY = str(FIXTURES / "toy_model.yaml")


def export_workbook(tmp_path: Path, *model: str) -> Path:
    target = tmp_path / "model.xlsx"
    result = runner.invoke(app, ["model", "export", "--format", "xlsx", "-o", str(target), *model])
    assert result.exit_code == 0, result.output
    return target


def break_a_clause(sheet_file: Path) -> None:
    """Empty the Chinese text of the first requirement (row 3 of 要求, column F)."""
    book = load_workbook(sheet_file)
    assert book["要求"]["F2"].value == "Clause text (zh)"
    book["要求"]["F3"] = None
    book.save(sheet_file)


def test_export_xlsx_writes_the_workbook(tmp_path: Path) -> None:
    target = export_workbook(tmp_path)
    book = load_workbook(BytesIO(target.read_bytes()))
    assert book.sheetnames[:2] == ["说明", "要求"]
    assert book["要求"].max_row == 2 + len(default_model().index.requirements)


def test_export_xlsx_needs_an_output_file() -> None:
    result = runner.invoke(app, ["model", "export", "--format", "xlsx"])
    assert result.exit_code == 2
    assert "--output" in result.output


def test_export_yaml_prints_a_model_file_with_the_same_content_hash() -> None:
    result = runner.invoke(app, ["model", "export", "--format", "yaml"])
    assert result.exit_code == 0
    assert load_model_text(result.output, "stdout").content_hash == default_model().content_hash


def test_export_yaml_and_json_write_to_the_output_file(tmp_path: Path) -> None:
    as_yaml, as_json = tmp_path / "model.yaml", tmp_path / "model.json"
    assert runner.invoke(app, ["model", "export", "-f", "yaml", "-o", str(as_yaml), "-m", TOY]).exit_code == 0
    assert runner.invoke(app, ["model", "export", "-f", "json", "--output", str(as_json), "-m", TOY]).exit_code == 0
    toy = load_model_file(FIXTURES / "toy_model.yaml")
    assert load_model_file(as_yaml).content_hash == toy.content_hash
    assert json.loads(as_json.read_text(encoding="utf-8"))["content_hash"] == toy.content_hash


def test_import_turns_an_exported_sheet_into_a_model_file(tmp_path: Path) -> None:
    sheet = export_workbook(tmp_path)
    target = tmp_path / "imported.yaml"
    result = runner.invoke(app, ["model", "import", str(sheet), "-o", str(target)])
    assert result.exit_code == 0, result.output
    model = load_model_file(target)
    assert model.content_hash == default_model().content_hash
    assert model.content_hash in result.output and "302 条要求" in result.output


def test_import_of_an_edited_toy_sheet_keeps_the_edit(tmp_path: Path) -> None:
    sheet = export_workbook(tmp_path, "-m", TOY)
    book = load_workbook(sheet)
    book["要求"]["F3"] = "应完成修订后的要求。"
    book.save(sheet)
    target = tmp_path / "toy.yaml"
    assert runner.invoke(app, ["model", "import", str(sheet), "-o", str(target), "--lang", "en"]).exit_code == 0
    assert load_model_file(target).index.requirements["s1.1.1"].text["zh"] == "应完成修订后的要求。"


def test_a_bad_sheet_lists_its_problems_and_writes_no_file(tmp_path: Path) -> None:
    sheet = export_workbook(tmp_path, "-m", TOY)
    break_a_clause(sheet)
    target = tmp_path / "out" / "toy.yaml"
    target.parent.mkdir()
    result = runner.invoke(app, ["model", "import", str(sheet), "-o", str(target), "--lang", "en"])
    assert result.exit_code == 1
    assert "要求!F3" in result.output and "Clause text (zh)" in result.output
    assert "Traceback" not in result.output
    assert list(target.parent.iterdir()) == []


def test_a_failed_import_leaves_an_existing_model_file_untouched(tmp_path: Path) -> None:
    sheet = export_workbook(tmp_path, "-m", TOY)
    break_a_clause(sheet)
    target = tmp_path / "toy.yaml"
    target.write_text("# the previous model\n", encoding="utf-8")
    result = runner.invoke(app, ["model", "import", str(sheet), "-o", str(target)])
    assert result.exit_code == 1
    assert "未通过校验" in result.output
    assert target.read_text(encoding="utf-8") == "# the previous model\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.xlsx", "toy.yaml"]


def test_import_of_a_file_that_is_not_a_workbook_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    result = runner.invoke(app, ["model", "import", TOY, "-o", str(target)])
    assert result.exit_code == 1
    assert "xlsx" in result.output
    assert not target.exists()


def test_import_needs_an_output_file(tmp_path: Path) -> None:
    sheet = export_workbook(tmp_path, "-m", TOY)
    assert runner.invoke(app, ["model", "import", str(sheet)]).exit_code == 2
