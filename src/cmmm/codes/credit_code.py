"""The unified social credit code (统一社会信用代码, GB 32100-2015): parse, validate, and make valid ones.

A code has 18 characters from a 31-character alphabet (no I, O, Z, S, V): registration authority (1),
organization type (1), administrative division (6 digits, GB/T 2260), organization code (9, whose last
character is its own GB 11714 check character) and a final check character (modulus 31). Validation says
exactly what is wrong and where, so that a person typing a code can fix it; region codes are checked for
shape only, because a code keeps the division in force when it was issued, which may since have changed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from cmmm.errors import CreditCodeInvalid, Problem

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters of GB 32100, in value order: a character's value is its index here."""

LENGTH = 18
CHECK_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
"""Weights of positions 1-17 for the final check character: 3**(i-1) mod 31."""

ORGANIZATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
"""GB 11714 weights of the 8 body characters of an organization code (positions 9-16 of the credit code)."""

_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_REGION = slice(2, 8)
_ORGANIZATION = slice(8, 17)

REGISTRATION_AUTHORITIES = {
    "1": ("机构编制", "institutional establishment"),
    "5": ("民政", "civil affairs"),
    "9": ("工商（市场监管）", "industry and commerce (market regulation)"),
    "Y": ("其他", "other"),
}
"""Registration authority codes of GB 32100-2015 table 1 that the platform names; others are not rejected."""


@dataclass(frozen=True)
class CreditCode:
    """A valid code split into its parts (positions are 1-based in GB 32100)."""

    text: str

    @property
    def registration_authority(self) -> str:
        return self.text[0]

    @property
    def organization_type(self) -> str:
        return self.text[1]

    @property
    def region_code(self) -> str:
        return self.text[_REGION]

    @property
    def organization_code(self) -> str:
        return self.text[_ORGANIZATION]

    @property
    def check_character(self) -> str:
        return self.text[-1]


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (GB 32100): 31 - (weighted sum mod 31), where 31 becomes 0."""
    total = sum(_VALUE[ch] * weight for ch, weight in zip(first17, CHECK_WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def organization_check_character(body8: str) -> str:
    """GB 11714: 11 - (weighted sum mod 11), where 10 becomes X and 11 becomes 0; letters count A=10 .. Z=35."""
    total = sum(int(ch, 36) * weight for ch, weight in zip(body8, ORGANIZATION_CODE_WEIGHTS, strict=True))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def normalize(text: str) -> str:
    """Codes are printed in upper case and often pasted with spaces around them."""
    return text.strip().upper()


def credit_code_problems(text: str, location: str = "credit_code") -> list[Problem]:
    """Every fault of a code, in the order a person would fix them; empty if the code is valid."""
    code = normalize(text)
    if len(code) != LENGTH:
        return [
            Problem(
                location,
                f"统一社会信用代码应为 18 位，实际为 {len(code)} 位",
                f"a unified social credit code has 18 characters, got {len(code)}",
            )
        ]
    problems = [_character_problem(location, i, ch) for i, ch in enumerate(code) if ch not in _VALUE]
    problems += [
        Problem(
            location,
            f"第 {i + 1} 位应为数字（第 3-8 位是行政区划代码），实际为 {code[i]!r}",
            f"character {i + 1} must be a digit (positions 3-8 are the administrative division code), got {code[i]!r}",
        )
        for i in range(_REGION.start, _REGION.stop)
        if code[i] in _VALUE and not code[i].isdigit()
    ]
    if problems:
        return problems
    return _check_problems(code, location)


def _character_problem(location: str, index: int, ch: str) -> Problem:
    return Problem(
        location,
        f"第 {index + 1} 位字符 {ch!r} 不允许（只用数字和除 I、O、Z、S、V 以外的大写字母）",
        f"character {index + 1} ({ch!r}) is not allowed (digits and capital letters except I, O, Z, S, V)",
    )


def _check_problems(code: str, location: str) -> list[Problem]:
    problems = []
    expected_org = organization_check_character(code[8:16])
    if code[16] != expected_org:
        problems.append(
            Problem(
                location,
                f"第 17 位（组织机构代码的校验码）应为 {expected_org}，实际为 {code[16]}",
                f"character 17 (the organization code's check character) should be {expected_org}, got {code[16]}",
            )
        )
    # A wrong 17th character is one typo: judge the 18th against the corrected one, or one typo reads as two.
    expected = check_character(code[:16] + expected_org)
    if code[17] != expected:
        problems.append(
            Problem(
                location,
                f"第 18 位校验码应为 {expected}，实际为 {code[17]}",
                f"check character 18 should be {expected}, got {code[17]}",
            )
        )
    return problems


def validate_credit_code(text: str, location: str = "credit_code") -> str:
    """The normalized code, or :class:`CreditCodeInvalid` listing every fault with its position."""
    problems = credit_code_problems(text, location)
    if problems:
        raise CreditCodeInvalid(
            f"统一社会信用代码 {text.strip()!r} 无效",
            f"unified social credit code {text.strip()!r} is invalid",
            problems,
        )
    return normalize(text)


def is_valid_credit_code(text: str) -> bool:
    return not credit_code_problems(text)


def parse_credit_code(text: str) -> CreditCode:
    return CreditCode(validate_credit_code(text))


_MA_SPACE = 31**6
_NUMERIC_SPACE = 10**8


def make_credit_code(region_code: str, serial: int, rng: random.Random | None = None) -> str:
    """A valid code of an enterprise (authority 9, type 1) in ``region_code``, for demo and test data.

    Distinct serials give distinct codes: the organization code body is a bijection of the serial, either
    ``MA`` + 6 characters (the style of codes issued since 2015) or, when ``rng`` picks it, 8 digits (the
    style of organization codes issued before). The bijections are affine maps so that consecutive serials
    do not look consecutive.
    """
    if len(region_code) != 6 or not region_code.isdigit():
        raise ValueError(f"region code must be 6 digits, got {region_code!r}")
    if not 0 <= serial < _NUMERIC_SPACE:
        raise ValueError(f"serial must be in [0, {_NUMERIC_SPACE}), got {serial}")
    if rng is not None and rng.random() < 0.3:
        body = f"{(serial * 48_271 + 12_345_679) % _NUMERIC_SPACE:08d}"
    else:
        body = "MA" + _base31((serial * 7_919 + 104_729) % _MA_SPACE, 6)
    first17 = f"91{region_code}{body}{organization_check_character(body)}"
    return first17 + check_character(first17)


def _base31(value: int, width: int) -> str:
    digits = []
    for _ in range(width):
        value, digit = divmod(value, 31)
        digits.append(ALPHABET[digit])
    return "".join(reversed(digits))
