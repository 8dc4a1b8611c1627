"""The fixed wording of reports in Chinese and English, in one table so every format says the same.

Terms follow the glossary (能力子域, 满足程度, 成熟度等级 ...); renderers look texts up by key in the
already-localized ``ReportModel.texts`` and never hold wording of their own.
"""

from __future__ import annotations

from collections.abc import Mapping

from cmmm.errors import Lang

WORDING: Mapping[str, tuple[str, str]] = {
    "title": ("智能制造能力成熟度评估报告", "Intelligent Manufacturing Capability Maturity Assessment Report"),
    "comparison_title": (
        "智能制造能力成熟度对比报告（后评价）",
        "Maturity Comparison Report (post-project evaluation)",
    ),
    "cover": ("封面信息", "Cover"),
    "enterprise": ("企业名称", "Enterprise"),
    "credit_code": ("统一社会信用代码", "Unified social credit code"),
    "region": ("行政区划", "Region"),
    "industry": ("国民经济行业分类", "Industry"),
    "scope": ("评估范围", "Scope"),
    "report_date": ("报告日期", "Report date"),
    "result_kind": ("结果性质", "Kind of result"),
    "path": ("行业路径", "Industry path"),
    "target_level": ("目标等级", "Target level"),
    "excluded": ("裁剪的能力域", "Tailored-out domains"),
    "model": ("评估模型", "Model"),
    "model_hash": ("模型内容哈希", "Model content hash"),
    "provenance": ("模型来源说明", "Provenance of the model"),
    "summary": ("评估结论", "Result"),
    "total_score": ("成熟度得分", "Maturity score"),
    "level": ("成熟度等级", "Maturity level"),
    "level_meaning": ("等级含义", "Meaning of the level"),
    "level_scores": ("等级得分", "Level scores"),
    "level_col": ("等级", "Level"),
    "name_col": ("名称", "Name"),
    "score_col": ("得分", "Score"),
    "satisfied_col": ("满足", "Satisfied"),
    "counted_col": ("计入总分", "Counted"),
    "shortfall_col": ("距阈值", "Shortfall"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "element_scores": ("能力要素得分（按等级）", "Element scores by level"),
    "domain_scores": ("能力域得分（按等级）", "Domain scores by level"),
    "element_col": ("能力要素", "Element"),
    "domain_col": ("能力域", "Domain"),
    "subdomain_col": ("能力子域", "Sub-domain"),
    "weight_col": ("权重", "Weight"),
    "profile": ("能力子域成熟度", "Sub-domain maturity profile"),
    "profile_note": (
        "能力子域成熟度：该子域从一级起逐级累加等级得分，至首个低于阈值的等级为止（含该级），无得分的等级跳过。",
        "Sub-domain maturity: its level scores summed from level 1 up to and including its first level below "
        "the threshold; levels where it has no score are passed over.",
    ),
    "maturity_col": ("子域成熟度", "Maturity"),
    "radar_title": ("能力子域成熟度雷达图", "Sub-domain maturity radar"),
    "bars_title": ("等级得分", "Level scores"),
    "threshold": ("满足阈值", "threshold"),
    "explanation": ("判定说明", "Why this level"),
    "requirement_col": ("要求", "Requirement"),
    "clause_col": ("条款", "Clause"),
    "grade_col": ("满足程度", "Grade"),
    "impact_col": ("影响", "Impact"),
    "gaps": ("差距分析", "Gaps"),
    "path_section": ("最短提升路径", "Shortest path"),
    "formal": ("正式评估信息", "Formal assessment"),
    "assessors": ("评估师", "Assessors"),
    "reviewers": ("审查人员", "Reviewers"),
    "role_col": ("角色", "Role"),
    "organization_col": ("单位", "Organization"),
    "evidence_index": ("证据索引", "Evidence index"),
    "evidence_id_col": ("编号", "Id"),
    "evidence_title_col": ("证据", "Evidence"),
    "evidence_location_col": ("位置", "Location"),
    "evidence_requirements_col": ("支持的要求", "Supports"),
    "appendix": ("附录：全部要求及评分", "Appendix: every requirement and its rating"),
    "appendix_note": (
        "要求编号为“能力子域.等级.序号”；每条要求后为其满足程度。",
        "Requirement ids read sub-domain.level.number; each requirement shows its grade.",
    ),
    "points_col": ("分值", "Points"),
    "evidence_col": ("证据数", "Evidence"),
    "notes_col": ("备注", "Notes"),
    "page": ("第 {page} 页，共 {pages} 页", "Page {page} of {pages}"),
    "none": ("无", "none"),
    "before": ("前", "Before"),
    "after": ("后", "After"),
    "delta": ("变化", "Change"),
    "comparison_summary": ("总体变化", "Overall change"),
    "comparison_levels": ("各等级得分变化", "Level scores"),
    "comparison_elements": ("能力要素成熟度变化", "Element maturity"),
    "comparison_domains": ("能力域成熟度变化", "Domain maturity"),
    "comparison_subdomains": ("能力子域成熟度变化", "Sub-domain maturity"),
    "comparison_changes": ("满足程度发生变化的要求", "Requirements whose grade changed"),
    "comparison_note": (
        "能力要素、能力域与能力子域的成熟度按同一规则计算：从一级起逐级累加等级得分，至首个低于阈值的等级为止。",
        "Element, domain and sub-domain maturity follow one rule: level scores summed from level 1 up to and "
        "including the first level below the threshold.",
    ),
    "no_changes": ("无变化", "no change"),
    "not_rated": ("未评", "not rated"),
}

RESULT_KIND_WORDING: Mapping[str, tuple[str, str]] = {
    "self_declared": ("自评（企业自行声明，未经评估机构评审）", "Self-declared (not reviewed by an assessment body)"),
    "reviewed": ("评审（经评估机构正式评估）", "Reviewed (formal assessment by an assessment body)"),
    "certified": ("认证（已获标准符合性证书）", "Certified (certificate of conformity issued)"),
}


def localize(table: Mapping[str, tuple[str, str]], lang: Lang) -> dict[str, str]:
    index = 0 if lang == "zh" else 1
    return {key: pair[index] for key, pair in table.items()}
