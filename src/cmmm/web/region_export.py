"""The regional dashboard as an Excel workbook (openpyxl): one sheet per table of the page, headers in the
reader's language, numbers as numbers so that officials can sort and chart them."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from openpyxl import Workbook

from cmmm.errors import Lang
from cmmm.model.schema import Model
from cmmm.services.dashboards import Counts, RegionDashboard
from cmmm.web.i18n import gettext_for
from cmmm.web.region_labels import industry_label, region_label, requirement_label, size_label, subdomain_label

LEVELS = range(6)


def _counts_sheet(book: Workbook, title: str, first: str, counts: Counts, name: Callable[[str], str]) -> None:
    sheet = book.create_sheet(title[:31])
    sheet.append([first, *(f"L{level}" for level in LEVELS), "Σ"])
    for key, by_level in counts.items():
        sheet.append([name(key), *(by_level.get(level, 0) for level in LEVELS), sum(by_level.values())])


def _rows_sheet(book: Workbook, title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    sheet = book.create_sheet(title[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))


def dashboard_workbook(dashboard: RegionDashboard, model: Model, lang: Lang) -> bytes:
    _ = gettext_for(lang)
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    levels = [(level, dashboard.by_level.get(level, 0), dashboard.certified_by_level.get(level, 0)) for level in LEVELS]
    _rows_sheet(book, _("Levels"), [_("Maturity level"), _("Self-declared"), _("Certified")], levels)
    _counts_sheet(book, _("Sub-regions"), _("Region"), dashboard.by_subregion, lambda k: region_label(k, lang))
    _counts_sheet(book, _("Industries"), _("Industry"), dashboard.by_industry, lambda k: industry_label(k, lang))
    _counts_sheet(book, _("Sizes"), _("Size"), dashboard.by_size, lambda k: size_label(k, lang))
    _counts_sheet(book, _("Years"), _("Year"), dashboard.by_year, str)
    profile = [
        (subdomain_label(model, sub, lang), dashboard.profile.get(sub), dashboard.national_profile.get(sub))
        for sub in model.index.subdomains
    ]
    _rows_sheet(book, _("Profile"), [_("Capability sub-domain"), _("This region"), _("National")], profile)
    short = [(subdomain_label(model, s.item, lang), s.enterprises) for s in dashboard.short_subdomains]
    short += [(requirement_label(model, s.item, lang), s.enterprises) for s in dashboard.short_requirements]
    _rows_sheet(book, _("One level short"), [_("What holds them back"), _("Enterprises")], short)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
