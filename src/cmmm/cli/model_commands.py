"""``cmmm model ...``: export, import, validate and show model files (the standard as data).

Files are written whole or not at all: into a temporary file beside the target, renamed only on success, so
a failed import never leaves a partial model file where a valid one is expected.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from cmmm.cli.output import LANG_OPTION, Language, say, table, user_errors, write_stdout
from cmmm.errors import ModelInvalid, ModelNotFound
from cmmm.model.loader import get_model, json_schema_text, load_model_file
from cmmm.model.schema import Model

model_app = typer.Typer(
    help="模型：导出、导入、校验、查看 / model: export, import, validate, show", no_args_is_help=True
)

ModelOption = Annotated[
    str | None,
    typer.Option("--model", "-m", help="模型 id@version 或模型文件路径 / model id@version or file"),
]


class ExportFormat(StrEnum):
    json = "json"
    yaml = "yaml"
    xlsx = "xlsx"


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
    export_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="json | yaml | xlsx")
    ] = ExportFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件（xlsx 必填）/ write to this file (needed for xlsx)")
    ] = None,
    model_ref: ModelOption = None,
    lang: Language = LANG_OPTION,
) -> None:
    """导出整个模型（JSON、YAML 或 Excel 工作簿）/ export the whole model (JSON, YAML or an Excel workbook)."""
    if export_format is ExportFormat.xlsx and output is None:
        raise typer.BadParameter(
            say(lang, "导出 xlsx 需要 --output 文件", "xlsx export needs an --output file"), param_hint="--output"
        )
    with user_errors(lang):
        model = resolve_model(model_ref)
        data = _exported(model, export_format)
        if output is None:
            write_stdout(data.decode("utf-8"))
            return
        write_atomically(output, data, lang)
        write_stdout(say(lang, f"已导出 {model.ref} 到 {output}", f"exported {model.ref} to {output}"))


def _exported(model: Model, export_format: ExportFormat) -> bytes:
    """JSON keeps the content hash for readers; YAML is a model file that loads back to that hash."""
    from cmmm.model.workbook import model_to_workbook, model_to_yaml  # openpyxl loads only when needed

    if export_format is ExportFormat.xlsx:
        return model_to_workbook(model)
    if export_format is ExportFormat.yaml:
        return model_to_yaml(model).encode("utf-8")
    return (json.dumps(model_as_data(model), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@model_app.command("import")
def import_model(
    sheet: Annotated[Path, typer.Argument(help="编辑后的模型工作簿 / edited model workbook (.xlsx)")],
    output: Annotated[Path, typer.Option("--output", "-o", help="要写入的模型文件 / model file to write (YAML)")],
    lang: Language = LANG_OPTION,
) -> None:
    """把 Excel 工作簿导入为模型文件；有问题时列出全部问题及其单元格，且不写文件 / import a workbook as a model file."""
    from cmmm.model.workbook import model_from_workbook, model_to_yaml

    with user_errors(lang):
        try:
            data = sheet.read_bytes()
        except OSError as error:
            raise ModelInvalid(f"无法读取工作簿 {sheet}：{error}", f"cannot read workbook {sheet}: {error}") from None
        model = model_from_workbook(data, str(sheet))
        write_atomically(output, model_to_yaml(model).encode("utf-8"), lang)
        count = len(model.index.requirements)
        write_stdout(
            say(
                lang,
                f"已写入 {output}：{model.ref}，{len(model.index.subdomains)} 个能力子域，{count} 条要求，"
                f"内容哈希 {model.content_hash}",
                f"wrote {output}: {model.ref}, {len(model.index.subdomains)} sub-domains, {count} requirements, "
                f"content hash {model.content_hash}",
            )
        )


def write_atomically(target: Path, data: bytes, lang: Language) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it: ``target`` is whole or untouched.

    The temporary file is opened like any new file (its mode follows the umask), so the result is too.
    """
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        with temporary.open("xb") as stream:
            stream.write(data)
        temporary.replace(target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        typer.echo(say(lang, f"无法写入 {target}：{error}", f"cannot write {target}: {error}"), err=True)
        raise typer.Exit(1) from None


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
