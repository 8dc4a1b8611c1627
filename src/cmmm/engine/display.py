"""Rounding for display only (R11): exact values in, half-up decimals out; never used in comparisons.

The rounding is integer arithmetic on numerator and denominator, so that 2.295 shows 2.30 (binary floats
would show 2.29) and so that printing many results stays cheap.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def _rounded_units(value: Fraction, decimals: int) -> int:
    """``value`` x 10^decimals rounded half away from zero, as an integer."""
    return _rounded_ratio_units(value.numerator, value.denominator, decimals)


def _rounded_ratio_units(numerator: int, denominator: int, decimals: int) -> int:
    scale: int = 10**decimals
    units = (2 * abs(numerator) * scale + denominator) // (2 * denominator)
    return -units if numerator < 0 else units


def round_half_up(value: Fraction, decimals: int) -> Decimal:
    return Decimal(_rounded_units(value, decimals)).scaleb(-decimals)


def display_number(value: Fraction | None, decimals: int) -> float | None:
    """A rounded score as a JSON-friendly float (the nearest double to the rounded decimal), or None."""
    scale: int = 10**decimals
    return None if value is None else _rounded_units(value, decimals) / scale


def display_ratio(value: tuple[int, int] | None, decimals: int) -> float | None:
    """:func:`display_number` of an exact (numerator, denominator > 0), without building a Fraction."""
    scale: int = 10**decimals
    return None if value is None else _rounded_ratio_units(value[0], value[1], decimals) / scale
