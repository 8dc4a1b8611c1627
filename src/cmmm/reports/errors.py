"""Errors of report building and workbook import, each a ``<Noun><Problem>`` :class:`CmmmError`.

They carry every problem found, located by a JSON path (``enterprise.evidence[2].requirements[0]``) or a
worksheet cell (``评分!G7``: sheet, column and row), so that a user fixes all of them in one pass.
"""

from __future__ import annotations

from cmmm.errors import CmmmError


class EnterpriseInvalid(CmmmError):
    """The enterprise details of an answers file are malformed or cite unknown requirements."""


class WorkbookInvalid(CmmmError):
    """A ratings workbook cannot be imported; nothing is imported, every faulty cell is listed."""


class ComparisonInvalid(CmmmError):
    """Two results cannot be compared: they were scored against different models."""


class ReportFontMissing(CmmmError):
    """The CJK font that reports embed is not installed (scripts/setup installs fonts-noto-cjk)."""


class ReportFormatUnknown(CmmmError):
    """No renderer is registered for the requested output format."""
