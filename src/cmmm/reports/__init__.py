"""Reports and exports of assessments: a localized :class:`ReportModel` rendered as PDF, Word or Excel.

Building is pure (model, result, answers, enterprise details, language in; plain values out); rendering
turns those values into bytes. Charts use matplotlib's object API, never pyplot, so rendering holds no
global state.
"""
