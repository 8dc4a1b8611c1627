"""Unified social credit codes (GB 32100-2015): published codes, the check arithmetic, and the errors."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmmm.codes.credit_code import (
    ALPHABET,
    CHECK_WEIGHTS,
    check_character,
    credit_code_problems,
    is_valid_credit_code,
    make_credit_code,
    organization_check_character,
    parse_credit_code,
    validate_credit_code,
)
from cmmm.errors import CreditCodeInvalid

PUBLISHED = {
    "914403001922038216": "华为技术有限公司",
    "91440300708461136T": "腾讯科技（深圳）有限公司",
    "91110108551385082Q": "小米科技有限责任公司",
    "91330100799655058B": "阿里巴巴（中国）有限公司",
    "91110000710926094P": "中国石油化工股份有限公司",
    "91440300192317458F": "比亚迪股份有限公司",
    "91110000802100433B": "北京百度网讯科技有限公司",
    "9111000071093123XX": "国家电网有限公司",
}


@pytest.mark.parametrize("code", sorted(PUBLISHED))
def test_published_codes_of_real_enterprises_are_valid(code: str) -> None:
    assert validate_credit_code(code) == code
    assert is_valid_credit_code(code)


def test_final_check_character_is_31_minus_the_weighted_sum_mod_31() -> None:
    first17 = "91440300192203821"
    values = [ALPHABET.index(ch) for ch in first17]
    assert values[:4] == [9, 1, 4, 4]
    total = sum(v * w for v, w in zip(values, CHECK_WEIGHTS, strict=True))
    assert check_character(first17) == ALPHABET[31 - total % 31] == "6"
    assert tuple(3**i % 31 for i in range(17)) == CHECK_WEIGHTS


def test_organization_code_check_is_gb_11714() -> None:
    # Huawei 19220382-1: 1*3 + 9*7 + 2*9 + 2*10 + 0*5 + 3*8 + 8*4 + 2*2 = 164; 164 mod 11 = 10; 11 - 10 = 1
    assert organization_check_character("19220382") == "1"
    # State Grid 71093123-X: the sum 155 leaves 1, and 11 - 1 = 10 is written X
    assert organization_check_character("71093123") == "X"


def test_lower_case_and_spaces_are_normalized() -> None:
    assert validate_credit_code("  91440300708461136t ") == "91440300708461136T"


def test_parts_of_a_code() -> None:
    code = parse_credit_code("914403001922038216")
    assert (code.registration_authority, code.organization_type) == ("9", "1")
    assert code.region_code == "440300"
    assert code.organization_code == "192203821"
    assert code.check_character == "6"


def test_wrong_length_is_reported_with_the_length() -> None:
    with pytest.raises(CreditCodeInvalid) as caught:
        validate_credit_code("91440300192203821")
    assert "17" in caught.value.problems[0].en
    assert "18 位" in caught.value.problems[0].zh


def test_forbidden_letters_are_reported_by_position() -> None:
    problems = credit_code_problems("9144030019220382IO")
    assert [p.en.split(" (")[0] for p in problems] == ["character 17", "character 18"]
    assert "'I'" in problems[0].en and "'O'" in problems[1].zh


def test_region_positions_must_be_digits() -> None:
    problems = credit_code_problems("9144A3001922038216")
    assert len(problems) == 1
    assert "character 5" in problems[0].en and "administrative division" in problems[0].en


def test_a_wrong_final_check_character_says_which_is_expected() -> None:
    with pytest.raises(CreditCodeInvalid) as caught:
        validate_credit_code("914403001922038217")
    assert [p.en for p in caught.value.problems] == ["check character 18 should be 6, got 7"]
    assert "应为 6" in caught.value.text("zh")


def test_a_wrong_organization_check_character_is_one_problem_not_two() -> None:
    problems = credit_code_problems("914403001922038226")
    assert [p.en for p in problems] == ["character 17 (the organization code's check character) should be 1, got 2"]


regions = st.text(alphabet="0123456789", min_size=6, max_size=6)
serials = st.integers(min_value=0, max_value=10**8 - 1)


@given(regions, serials, st.integers(min_value=0, max_value=2**32))
def test_every_made_code_is_valid_and_keeps_its_region(region: str, serial: int, seed: int) -> None:
    code = make_credit_code(region, serial, random.Random(seed))
    assert validate_credit_code(code) == code
    assert parse_credit_code(code).region_code == region


@given(regions, serials, st.integers(min_value=0, max_value=17), st.sampled_from(ALPHABET + "IOZSV"))
def test_changing_any_one_character_breaks_the_code(region: str, serial: int, position: int, new: str) -> None:
    code = make_credit_code(region, serial)
    changed = code[:position] + new + code[position + 1 :]
    if changed != code:
        assert not is_valid_credit_code(changed)


def test_distinct_serials_give_distinct_codes() -> None:
    rng = random.Random(7)
    codes = {make_credit_code("320214", serial, rng) for serial in range(20_000)}
    assert len(codes) == 20_000


def test_make_credit_code_refuses_a_malformed_region() -> None:
    with pytest.raises(ValueError, match="6 digits"):
        make_credit_code("3202", 1)
