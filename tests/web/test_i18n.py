"""Every message the pages show has its Chinese translation (Chinese is the default language)."""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

from jinja2.ext import babel_extract

from cmmm.web.i18n import catalog, gettext_for, pick_language

WEB = Path(str(resources.files("cmmm.web")))


def template_messages() -> set[str]:
    found: set[str] = set()
    for template in (WEB / "templates").rglob("*.html"):
        with template.open("rb") as handle:
            for _, _, message, _ in babel_extract(handle, ["_"], [], {}):
                text = message if isinstance(message, str) else (message or (None,))[0]
                if isinstance(text, str):  # None for a message computed at run time: _(record.label)
                    found.add(text)
    return found


def code_messages() -> set[str]:
    """Literal arguments of ``_(...)`` and the labels given to ``register_nav(...)`` in the web package."""
    found: set[str] = set()
    for source in WEB.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
                position = {"_": 0, "register_nav": 1}.get(node.func.id)
                if position is not None and len(node.args) > position:
                    argument = node.args[position]
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                        found.add(argument.value)
    return found


def test_every_page_message_has_a_chinese_translation() -> None:
    messages = template_messages() | code_messages()
    assert len(messages) > 50
    missing = sorted(m for m in messages if not catalog("zh").get(m))
    assert not missing, missing


def test_translations_keep_their_fields() -> None:
    for source, translated in catalog("zh").items():
        for field in ("{done}", "{total}", "{level}", "{count}", "{n}"):
            assert (field in source) == (field in translated), source


def test_language_choice_defaults_to_chinese() -> None:
    assert pick_language(None, None) == "zh"
    assert pick_language("en", "zh") == "en"
    assert pick_language("fr", "en") == "en"
    assert gettext_for("zh")("level {n}", n=3) == "3 级"
    assert gettext_for("en")("level {n}", n=3) == "level 3"
