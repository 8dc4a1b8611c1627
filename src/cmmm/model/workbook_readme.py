"""The text of the readme sheet (说明) of a model workbook: how to edit it, and where its clauses come from.

The provenance statement comes first because a workbook travels on its own, away from the platform that
labels every page with it; an edited sheet must not lose the note that tells reference text from official.
"""

from __future__ import annotations

from cmmm.model import workbook_layout as layout
from cmmm.model.schema import Model

_SHEETS = (
    (layout.REQUIREMENTS, "每行一条成熟度要求（条款）", "one requirement (clause) per row"),
    (layout.STRUCTURE, "能力要素、能力域、能力子域及能力子域权重，每行一个能力子域", "elements, domains, sub-domains"),
    (layout.ENVELOPE, "模型标识、版本、名称、发布者、来源、语言", "id, version, title, publisher, provenance, locales"),
    (layout.LEVELS, "成熟度等级及其描述", "maturity levels"),
    (layout.GRADES, "满足程度及分值", "satisfaction grades and their points"),
    (layout.BANDS, "成熟度得分到成熟度等级的分段", "score bands of the levels"),
    (layout.METHOD, "阈值、显示小数位数、舍入方式", "threshold, display decimals, rounding"),
    (layout.PATHS, "行业路径（离散型、流程型）", "industry paths"),
    (layout.TEMPLATES, "各行业路径的能力域权重模板及理由", "domain weight templates per path, with rationale"),
)

_RULES = (
    (
        "第 1 行为中文表头，第 2 行为英文表头。请勿改动工作表名称和表头，也不要增加其他列：无法识别的列会报错。",
        "Row 1 holds the Chinese headers, row 2 the English ones. Keep the sheet names and headers and add no"
        " other columns: an unknown column is an error.",
    ),
    (
        "要求标识为“能力子域标识.等级.序号”（如 data.3.2），同一能力子域、同一等级内从 1 起连续编号；"
        "行按能力子域、等级从低到高排列。",
        "Requirement ids are <sub-domain>.<level>.<n> (e.g. data.3.2), numbered 1, 2, ... per sub-domain and"
        " level; rows are ordered by level within their sub-domain.",
    ),
    (
        "能力子域须先在“结构”表中定义；“要求”表中的要素标识、能力域标识须与“结构”表一致。",
        "A sub-domain must be defined in the structure sheet; element and domain ids must match it.",
    ),
    (
        "典型证据：一个单元格内每行一项，各语言按行对应。判定指引和行业路径措辞可以留空；其他文本每种语言都须填写。",
        "Typical evidence: one item per line, the lines of each language matching. Guidance and path wordings"
        " may be empty; every other text is needed in every language.",
    ),
    (
        "等级为整数；权重、分值、阈值按数字填写。满足程度“不适用”的分值留空。",
        "Levels are integers; weights, points and thresholds are numbers. The not-applicable grade has no points.",
    ),
    (
        "导入：cmmm model import 本文件.xlsx -o 模型.yaml。有问题时列出全部问题及其工作表、行、列（如 要求!F12），"
        "且不写出任何文件。",
        "Import: cmmm model import THIS.xlsx -o MODEL.yaml. Every problem is listed with its sheet, row and column"
        " (e.g. 要求!F12), and no file is written.",
    ),
    (
        "持有官方条款文本的评估机构：将 provenance.kind 改为 official，并更新来源声明、模型标识和版本。",
        "An assessment body with the official clause texts sets provenance.kind to official and updates the"
        " provenance statement, the model id and the version.",
    ),
)


def readme_lines(model: Model) -> list[tuple[str, bool]]:
    """The lines of the readme sheet, each with whether it is a heading."""
    zh, en = model.locales[0], model.locales[-1]
    lines = [(f"{model.title.get(zh, model.id)}（{model.ref}）", True)]
    lines.append(("来源声明 / Provenance", True))
    lines.extend((model.provenance.statement[code], False) for code in model.locales)
    lines.append(("", False))
    lines.append(("如何编辑 / How to edit", True))
    for number, (rule_zh, rule_en) in enumerate(_RULES, start=1):
        lines.append((f"{number}. {rule_zh}", False))
        if en != zh:
            lines.append((f"   {rule_en}", False))
    lines.append(("", False))
    lines.append(("工作表 / Sheets", True))
    lines.extend((f"{name}：{what_zh} / {what_en}", False) for name, what_zh, what_en in _SHEETS)
    return lines
