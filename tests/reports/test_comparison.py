"""Comparison of two assessments (后评价): what moved per level, element, domain and sub-domain, and which grades."""

from __future__ import annotations

import io
from fractions import Fraction

import docx
import pytest

from cmmm.engine.answers import Answers
from cmmm.engine.result import Result
from cmmm.engine.scoring import score
from cmmm.model.schema import Model
from cmmm.reports.comparison import compare
from cmmm.reports.comparison_report import build_comparison_report
from cmmm.reports.docx_renderer import render_comparison_docx
from cmmm.reports.enterprise import Enterprise
from cmmm.reports.errors import ComparisonInvalid


@pytest.fixture(scope="module")
def improved(toy_model: Model, toy_answers: Answers) -> Result:
    """The worked example after a project: s2.3.2 goes from none to full."""
    ratings = {**toy_answers.ratings, "s2.3.2": "full"}
    return score(toy_model, Answers(industry="discrete", target_level=3, ratings=ratings))


def test_compare_reports_level_and_unit_changes(toy_model: Model, toy_result: Result, improved: Result) -> None:
    comparison = compare(toy_model, toy_result, improved)
    assert comparison.levels[1].delta == 0
    level3 = comparison.levels[3]
    assert level3.before is not None and level3.after is not None
    assert level3.delta == level3.after - level3.before > 0
    assert comparison.total.delta == improved.total_score - toy_result.total_score
    assert comparison.subdomains["s1"].delta == 0
    assert comparison.subdomains["s2"].delta == Fraction(1, 2)  # s2 at level 3: mean of (1, 0) -> mean of (1, 1)
    assert comparison.domains["d2"].delta is not None and comparison.domains["d2"].delta > 0
    assert comparison.elements["b"].delta == 0
    assert [(c.requirement_id, c.before, c.after) for c in comparison.grade_changes] == [("s2.3.2", "none", "full")]


def test_results_of_different_models_do_not_compare(
    toy_model: Model, reference_model: Model, toy_result: Result, example_result: Result
) -> None:
    with pytest.raises(ComparisonInvalid):
        compare(toy_model, toy_result, example_result)
    with pytest.raises(ComparisonInvalid):
        compare(reference_model, toy_result, toy_result)


def test_comparison_report_in_word_shows_before_after_and_changes(
    toy_model: Model, toy_result: Result, improved: Result
) -> None:
    comparison = compare(toy_model, toy_result, improved)
    report = build_comparison_report(toy_model, comparison, toy_result, improved, Enterprise(name="乙公司"), "zh")
    document = docx.Document(io.BytesIO(render_comparison_docx(report)))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert "各等级得分变化" in headings and "满足程度发生变化的要求" in headings
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["s2.3.2", "应满足要求 s2.3.2", "不满足", "全部满足"] in rows
    assert len(document.inline_shapes) == 1
