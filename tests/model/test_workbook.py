"""Excel round-trip of a model: export, edit, import; every problem named by its sheet, row and column."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from cmmm.errors import ModelInvalid, Problem
from cmmm.model.loader import bundled_model_files, load_model_text, model_from_data
from cmmm.model.schema import Model
from cmmm.model.workbook import model_from_workbook, model_to_workbook, model_to_yaml
from tests.conftest import FIXTURES

Edit = Callable[[Workbook], None]
SHEETS = ["说明", "要求", "结构", "模型信息", "等级", "满足程度", "等级分段", "评估方法", "行业路径", "权重模板"]


@pytest.fixture(scope="module")
def reference_workbook(reference_model: Model) -> bytes:
    return model_to_workbook(reference_model)


@pytest.fixture(scope="module")
def toy_workbook(toy_model: Model) -> bytes:
    """Small and quick to edit; the bad-sheet tests use it, the bundled model is edited once."""
    return model_to_workbook(toy_model)


def edited(data: bytes, edit: Edit) -> bytes:
    book = load_workbook(BytesIO(data))
    edit(book)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def column(sheet: Worksheet, english_header: str) -> str:
    """The letter of the column whose English header (row 2) is ``english_header``."""
    letters = [c.column_letter for c in sheet[2] if c.value == english_header]
    assert len(letters) == 1, english_header
    return letters[0]


def row_of(sheet: Worksheet, requirement_id: str) -> int:
    rows = [c.row for c in sheet[column(sheet, "Requirement id")] if c.value == requirement_id]
    assert len(rows) == 1, requirement_id
    return rows[0]


def problems_of(data: bytes) -> list[Problem]:
    with pytest.raises(ModelInvalid) as caught:
        model_from_workbook(data, "edited.xlsx")
    return list(caught.value.problems)


def locations(data: bytes) -> list[str]:
    return [p.location for p in problems_of(data)]


@pytest.mark.parametrize("fixture", ["reference_model", "toy_model"])
def test_an_exported_workbook_imports_to_the_identical_model(fixture: str, request: pytest.FixtureRequest) -> None:
    model: Model = request.getfixturevalue(fixture)
    imported = model_from_workbook(model_to_workbook(model), "export.xlsx")
    assert imported == model
    assert imported.content_hash == model.content_hash


@pytest.mark.parametrize("fixture", ["reference_model", "toy_model"])
def test_model_yaml_loads_back_to_the_same_content_hash(fixture: str, request: pytest.FixtureRequest) -> None:
    model: Model = request.getfixturevalue(fixture)
    assert load_model_text(model_to_yaml(model), "written.yaml").content_hash == model.content_hash


def test_model_yaml_has_the_layout_of_the_bundled_file(reference_model: Model) -> None:
    bundled = next(p for p in bundled_model_files() if p.name == "cmmm-reference-2020.1.yaml")

    def body(text: str) -> str:
        return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))

    written = model_to_yaml(reference_model)
    assert body(written) == body(bundled.read_text(encoding="utf-8"))
    assert "version: '2020.1'" in written


def test_decimals_that_a_float_cannot_carry_survive_both_round_trips() -> None:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "toy_model.yaml").read_text(encoding="utf-8"))
    data["method"]["threshold"] = "0.80"
    data["weight_templates"][0]["weights"].update(d1="0.30000000000000004", d2="1E+1", d3="1.0")
    data["elements"][0]["domains"][0]["subdomains"][0]["weight"] = "2.50"
    model = model_from_data(data, "decimals.yaml")
    assert model.method.threshold.as_tuple().exponent == -2
    from_sheet = model_from_workbook(model_to_workbook(model), "decimals.xlsx")
    from_yaml = load_model_text(model_to_yaml(model), "decimals.yaml")
    assert from_sheet.content_hash == from_yaml.content_hash == model.content_hash


def test_texts_that_look_like_formulas_or_numbers_stay_texts() -> None:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "toy_model.yaml").read_text(encoding="utf-8"))
    requirement = data["elements"][0]["domains"][0]["subdomains"][0]["requirements"][0]
    requirement["question"]["en"] = "=SUM(A1:A3) is not a formula here?"
    requirement["guidance"] = {"zh": "第一行\n第二行", "en": "0.50"}
    data["paths"][0]["name"]["en"] = "2020"
    model = model_from_data(data, "texts.yaml")
    assert model_from_workbook(model_to_workbook(model), "texts.xlsx") == model


def test_the_workbook_has_a_readme_with_the_provenance_and_frozen_headers(
    reference_model: Model, reference_workbook: bytes
) -> None:
    book = load_workbook(BytesIO(reference_workbook))
    assert book.sheetnames == SHEETS
    readme = "\n".join(str(c.value) for c in book["说明"]["A"] if c.value)
    assert reference_model.provenance.statement["zh"] in readme
    assert reference_model.provenance.statement["en"] in readme
    sheet = book["要求"]
    assert sheet.max_row == 2 + len(reference_model.index.requirements)
    assert sheet["A1"].value == "要素标识" and sheet["A2"].value == "Element id"
    assert sheet.freeze_panes == "F3"
    assert all(book[name].freeze_panes for name in SHEETS[1:])
    assert sheet.column_dimensions[column(sheet, "Clause text (zh)")].width >= 40
    assert sheet.cell(row=3, column=6).alignment.wrap_text


def test_an_edited_text_and_evidence_show_up_in_the_imported_model(reference_workbook: bytes) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["要求"]
        row = row_of(sheet, "data.3.2")
        sheet[f"{column(sheet, 'Clause text (zh)')}{row}"] = "应建立统一的数据平台（评估机构修订）。"
        sheet[f"{column(sheet, 'Typical evidence, one per line (zh)')}{row}"] = "平台架构图\n\n数据目录"
        sheet[f"{column(sheet, 'Typical evidence, one per line (en)')}{row}"] = "Platform architecture\nData catalogue"

    model = model_from_workbook(edited(reference_workbook, edit), "edited.xlsx")
    requirement = model.index.requirements["data.3.2"]
    assert requirement.text["zh"] == "应建立统一的数据平台（评估机构修订）。"
    assert [item["zh"] for item in requirement.evidence] == ["平台架构图", "数据目录"]
    assert [item["en"] for item in requirement.evidence] == ["Platform architecture", "Data catalogue"]


def test_a_missing_sheet_is_named(toy_workbook: bytes) -> None:
    problems = problems_of(edited(toy_workbook, lambda book: book.remove(book["等级"])))
    assert [(p.location, "等级" in p.zh) for p in problems] == [("等级", True)]


def test_a_missing_column_is_named_with_its_sheet(toy_workbook: bytes) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["要求"]
        sheet.delete_cols(sheet[f"{column(sheet, 'Clause text (en)')}1"].column)

    problems = problems_of(edited(toy_workbook, edit))
    assert [p.location for p in problems] == ["要求"]
    assert "Clause text (en)" in problems[0].en and "条款（英文）" in problems[0].zh


def test_an_unknown_column_header_is_named_by_its_cell(toy_workbook: bytes) -> None:
    def edit(book: Workbook) -> None:
        book["要求"]["R1"] = "备注"

    assert locations(edited(toy_workbook, edit)) == ["要求!R1"]


def test_a_level_that_is_not_an_integer_is_named_by_its_cell(toy_workbook: bytes) -> None:
    cells: list[str] = []

    def edit(book: Workbook) -> None:
        sheet = book["要求"]
        cells.append(f"{column(sheet, 'Level')}{row_of(sheet, 's2.2.1')}")
        sheet[cells[0]] = "二级"

    problems = problems_of(edited(toy_workbook, edit))
    assert [p.location for p in problems] == [f"要求!{cells[0]}"]
    assert "整数" in problems[0].zh and "二级" in problems[0].en


def test_an_unknown_subdomain_is_named_by_its_cell(toy_workbook: bytes) -> None:
    cells: list[str] = []

    def edit(book: Workbook) -> None:
        sheet = book["要求"]
        cells.append(f"{column(sheet, 'Sub-domain id')}{row_of(sheet, 's4.3.2')}")
        sheet[cells[0]] = "s9"

    problems = problems_of(edited(toy_workbook, edit))
    assert [p.location for p in problems] == [f"要求!{cells[0]}"]
    assert "s9" in problems[0].en and "结构" in problems[0].zh


def test_a_duplicate_requirement_id_is_named_by_its_cell(toy_workbook: bytes) -> None:
    cells: list[str] = []

    def edit(book: Workbook) -> None:
        sheet = book["要求"]
        letter = column(sheet, "Requirement id")
        first, second = row_of(sheet, "s2.3.1"), row_of(sheet, "s2.3.2")
        cells.extend([f"{letter}{second}", str(first)])
        sheet[f"{letter}{second}"] = "s2.3.1"

    problems = problems_of(edited(toy_workbook, edit))
    duplicate = [p for p in problems if p.location == f"要求!{cells[0]}"]
    assert len(duplicate) == 1 and f"row {cells[1]}" in duplicate[0].en


def test_an_empty_chinese_text_is_named_by_its_cell(toy_workbook: bytes) -> None:
    cells: list[str] = []

    def edit(book: Workbook) -> None:
        sheet = book["要求"]
        cells.append(f"{column(sheet, 'Clause text (zh)')}{row_of(sheet, 's1.2.2')}")
        sheet[cells[0]] = "   "

    problems = problems_of(edited(toy_workbook, edit))
    assert [p.location for p in problems] == [f"要求!{cells[0]}"]
    assert problems[0].zh.startswith("条款（中文）")


def test_model_rules_are_mapped_back_to_their_cells(toy_workbook: bytes) -> None:
    expected: list[str] = []

    def edit(book: Workbook) -> None:
        sheet = book["要求"]
        row = row_of(sheet, "s2.2.1")
        sheet[f"{column(sheet, 'Level')}{row}"] = 3  # the id says level 2, and the order breaks
        expected.append(f"要求!{column(sheet, 'Requirement id')}{row}")
        templates = book["权重模板"]
        templates[f"{column(templates, 'Weight: d2')}4"] = -0.2
        expected.append(f"权重模板!{column(templates, 'Weight: d2')}4")
        bands = book["等级分段"]
        bands["B5"] = 0.5
        expected.append("等级分段!B5")

    found = locations(edited(toy_workbook, edit))
    assert set(expected) <= set(found), found
    assert all("!" in location for location in found), found


def test_every_problem_is_reported_at_once(toy_workbook: bytes) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["要求"]
        sheet[f"{column(sheet, 'Level')}{row_of(sheet, 's1.1.1')}"] = "x"
        sheet[f"{column(sheet, 'Clause text (en)')}{row_of(sheet, 's3.2.1')}"] = None
        sheet[f"{column(sheet, 'Sub-domain id')}{row_of(sheet, 's4.1.1')}"] = "s5"
        book["模型信息"]["A20"] = "colour"

    assert len(problems_of(edited(toy_workbook, edit))) == 4


def test_not_a_workbook_is_a_model_error() -> None:
    with pytest.raises(ModelInvalid) as caught:
        model_from_workbook(b"id: not a workbook\n", "model.yaml")
    assert caught.value.problems[0].location == "model.yaml"


def test_a_number_typed_as_text_is_read_exactly(toy_workbook: bytes) -> None:
    def edit(book: Workbook) -> None:
        book["评估方法"][f"C{_key_row(book['评估方法'], 'threshold')}"] = "0.85"

    model = model_from_workbook(edited(toy_workbook, edit), "edited.xlsx")
    assert model.method.threshold == Decimal("0.85")


def _key_row(sheet: Worksheet, key: str) -> int:
    return next(c.row for c in sheet["A"] if c.value == key)
