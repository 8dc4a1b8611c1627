"""Excel round-trip of a model: an assessment body edits its clause table in a workbook and imports it back.

An imported workbook passes the same validation as a YAML model file (``model_from_data``), and every
problem is reported at once at the sheet cell it concerns (``要求!F12``), model rules included. An untouched
export imports to the identical model, content hash and all (R14); ``model_to_yaml`` then writes the file.
"""

from __future__ import annotations

import warnings
from io import BytesIO
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from cmmm.errors import ModelInvalid, Problem
from cmmm.model.loader import model_from_data
from cmmm.model.schema import Model
from cmmm.model.workbook_reader import WorkbookReader
from cmmm.model.workbook_writer import model_to_workbook
from cmmm.model.yaml_writer import model_to_yaml

__all__ = ["model_from_workbook", "model_to_workbook", "model_to_yaml"]


def model_from_workbook(data: bytes, source: str) -> Model:
    """The model held by an (edited) workbook, or :class:`ModelInvalid` listing every problem by cell."""
    reader = WorkbookReader(_open(data, source))
    model_data = reader.model_data()
    invalid = (f"工作簿 {source} 未通过校验", f"workbook {source} is invalid")
    if reader.incomplete:
        raise ModelInvalid(*invalid, reader.problems)
    try:
        model = model_from_data(model_data, source)
    except ModelInvalid as error:
        raise ModelInvalid(*invalid, [*reader.problems, *reader.located(error.problems)]) from None
    if reader.problems:
        raise ModelInvalid(*invalid, reader.problems)
    return model


def _open(data: bytes, source: str) -> Workbook:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation extensions, unknown styles); the
            # values it reads are the same, and a warning here is not the user's problem.
            warnings.simplefilter("ignore")
            book: Workbook = load_workbook(BytesIO(data), data_only=True)
            return book
    except (BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError) as error:
        raise ModelInvalid(
            f"{source} 不是有效的 Excel 工作簿（.xlsx）",
            f"{source} is not a valid Excel workbook (.xlsx)",
            [Problem(source, f"无法读取：{error}", f"cannot be read: {error}")],
        ) from None
