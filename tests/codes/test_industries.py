"""Industry codes (GB/T 4754-2017): the bundled table, the manufacturing test, and the errors."""

from __future__ import annotations

import pytest

from cmmm.codes.industries import (
    bundled_industries,
    industry,
    is_manufacturing,
    load_industries_text,
    manufacturing_divisions,
)
from cmmm.errors import CodeTableInvalid, IndustryUnknown


def test_bundled_table_has_sections_a_to_t_and_divisions_13_to_43() -> None:
    table = bundled_industries()
    assert "".join(table.sections) == "ABCDEFGHIJKLMNOPQRST"
    assert [d.code for d in manufacturing_divisions()] == [str(n) for n in range(13, 44)]
    assert all(d.zh and d.en and d.section == "C" for d in manufacturing_divisions())


def test_every_division_number_from_1_to_97_belongs_to_exactly_one_section() -> None:
    table = bundled_industries()
    assert all(table.section_of_division(n) is not None for n in range(1, 98))
    assert table.section_of_division(98) is None


@pytest.mark.parametrize("code", ["C", "13", "39", "43", "391", "3911", "C39", "C3911", " c36 "])
def test_manufacturing_codes(code: str) -> None:
    assert is_manufacturing(code)


@pytest.mark.parametrize("code", ["A", "B", "12", "44", "0610", "6510", "A39", "D39", "", "x", "99", "12345"])
def test_codes_that_are_not_manufacturing(code: str) -> None:
    assert not is_manufacturing(code)


def test_lookups_give_the_section_or_division() -> None:
    assert industry("C").zh == "制造业"
    assert industry("39").zh == "计算机、通信和其他电子设备制造业"
    assert industry("3911").code == "39"
    assert industry("C15").en == "Manufacture of liquor, beverages and refined tea"
    assert industry("I").level == "section"


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("1", "section letter or 2-4 digits"),
        ("A39", "belongs to section C, not A"),
        ("98", "no division 98"),
        ("44", "only the divisions of section C"),
        ("Z", "section letter or 2-4 digits"),
    ],
)
def test_unknown_codes_say_why(code: str, says: str) -> None:
    with pytest.raises(IndustryUnknown) as caught:
        industry(code)
    assert says in caught.value.problems[0].en


def test_a_broken_table_reports_every_problem() -> None:
    text = """
sections:
- {code: A, zh: 农业, en: Agriculture, divisions: [1, 5]}
- {code: B, zh: 采矿业, en: Mining, divisions: [5, 12]}
- {code: c, zh: 制造业, en: Manufacturing, divisions: [13, 43]}
divisions:
- {code: "13", zh: 农副食品加工业, en: Food}
- {code: "03", zh: 畜牧业}
- {code: "50", zh: 建筑, en: Construction}
"""
    with pytest.raises(CodeTableInvalid) as caught:
        load_industries_text(text, "broken.yaml")
    assert [p.location for p in caught.value.problems] == [
        "sections[1].divisions",
        "sections[2].code",
        "divisions[0].code",
        "divisions[1].en",
        "divisions[2].code",
    ]
