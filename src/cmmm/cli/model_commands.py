"""``cmmm model ...``: export, validate and show model files (the standard as data)."""

from __future__ import annotations

import json
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from cmmm.cli.output import LANG_OPTION, Language, say, table, user_errors, write_stdout
from cmmm.errors import ModelNotFound
from cmmm.model.loader import get_model, json_schema_text, load_model_file
from cmmm.model.schema import Model

model_app = typer.Typer(help="模型：导出、校验、查看 / model: export, validate, show", no_args_is_help=True)

ModelOption = Annotated[
    str | None,
    typer.Option("--model", "-m", help="模型 id@version 或模型文件路径 / model id@version or file"),
]


class ExportFormat(StrEnum):
    json = "json"
    yaml = "yaml"


def resolve_model(reference: str | None) -> Model:
    """A model named by ``id@version`` among the bundled ones, or by the path of a model file."""
    if reference and (reference.endswith((".yaml", ".yml")) or Path(reference).is_file()):
        return load_model_file(Path(reference))
    return get_model(reference)


def model_as_data(model: Model) -> dict[str, Any]:
    data = model.model_dump(mode="json", exclude_none=True)
    data["content_hash"] = model.content_hash
    return data


@model_app.command("export")
def export_model(
    export_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json | yaml")] = ExportFormat.json,
    model_ref: ModelOption = None,
    lang: Language = LANG_OPTION,
) -> None:
    """打印整个模型 / print the whole model."""
    with user_errors(lang):
        model = resolve_model(model_ref)
        data = model_as_data(model)
        if export_format is ExportFormat.json:
            write_stdout(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            data.pop("content_hash")
            write_stdout(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110))


@model_app.command("validate")
def validate_model(
    file: Annotated[Path, typer.Argument(help="模型文件 / model file (YAML)")],
    lang: Language = LANG_OPTION,
) -> None:
    """校验模型文件，列出全部问题及其位置 / validate a model file, listing every problem and where."""
    with user_errors(lang):
        model = load_model_file(file)
        count = len(model.index.requirements)
        write_stdout(
            say(
                lang,
                f"有效：{model.ref}，{len(model.index.subdomains)} 个能力子域，{count} 条要求，"
                f"内容哈希 {model.content_hash}",
                f"valid: {model.ref}, {len(model.index.subdomains)} sub-domains, {count} requirements, "
                f"content hash {model.content_hash}",
            )
        )


@model_app.command("schema")
def schema() -> None:
    """打印模型文件的 JSON Schema / print the JSON Schema of the model format."""
    write_stdout(json_schema_text())


@model_app.command("show")
def show_model(
    subdomain: Annotated[str | None, typer.Argument(help="能力子域标识 / sub-domain id")] = None,
    model_ref: ModelOption = None,
    lang: Language = LANG_OPTION,
) -> None:
    """以表格查看模型或某个能力子域的要求 / show the model, or one sub-domain's requirements, as a table."""
    with user_errors(lang):
        model = resolve_model(model_ref)
        code = lang.value
        write_stdout(f"{model.title[code]}  {model.ref}\n{model.provenance.statement[code]}\n")
        write_stdout(_subdomain_table(model, subdomain, code) if subdomain else _overview_table(model, code))


def _overview_table(model: Model, code: str) -> str:
    levels = [lv.number for lv in model.levels]
    rows = []
    for element in model.elements:
        for domain in element.domains:
            for sub in domain.subdomains:
                per_level = Counter(r.level for r in sub.requirements)
                rows.append(
                    [
                        element.name[code],
                        domain.name[code],
                        f"{sub.name[code]} ({sub.id})",
                        *(str(per_level.get(n, "-")) for n in levels),
                        str(len(sub.requirements)),
                    ]
                )
    headers = [
        *(["要素", "能力域", "能力子域"] if code == "zh" else ["Element", "Domain", "Sub-domain"]),
        *(f"L{n}" for n in levels),
        "Σ",
    ]
    return table(headers, rows)


def _subdomain_table(model: Model, subdomain: str, code: str) -> str:
    sub = model.index.subdomains.get(subdomain)
    if sub is None:
        known = ", ".join(model.index.subdomains)
        raise ModelNotFound(f"未知的能力子域 {subdomain}（可选：{known}）", f"unknown sub-domain {subdomain} ({known})")
    headers = ["要求", "等级", "条款"] if code == "zh" else ["Requirement", "Level", "Clause"]
    rows = [[r.id, str(r.level), r.text[code]] for r in sub.requirements]
    return f"{sub.name[code]} ({sub.id})\n" + table(headers, rows)
