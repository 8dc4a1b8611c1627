"""Write a model back as a YAML model file in the layout of the bundled files.

The text must load back to the same content hash (R14), so every value is written in a form that the
loader reads back exactly: a decimal becomes a plain number only when YAML and pydantic turn that number
back into the same decimal (``0.80`` would come back as ``0.8``), otherwise it is kept as a quoted string.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import yaml

from cmmm.model.schema import Model

_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def is_plain_decimal(value: Decimal) -> bool:
    """True when writing ``value`` as a plain number and reading it back as a float gives the same decimal.

    The loaders (YAML, and the workbook reader) turn a float into ``Decimal(repr(float))``; the content hash
    uses the decimal's text, so ``Decimal("0.80")`` or ``Decimal("1E+2")`` must not pass through a float.
    """
    text = str(value)
    if not _PLAIN_DECIMAL.fullmatch(text):
        return False
    return "." not in text or str(Decimal(repr(float(text)))) == text


class _Quoted(str):
    """A string always written in quotes (the model ``version``, which YAML could read as a number)."""


class _ModelDumper(yaml.SafeDumper):
    """A safe dumper for model data: decimals as numbers where exact, ``version`` quoted."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = str(value)
    if not is_plain_decimal(value):
        return dumper.represent_str(text)
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


def _represent_quoted(dumper: yaml.SafeDumper, value: _Quoted) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="'")


_ModelDumper.add_representer(Decimal, _represent_decimal)
_ModelDumper.add_representer(_Quoted, _represent_quoted)

_OMITTED_WHEN_EMPTY = {"guidance", "text_by_path", "based_on"}


def _pruned(value: Any) -> Any:
    """Drop optional keys that hold nothing (as the bundled files do); tuples become YAML lists."""
    if isinstance(value, dict):
        return {
            key: _pruned(item)
            for key, item in value.items()
            if not (key in _OMITTED_WHEN_EMPTY and not item) and not (key == "weight" and str(item) == "1")
        }
    if isinstance(value, list | tuple):
        return [_pruned(item) for item in value]
    return value


def model_data(model: Model) -> dict[str, Any]:
    """The model as plain data in schema order, ready for YAML; decimals stay :class:`Decimal`."""
    data: dict[str, Any] = _pruned(model.model_dump(mode="python"))
    data["version"] = _Quoted(model.version)
    return data


def model_to_yaml(model: Model) -> str:
    """A YAML model file of ``model``: keys in schema order, unicode kept, one line per value."""
    lang = model.locales[0]
    title = model.title.get(lang, model.id)
    statement = model.provenance.statement.get(lang, model.provenance.kind)
    header = "".join(_comment(line) for line in (f"{title} ({model.ref})", statement))
    body = yaml.dump(model_data(model), Dumper=_ModelDumper, allow_unicode=True, sort_keys=False, width=1_000_000)
    return header + body


def _comment(text: str) -> str:
    """A one-line YAML comment: a line break in a title or statement would end the comment early."""
    return "# " + " ".join(text.split()) + "\n"
