"""Load and validate model files: YAML text -> a frozen :class:`Model`, or every problem at once.

Three passes, each reporting all it finds with a path in the file: YAML syntax (with line and column, and
duplicate keys, which YAML would otherwise silently overwrite), the shape (pydantic), then the rules that
relate parts of the file (:mod:`cmmm.model.validation`). Bundled models ship in ``cmmm/model/data``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from cmmm.errors import ModelInvalid, ModelNotFound, Problem
from cmmm.model.schema import Model
from cmmm.model.validation import semantic_problems

PYDANTIC_MESSAGES_ZH = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不允许的字段（格式中没有此键）",
    "string_pattern_mismatch": "格式不符合要求",
    "string_too_short": "不能为空",
    "string_too_long": "过长",
    "string_type": "应为字符串",
    "too_short": "条目过少",
    "greater_than": "取值过小",
    "greater_than_equal": "取值过小",
    "less_than_equal": "取值过大",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "literal_error": "取值不在允许范围内",
    "dict_type": "应为映射（键: 值）",
    "tuple_type": "应为列表",
    "model_type": "应为映射（键: 值）",
}


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that refuses duplicate keys instead of keeping the last one."""


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    keys: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in keys:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (line {mark.line + 1}, column {mark.column + 1})", mark
            )
        keys.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping)


def format_location(loc: tuple[int | str, ...]) -> str:
    """``('elements', 3, 'domains', 0, 'id')`` -> ``elements[3].domains[0].id``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_yaml(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        detail = exc.problem or str(exc)
        raise ModelInvalid(
            f"模型文件 {source} 不是有效的 YAML",
            f"model file {source} is not valid YAML",
            [Problem(where, f"YAML 语法错误：{detail}", f"YAML syntax error: {detail}")],
        ) from None
    except yaml.YAMLError as exc:
        raise ModelInvalid(
            f"模型文件 {source} 不是有效的 YAML",
            f"model file {source} is not valid YAML",
            [Problem(source, f"YAML 语法错误：{exc}", f"YAML syntax error: {exc}")],
        ) from None


def shape_problems(error: ValidationError, messages_zh: dict[str, str] = PYDANTIC_MESSAGES_ZH) -> list[Problem]:
    """Pydantic's errors as located problems, with a Chinese message per error type (every data file uses it)."""
    problems = []
    for item in error.errors(include_url=False):
        location = format_location(tuple(item["loc"]))
        zh = messages_zh.get(item["type"], "取值无效")
        problems.append(Problem(location, f"{zh}（{item['msg']}）", item["msg"]))
    return problems


def model_from_data(data: Any, source: str) -> Model:
    """Validate already parsed data (YAML or JSON) as a model, raising :class:`ModelInvalid` with all problems."""
    invalid = (f"模型文件 {source} 未通过校验", f"model file {source} is invalid")
    if not isinstance(data, dict):
        raise ModelInvalid(*invalid, [Problem("", "文件顶层应为映射", "the top level must be a mapping")])
    try:
        model = Model.model_validate(data)
    except ValidationError as exc:
        raise ModelInvalid(*invalid, shape_problems(exc)) from None
    problems = semantic_problems(model)
    if problems:
        raise ModelInvalid(*invalid, problems)
    return model


def load_model_text(text: str, source: str = "<text>") -> Model:
    return model_from_data(parse_yaml(text, source), source)


def load_model_file(path: Path) -> Model:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelInvalid(f"无法读取模型文件 {path}：{exc}", f"cannot read model file {path}: {exc}") from None
    return load_model_text(text, str(path))


def bundled_model_files() -> list[Path]:
    folder = resources.files("cmmm.model") / "data"
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".yaml"))


@cache
def bundled_models() -> tuple[Model, ...]:
    return tuple(load_model_file(path) for path in bundled_model_files())


def default_model() -> Model:
    """The newest bundled reference model, used when an answers file names none."""
    return bundled_models()[-1]


def get_model(ref: str | None, extra: tuple[Model, ...] = ()) -> Model:
    """The model named ``id@version`` (or ``id`` for its newest version) among the bundled and ``extra``."""
    if not ref:
        return default_model()
    candidates = [*bundled_models(), *extra]
    model_id, _, version = ref.partition("@")
    matches = [m for m in candidates if m.id == model_id and (not version or m.version == version)]
    if not matches:
        known = ", ".join(m.ref for m in candidates)
        raise ModelNotFound(f"未找到模型 {ref}（可用：{known}）", f"no model {ref} (available: {known})")
    return matches[-1]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the model format, generated from the pydantic classes and kept in the repo."""
    return Model.model_json_schema()


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
