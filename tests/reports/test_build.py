"""The report model: localized texts, the cover, the explanation (R9, R10, R12, R13) and the radar profile."""

from __future__ import annotations

from fractions import Fraction

import pytest

from cmmm.engine.answers import Answers
from cmmm.engine.profile import subdomain_profile
from cmmm.engine.result import Result
from cmmm.engine.scoring import score
from cmmm.model.schema import Model
from cmmm.reports.build import build_report
from cmmm.reports.enterprise import Enterprise, enterprise_from_json
from cmmm.reports.errors import EnterpriseInvalid
from cmmm.reports.report_model import DASH, ReportModel
from tests.conftest import WORKED_EXAMPLE_RATINGS


def field(report: ReportModel, label_key: str) -> str:
    label = report.texts[label_key]
    return next(f.value for f in (*report.cover, *report.summary) if f.label == label)


def test_a_report_is_chinese_by_default_and_english_on_request(
    report_zh: ReportModel, toy_report_en: ReportModel
) -> None:
    assert report_zh.title == "智能制造能力成熟度评估报告"
    assert report_zh.level_name == "二级（规范级）"
    assert toy_report_en.title.startswith("Intelligent Manufacturing")
    assert toy_report_en.level_name == "Level 2 (Standardized)"


def test_the_cover_names_enterprise_model_hash_and_kind_of_result(
    report_zh: ReportModel, reference_model: Model
) -> None:
    assert report_zh.enterprise_name == "苏州示例精密制造有限公司"
    assert field(report_zh, "credit_code") == "91320500MA1XXXXX0Y"
    assert field(report_zh, "model_hash") == reference_model.content_hash
    assert reference_model.ref in field(report_zh, "model")
    assert field(report_zh, "result_kind").startswith("评审")
    assert report_zh.provenance == reference_model.provenance.statement["zh"]


def test_a_self_declared_report_lists_no_assessors_or_evidence(
    reference_model: Model, example_result: Result, example_answers: Answers
) -> None:
    report = build_report(reference_model, example_result, example_answers, Enterprise(name="甲"), "zh")
    titles = [s.title for s in report.sections]
    assert "证据索引" not in titles and "评估师" not in titles
    assert field(report, "result_kind").startswith("自评")


def test_formal_report_lists_assessors_reviewers_and_evidence(report_zh: ReportModel) -> None:
    sections = {s.title: s for s in report_zh.sections}
    assert sections["评估师"].table is not None
    assert ("张评估", "主任评估师", "示例评估机构") in sections["评估师"].table.rows
    evidence = sections["证据索引"].table
    assert evidence is not None
    assert evidence.rows[0] == ("E01", "数据管理制度 V2", "档案室", "data.2.1, data.2.2")


def test_explanation_shows_the_sum_the_stopping_level_and_the_band(toy_report_en: ReportModel) -> None:
    """The worked example of reference/scoring.md: S = 0.93 + 0.84 + 0.53 = 2.30, level 3 stops the sum (R9, R10)."""
    explanation = next(s for s in toy_report_en.sections if s.title == "Why this level")
    text = " ".join(explanation.paragraphs)
    assert "S = S1 + S2 + S3 = 0.93 + 0.84 + 0.53 = 2.30" in text
    assert "Level 3 scores 0.53, below the threshold 0.80" in text
    assert explanation.table is not None
    assert explanation.table.rows[0][0] == "s2.3.2"  # the largest impact first (R12)
    assert explanation.table.rows[0][-1] == "+0.25"


def test_the_r13_quirk_is_pointed_out(toy_model: Model) -> None:
    ratings = {rid: "largely" for rid in WORKED_EXAMPLE_RATINGS}
    ratings.update({rid: "none" for rid in WORKED_EXAMPLE_RATINGS if ".3." in rid})
    answers = Answers(industry="discrete", target_level=3, ratings=ratings)
    result = score(toy_model, answers)
    assert result.quirk
    report = build_report(toy_model, result, answers, Enterprise(), "zh")
    assert any("R13" in note for note in report.notes)


def test_subdomain_maturity_sums_level_scores_up_to_the_first_level_below_threshold(toy_result: Result) -> None:
    """s1: 0.9 + 0.75 (stops at level 2); s3: no level-1 clause, 1 at level 2, absent at 3; s4: 0.8 + 0.8 + 0.65."""
    threshold = Fraction(4, 5)
    assert subdomain_profile(toy_result, threshold, "s1") == Fraction(9, 10) + Fraction(3, 4)
    assert subdomain_profile(toy_result, threshold, "s3") == 1
    assert subdomain_profile(toy_result, threshold, "s4") == Fraction(4, 5) + Fraction(4, 5) + Fraction(13, 20)


def test_radar_has_a_point_per_subdomain_and_absent_scores_stay_absent(toy_model: Model, toy_answers: Answers) -> None:
    answers = Answers(
        industry="discrete",
        target_level=3,
        ratings={k: v for k, v in toy_answers.ratings.items() if not k.startswith("s4")},
        excluded_domains=("d3",),
    )
    report = build_report(toy_model, score(toy_model, answers), answers, Enterprise(), "zh")
    assert [p.subdomain_id for p in report.profile] == ["s1", "s2", "s3", "s4"]
    assert report.profile[-1].score is None
    domains = next(s for s in report.sections if s.title == "能力域得分（按等级）").table
    assert domains is not None and all(row[1] != "d3" for row in domains.rows)
    assert report.level_table.rows[0][2] != DASH


def test_appendix_has_every_in_scope_requirement_with_grade_evidence_and_note(
    report_zh: ReportModel, example_result: Result
) -> None:
    assert {row.requirement_id for row in report_zh.appendix} == set(example_result.scope_ids)
    row = next(r for r in report_zh.appendix if r.requirement_id == "data.2.1")
    assert (row.grade_id, row.grade_label, row.points) == ("full", "全部满足", 1.0)
    assert (row.evidence_count, row.note) == (2, "现场核查通过")


def test_enterprise_problems_are_all_reported_with_their_paths(reference_model: Model) -> None:
    data = {
        "name": 3,
        "result_kind": "audited",
        "assessors": [{"role": "x"}],
        "evidence": [{"id": "E1", "title": "t", "requirements": ["nope.1.1"]}],
        "notes": {"data.9.9": "?"},
        "colour": "red",
    }
    with pytest.raises(EnterpriseInvalid) as caught:
        enterprise_from_json(data, reference_model)
    locations = {p.location for p in caught.value.problems}
    assert locations == {
        "enterprise.name",
        "enterprise.result_kind",
        "enterprise.assessors[0]",
        "enterprise.evidence[0].requirements[0]",
        "enterprise.notes.data.9.9",
        "enterprise.colour",
    }


@pytest.mark.parametrize(("grade", "level"), [("full", 3), ("none", 0)])
def test_a_result_at_either_end_of_the_scale_explains_itself(toy_model: Model, grade: str, level: int) -> None:
    answers = Answers(industry="discrete", target_level=3, ratings=dict.fromkeys(WORKED_EXAMPLE_RATINGS, grade))
    result = score(toy_model, answers)
    assert result.maturity_level == level
    report = build_report(toy_model, result, answers, Enterprise(), "zh")
    titles = [s.title for s in report.sections]
    meaning = toy_model.level(level)
    assert report.level_meaning == (meaning.description["zh"] if meaning else "尚未达到一级（规划级）的要求。")
    assert ("差距分析" in titles) == (level < 3)
    assert ("最短提升路径" in titles) == (level < 3)
