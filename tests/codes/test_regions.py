"""Administrative divisions (GB/T 2260): the bundled table, the hierarchy that scopes policies, the errors."""

from __future__ import annotations

import re

import pytest

from cmmm.codes import regions
from cmmm.codes.regions import (
    NATIONAL,
    ancestors,
    bundled_regions,
    children,
    full_name,
    is_within,
    level_of,
    load_regions_text,
    parent,
    region,
    validate_region_code,
)
from cmmm.errors import CodeTableInvalid, RegionUnknown

POLICY_REGIONS = ["520000", "340000", "360700", "360600", "320214", "320400", "330000", "410000", "130000",
                  "610000", "510000", "210000", "370000", "321000", "120000", "440306"]  # fmt: skip


def test_bundled_table_loads_every_province_and_prefecture() -> None:
    table = bundled_regions()
    provinces = table.provinces()
    assert len(provinces) == 34  # 31 on the mainland, plus Taiwan, Hong Kong and Macao
    mainland = [p for p in provinces if p.code not in {"710000", "810000", "820000"}]
    assert all(children(p.code) for p in mainland)
    prefectures = [r for r in table if r.level == "city" and not r.virtual]
    assert len(prefectures) == 333  # 293 cities, 30 autonomous prefectures, 7 prefectures, 3 leagues (2023)


def test_every_code_extends_its_parents_code() -> None:
    for item in bundled_regions():
        assert re.fullmatch(r"\d{6}", item.code)
        assert item.zh and item.en
        above = parent(item.code)
        if item.level == "province":
            assert above is None and item.code.endswith("0000")
        elif item.level == "city":
            assert above is not None and above.level == "province" and item.code[:2] == above.code[:2]
        else:
            assert above is not None and above.level == "city" and item.code[:4] == above.code[:4]


@pytest.mark.parametrize("code", POLICY_REGIONS)
def test_the_regions_of_the_reference_policies_exist(code: str) -> None:
    assert region(code).code == code


def test_wuxi_new_district_is_the_high_tech_zone() -> None:
    assert region("320214").zh == "新吴区"
    assert full_name("320214") == "江苏省无锡市新吴区"
    assert full_name("320214", "en") == "Xinwu District, Wuxi, Jiangsu"


def test_a_district_is_within_its_city_and_province_and_the_country() -> None:
    assert is_within("520102", "520100")
    assert is_within("520102", "520000")
    assert is_within("520102", NATIONAL)
    assert is_within("520102", "520102")
    assert not is_within("520102", "510000")
    assert not is_within("520000", "520102")


def test_municipalities_keep_the_virtual_middle_level() -> None:
    assert [r.code for r in ancestors("110101")] == ["110100", "110000"]
    assert region("110100").virtual
    assert level_of("110100") == "city"
    assert is_within("110105", "110000")
    assert full_name("110105") == "北京市朝阳区"
    assert [r.code for r in ancestors("500229")] == ["500200", "500000"]


def test_county_level_units_administered_by_a_province() -> None:
    assert [r.code for r in ancestors("429004")] == ["429000", "420000"]
    assert region("429000").virtual
    assert full_name("429004", "en") == "Xiantao City, Hubei"


def test_levels() -> None:
    assert [level_of(c) for c in ("320000", "320200", "320214", NATIONAL)] == [
        "province",
        "city",
        "district",
        "national",
    ]


def test_jiangsu_cities_all_list_their_districts() -> None:
    cities = children("320000")
    assert len(cities) == 13
    assert all(children(city.code) for city in cities)
    assert "320214" in {d.code for d in children("320200")}
    assert {"321002", "321003", "321012"} <= {d.code for d in children("321000")}


def test_every_capital_lists_its_districts() -> None:
    for province in bundled_regions().provinces():
        if children(province.code):
            capital = children(province.code)[0]  # GB/T 2260 numbers the capital xx01
            assert children(capital.code), province.zh


def test_unknown_and_malformed_codes_are_told_apart() -> None:
    with pytest.raises(RegionUnknown) as unknown:
        region("320299")
    assert "not in the platform's division table" in unknown.value.problems[0].en
    with pytest.raises(RegionUnknown) as malformed:
        validate_region_code("3202a4")
    assert "6 digits" in malformed.value.problems[0].en
    with pytest.raises(RegionUnknown):
        is_within("520102", "529999")


def test_validate_region_code_strips_spaces() -> None:
    assert validate_region_code(" 320214 ") == "320214"


BROKEN = """
as_of: "2023-06-30"
provinces:
- code: "320000"
  zh: 江苏省
  en: Jiangsu
  cities:
  - code: "330200"
    zh: 无锡市
    en: Wuxi
  - code: "320400"
    zh: 常州市
    districts:
    - {code: "320402", zh: 天宁区, en: Tianning District}
    - {code: "320402", zh: 天宁区, en: Tianning District}
    - {code: "320500", zh: 苏州市, en: Suzhou}
- code: "320000"
  zh: 江苏省
  en: Jiangsu
  colour: red
"""


def test_a_broken_table_reports_every_problem_with_its_path() -> None:
    with pytest.raises(CodeTableInvalid) as caught:
        load_regions_text(BROKEN, "broken.yaml")
    locations = [p.location for p in caught.value.problems]
    assert locations == [
        "provinces[0].cities[0].code",
        "provinces[0].cities[1].en",
        "provinces[0].cities[1].districts[1].code",
        "provinces[0].cities[1].districts[2].code",
        "provinces[1].colour",
        "provinces[1].code",
    ]


def test_a_table_that_is_not_yaml_is_refused() -> None:
    with pytest.raises(CodeTableInvalid, match="not valid YAML"):
        load_regions_text("provinces: [", "bad.yaml")


def test_module_functions_use_the_bundled_table() -> None:
    assert regions.region("320200") is bundled_regions().region("320200")
