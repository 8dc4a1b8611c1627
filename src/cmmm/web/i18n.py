"""Languages of the web pages: Chinese by default, English on request, with gettext catalogs read by Babel.

Templates call ``_("English text")``; the Chinese text comes from the ``.po`` files in
``locales/zh/LC_MESSAGES`` (one per area of the site, merged). English is the source language, so it needs
no catalog. A test extracts every message from the templates and fails when one lacks its translation.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Literal

from babel.messages.pofile import read_po

Lang = Literal["zh", "en"]
LANGUAGES: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANGUAGE: Lang = "zh"
LANGUAGE_COOKIE = "cmmm_lang"


@cache
def catalog(lang: Lang) -> dict[str, str]:
    """msgid -> translated text for ``lang`` (empty for English, the source language)."""
    if lang == "en":
        return {}
    folder = resources.files("cmmm.web") / "locales" / lang / "LC_MESSAGES"
    table: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".po"):
            with entry.open("rb") as handle:
                parsed = read_po(handle, locale=lang)
            table |= {str(m.id): str(m.string) for m in parsed if m.id and m.string}
    return table


def gettext_for(lang: Lang) -> Callable[..., str]:
    """A ``_`` for templates: the translation of ``text`` with ``{name}`` fields filled from keywords."""
    table = catalog(lang)

    def translate(text: str, **fields: object) -> str:
        translated = table.get(text, text)
        return translated.format(**fields) if fields else translated

    return translate


def pick_language(query: str | None, cookie: str | None) -> Lang:
    for candidate in (query, cookie):
        if candidate == "en":
            return "en"
        if candidate == "zh":
            return "zh"
    return DEFAULT_LANGUAGE
