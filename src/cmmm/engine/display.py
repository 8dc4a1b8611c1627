"""Rounding for display only (R11): exact values in, half-up decimals out; never used in comparisons."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def round_half_up(value: Fraction, decimals: int) -> Decimal:
    """Round an exact value half-up, in integer arithmetic so that 2.295 shows 2.30, not 2.29."""
    scale = 10**decimals
    scaled = value * scale
    sign = -1 if scaled < 0 else 1
    magnitude = abs(scaled)
    rounded = (magnitude.numerator * 2 + magnitude.denominator) // (magnitude.denominator * 2)
    return Decimal(sign * rounded).scaleb(-decimals)


def display_number(value: Fraction | None, decimals: int) -> float | None:
    """A rounded score as a JSON-friendly float, or None for an absent score."""
    return None if value is None else float(round_half_up(value, decimals))
