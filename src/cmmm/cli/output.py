"""Terminal output for the CLI: language choice, aligned tables that count CJK characters as two columns,
and the one place where domain errors become messages and exit codes (0 success, 1 domain error, 2 usage).
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum

import typer

from cmmm.errors import CmmmError, Lang


class Language(StrEnum):
    zh = "zh"
    en = "en"


def default_language() -> Language:
    return Language.en if os.environ.get("CMMM_LANG", "zh").lower().startswith("en") else Language.zh


LANG_OPTION = typer.Option(
    default_factory=default_language,
    help="输出语言 / output language (zh, en); 也可设置 CMMM_LANG",
    show_default=False,
)


def say(lang: Language | Lang, zh: str, en: str) -> str:
    return zh if _code(lang) == "zh" else en


def _code(lang: Language | Lang) -> Lang:
    return "en" if (lang.value if isinstance(lang, Language) else lang) == "en" else "zh"


@contextmanager
def user_errors(lang: Language) -> Iterator[None]:
    """Turn a domain error into its message on stderr and exit status 1, never a traceback."""
    try:
        yield
    except CmmmError as error:
        typer.echo(error.text(_code(lang)), err=True)
        raise typer.Exit(1) from None


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table whose columns line up in a terminal, Chinese included."""
    columns = [max(width(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)]
    lines = ["  ".join(pad(str(cell), w) for cell, w in zip(headers, columns, strict=False)).rstrip()]
    lines.append("  ".join("-" * w for w in columns))
    lines.extend("  ".join(pad(str(c), w) for c, w in zip(row, columns, strict=False)).rstrip() for row in rows)
    return "\n".join(lines)


def write_stdout(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
