"""Load and validate policy files: YAML text -> a frozen :class:`PolicySet`, or every problem at once.

The same three passes as model files (:mod:`cmmm.model.loader`): YAML syntax with line and column, the shape
(pydantic), then the rules relating fields (:mod:`cmmm.model.policy_validation`). The policies the platform
ships live in ``cmmm/model/data/policies``; an official's edited file goes through the same checks.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cmmm.errors import CmmmError, ModelInvalid, Problem
from cmmm.model.loader import PYDANTIC_MESSAGES_ZH, parse_yaml, shape_problems
from cmmm.model.policy_schema import PolicySet
from cmmm.model.policy_validation import policy_problems

_MESSAGES_ZH = {
    **PYDANTIC_MESSAGES_ZH,
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "greater_than": "取值过小",
    "less_than_equal": "取值过大",
    "int_from_float": "应为整数（金额以元为单位）",
}


class PolicyInvalid(CmmmError):
    """A policy file does not satisfy the policy format; ``problems`` lists every violation."""


def policies_from_data(data: Any, source: str) -> PolicySet:
    """Validate parsed data as a policy file, raising :class:`PolicyInvalid` with all problems."""
    invalid = (f"政策文件 {source} 未通过校验", f"policy file {source} is invalid")
    if not isinstance(data, dict):
        raise PolicyInvalid(*invalid, [Problem("", "文件顶层应为映射", "the top level must be a mapping")])
    try:
        policy_set = PolicySet.model_validate(data)
    except ValidationError as exc:
        raise PolicyInvalid(*invalid, shape_problems(exc, _MESSAGES_ZH)) from None
    problems = policy_problems(policy_set)
    if problems:
        raise PolicyInvalid(*invalid, problems)
    return policy_set


def load_policies_text(text: str, source: str = "<text>") -> PolicySet:
    try:
        data = parse_yaml(text, source)
    except ModelInvalid as error:
        raise PolicyInvalid(
            f"政策文件 {source} 不是有效的 YAML", f"policy file {source} is not valid YAML", error.problems
        ) from None
    return policies_from_data(data, source)


def load_policies_file(path: Path) -> PolicySet:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyInvalid(f"无法读取政策文件 {path}：{exc}", f"cannot read policy file {path}: {exc}") from None
    return load_policies_text(text, str(path))


def bundled_policy_files() -> list[Path]:
    folder = resources.files("cmmm.model") / "data" / "policies"
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".yaml"))


@cache
def bundled_policies() -> PolicySet:
    """The newest bundled policy file (files are named by year, so the last sorts newest)."""
    return load_policies_file(bundled_policy_files()[-1])
