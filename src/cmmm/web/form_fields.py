"""Reading submitted forms and placing a refused form's messages next to its fields.

A use case reports each problem with a location (``lead_assessor``, ``team[0]``, ``excluded_domains.data``);
a page maps locations to its field names so that every message shows where the user can fix it.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import FormData, UploadFile

from cmmm.errors import CmmmError
from cmmm.web.i18n import Lang


def text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def uploads(form: FormData, key: str) -> list[UploadFile]:
    """The non-empty files of a multipart field (a browser sends an empty part when none is chosen)."""
    return [f for f in form.getlist(key) if isinstance(f, UploadFile) and f.filename]


def field_errors(error: CmmmError, lang: Lang, field_of: Callable[[str], str]) -> dict[str, str]:
    """Field name -> its messages; ``""`` holds the error's summary and the problems of no known field."""
    found: dict[str, list[str]] = {"": [error.zh if lang == "zh" else error.en]}
    for problem in error.problems:
        message = problem.zh if lang == "zh" else problem.en
        found.setdefault(field_of(problem.location), []).append(message)
    return {name: "；".join(messages) if lang == "zh" else "; ".join(messages) for name, messages in found.items()}
