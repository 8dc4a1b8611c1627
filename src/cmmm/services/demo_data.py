"""Realistic demo enterprises and self-assessments, as pure seeded functions (no database, no clock).

The distributions follow reference/statistics.md: the level mix of the 2022 national self-assessment report,
Jiangsu holding 44.6% of the enterprises, the other provinces weighted by their industrial output, and the
leading manufacturing sectors. Every code exists (regions from the GB/T 2260 table, divisions 13-43 of
GB/T 4754, credit codes with valid check characters), and every assessment's answers really score, with
:func:`cmmm.engine.scoring.score`, at the level it was generated for. For speed the answers come from a few
scored templates per level and path, varied by permuting ratings among the requirements of one sub-domain
and level: that leaves every sub-domain score, hence every score and the level, exactly as scored.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import cache
from types import MappingProxyType
from typing import Literal, TypeVar

from cmmm.codes.credit_code import make_credit_code
from cmmm.codes.regions import Region, bundled_regions
from cmmm.engine.answers import Answers
from cmmm.engine.scoring import score
from cmmm.model.loader import default_model
from cmmm.model.schema import Model

Size = Literal["large", "medium", "small", "micro"]
_T = TypeVar("_T")

_LEVEL_MIX = MappingProxyType({0: 0.15, 1: 0.48, 2: 0.21, 3: 0.12, 4: 0.035, 5: 0.005})
JIANGSU_SHARE = 0.446
TEMPLATES_PER_LEVEL = 24
VARIANTS_PER_TEMPLATE = 32
SELF_ASSESSMENT_TARGET = 5
FIRST_DAY, LAST_DAY = date(2021, 1, 1), date(2026, 10, 31)

# Industrial value added by province, 2022, in 100 billion yuan (rounded): the weight of the non-Jiangsu rest.
_PROVINCE_WEIGHTS = {
    "440000": 47.7, "330000": 31.5, "370000": 29.0, "350000": 20.0, "410000": 19.6, "420000": 17.2,
    "510000": 16.4, "430000": 14.0, "130000": 14.0, "340000": 13.6, "610000": 12.2, "140000": 12.0,
    "360000": 11.5, "210000": 11.0, "310000": 10.8, "150000": 10.3, "500000": 8.3, "450000": 7.0,
    "530000": 7.0, "650000": 6.0, "120000": 5.9, "520000": 5.5, "110000": 5.0, "230000": 4.4, "220000": 3.8,
    "620000": 3.5, "640000": 2.0, "630000": 1.3, "460000": 0.9, "540000": 0.2,
}  # fmt: skip
# Industrial centres weigh more than other cities of their province; a capital (xx0100) weighs 3.
_CITY_WEIGHTS = {
    "320500": 6, "320200": 4, "320100": 3.5, "320400": 3, "320600": 3, "320300": 2, "321000": 2, "321200": 2,
    "320900": 1.5, "321100": 1.5, "440300": 5, "441900": 4, "440600": 4, "440100": 4, "441300": 2,
    "330200": 4, "330100": 4, "330400": 2, "330600": 2, "330300": 2, "331000": 2, "370200": 3, "370600": 2,
    "370700": 2, "370300": 2, "350200": 2.5, "350500": 3, "210200": 2.5, "420600": 1.5, "420500": 1.5,
    "510700": 1.5, "510600": 1.5, "500100": 4, "430200": 1.5, "340200": 2, "410300": 1.5,
}  # fmt: skip
# Division weights lean to the leading sectors of 2022 (39, 36, 15, 25, 37, 27, 40, 13/14, 38).
_INDUSTRY_WEIGHTS = {
    "39": 12, "36": 9, "38": 9, "34": 8, "35": 7, "27": 6, "26": 6, "15": 5, "33": 5, "37": 4, "40": 4,
    "29": 4, "25": 3, "13": 3, "14": 3, "30": 3, "31": 2, "32": 2, "17": 2, "18": 1.5, "22": 1.5, "21": 1,
    "28": 1, "19": 0.8, "24": 0.8, "20": 0.6, "23": 0.6, "42": 0.5, "41": 0.4, "43": 0.4, "16": 0.3,
}  # fmt: skip
_PROCESS_DIVISIONS = frozenset({"13", "14", "15", "16", "17", "22", "25", "26", "27", "28", "29", "30", "31", "32"})
_INDUSTRY_WORDS = {
    "13": "农副食品 粮油 饲料", "14": "食品 乳业 调味品", "15": "酒业 饮料 茶业", "16": "烟草制品",
    "17": "纺织 织造 印染", "18": "服饰 服装", "19": "皮革 鞋业", "20": "木业", "21": "家具", "22": "纸业 包装",
    "23": "印刷", "24": "文体用品 工艺品", "25": "石化 炼化", "26": "化工 新材料 精细化工", "27": "制药 药业 生物医药",
    "28": "化纤", "29": "塑胶 橡胶 塑业", "30": "建材 玻璃 陶瓷", "31": "钢铁 特钢", "32": "铝业 铜业 有色金属",
    "33": "金属制品 五金", "34": "机械 泵阀 通用设备", "35": "装备 专用设备 智能装备", "36": "汽车零部件 汽车部件",
    "37": "船舶 轨道装备 航空科技", "38": "电气 电机 电器", "39": "电子 电子科技 通信设备 半导体",
    "40": "仪器仪表 仪表", "41": "制品", "42": "再生资源 环保科技", "43": "设备维修",
}  # fmt: skip
_NAME_WORDS = (
    "恒信", "华创", "宏达", "金泰", "中科", "鑫源", "天成", "瑞丰", "永盛", "博远", "精诚", "汇通",
    "新锐", "海德", "隆盛", "启明", "联创", "众达", "卓越", "嘉禾", "明辉", "凯达", "佳源", "弘毅",
    "德润", "安泰", "诚达", "远航", "盛华", "飞扬", "正元", "立信", "同创", "万通", "华盛", "荣昌",
    "富源", "聚力", "科瑞", "伟业", "振华", "光大", "鼎盛", "亿达", "通达", "星辰", "润泽", "宏远",
    "信达", "长兴", "兴业",
)  # fmt: skip
_SIZES: tuple[Size, ...] = ("large", "medium", "small", "micro")
_SIZE_CUMULATIVE = (0.08, 0.30, 0.82, 1.0)
_SUFFIXES, _SUFFIX_CUMULATIVE = ("有限公司", "股份有限公司", "集团有限公司"), (0.8, 0.95, 1.0)
_ETHNIC_MARKERS = ("土家族", "朝鲜族", "苗族", "藏族", "彝族", "布依族", "哈尼族", "壮族", "傣族", "白族", "傈僳族",
                   "回族", "蒙古", "哈萨克", "柯尔克孜", "羌族")  # fmt: skip


@dataclass(frozen=True)
class DemoEnterprise:
    """A manufacturer as the store would register it; ``region_code`` is a real city or district."""

    name: str
    credit_code: str
    region_code: str
    industry_code: str
    size: Size
    above_designated_size: bool
    """规上: annual revenue of 20 million yuan or more; always so for large and medium enterprises."""
    legal_entity: bool
    """An independent legal entity, or (False) a branch of one, which may also be assessed."""
    path: str
    """The model's industry path: ``process`` (流程型) or ``discrete`` (离散型), decided by the division."""


@dataclass(frozen=True)
class DemoAssessment:
    """One self-assessment of the enterprise at ``enterprise_index`` (its position in the generated sequence)."""

    enterprise_index: int
    answers: Answers
    expected_level: int
    expected_score: Fraction
    """The exact total score the engine gives these answers (that of the template they permute)."""
    assessed_on: date


def level_mix() -> Mapping[int, float]:
    """Share of self-assessments per level (0 = 未达一级).

    The 2022 report gives 63% at level 1 or below, 21% level 2, 12% level 3 and 4% at level 4 or above; the
    split of the 63% (15% below level 1) and of the 4% (3.5% level 4, 0.5% level 5) is our assumption.
    """
    return _LEVEL_MIX


def draw_level(rng: random.Random) -> int:
    return _weighted(_LEVELS, _LEVEL_CUMULATIVE, rng)


_LEVELS = tuple(_LEVEL_MIX)
_LEVEL_CUMULATIVE = tuple(sum(tuple(_LEVEL_MIX.values())[: i + 1]) for i in range(len(_LEVEL_MIX)))


def generate_demo(n: int, seed: int) -> Iterator[tuple[DemoEnterprise, DemoAssessment]]:
    """``n`` enterprises, each with one self-assessment whose level is drawn from :func:`level_mix`."""
    rng = random.Random(f"cmmm-demo:{seed}:self-assessments")
    for index, enterprise in enumerate(generate_enterprises(n, seed)):
        yield enterprise, generate_self_assessment(enterprise, draw_level(rng), rng, enterprise_index=index)


def generate_enterprises(n: int, seed: int) -> Iterator[DemoEnterprise]:
    """``n`` distinct enterprises (names and credit codes unique); the first k are the same for any n >= k."""
    rng = random.Random(f"cmmm-demo:{seed}:enterprises")
    places = _places()
    divisions = tuple(_INDUSTRY_WEIGHTS)
    division_cumulative = _running_sum(_INDUSTRY_WEIGHTS.values())
    seen: set[str] = set()
    for index in range(n):
        region = places.pick(rng)
        division = _weighted(divisions, division_cumulative, rng)
        size = _weighted(_SIZES, _SIZE_CUMULATIVE, rng)
        legal_entity = rng.random() < 0.92
        yield DemoEnterprise(
            name=_unique_name(rng, places, region, division, legal_entity, seen),
            credit_code=make_credit_code(region.code, (index + seed * 1_000_003) % 10**8, rng),
            region_code=region.code,
            industry_code=division,
            size=size,
            above_designated_size=size in ("large", "medium") or (size == "small" and rng.random() < 0.75),
            legal_entity=legal_entity,
            path="process" if division in _PROCESS_DIVISIONS else "discrete",
        )


def _weighted(items: Sequence[_T], cumulative: Sequence[float], rng: random.Random) -> _T:
    """rng.choices for one item with precomputed cumulative weights, without its per-call overhead."""
    return items[min(bisect(cumulative, rng.random() * cumulative[-1]), len(items) - 1)]


def _any(items: Sequence[_T], rng: random.Random) -> _T:
    return items[int(rng.random() * len(items))]


def _running_sum(weights: Iterable[float]) -> tuple[float, ...]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return tuple(out)


class _Places:
    """Where demo enterprises are: province by weight, then city by weight, then mostly one of its districts."""

    def __init__(self) -> None:
        table = bundled_regions()
        rest = sum(_PROVINCE_WEIGHTS.values())
        weights = {"320000": JIANGSU_SHARE} | {
            code: (1 - JIANGSU_SHARE) * weight / rest for code, weight in _PROVINCE_WEIGHTS.items()
        }
        self.provinces = tuple(weights)
        self.province_cumulative = _running_sum(weights.values())
        self.cities: dict[str, tuple[tuple[Region, ...], tuple[float, ...]]] = {}
        self.districts: dict[str, tuple[Region, ...]] = {}
        self.short: dict[str, str] = {}
        for province in self.provinces:
            self.short[province] = _province_short(table.region(province).zh)
            cities = [c for c in table.children(province) if not c.virtual or table.children(c.code)]
            city_weights = [_CITY_WEIGHTS.get(c.code, 3 if c.code[2:4] == "01" else 1) for c in cities]
            self.cities[province] = (tuple(cities), _running_sum(city_weights))
            for city in cities:
                self.districts[city.code] = table.children(city.code)
                self.short[city.code] = self.short[province] if city.virtual else _city_short(city.zh)

    def pick(self, rng: random.Random) -> Region:
        province = _weighted(self.provinces, self.province_cumulative, rng)
        cities, cumulative = self.cities[province]
        city = _weighted(cities, cumulative, rng)
        districts = self.districts[city.code]
        if districts and (city.virtual or rng.random() < 0.85):
            return _any(districts, rng)
        return city

    def short_name(self, region: Region) -> str:
        """The place word of an enterprise name: a county-level city's own name, else its city's."""
        if region.level == "district" and region.zh.endswith("市"):
            return region.zh[:-1]
        return self.short[region.code if region.level == "city" else str(region.parent_code)]

    def province_short(self, region: Region) -> str:
        return self.short[region.code[:2] + "0000"]


@cache
def _places() -> _Places:
    return _Places()


def _province_short(name: str) -> str:
    for suffix in ("特别行政区", "自治区", "省", "市"):
        name = name.removesuffix(suffix)
    for people in ("壮族", "回族", "维吾尔"):
        name = name.removesuffix(people)
    return name


def _city_short(name: str) -> str:
    if name.endswith("自治州"):
        return name[: min(i for i in (name.find(m) for m in _ETHNIC_MARKERS) if i > 0)]
    for suffix in ("地区", "市", "盟"):
        name = name.removesuffix(suffix)
    return name


def _unique_name(
    rng: random.Random, places: _Places, region: Region, division: str, legal_entity: bool, seen: set[str]
) -> str:
    """成都华创电子科技有限公司; a branch: 四川华创电子有限公司绵阳分公司. Retries until unused."""
    words = _INDUSTRY_WORDS[division].split()
    place = places.short_name(region)
    for attempt in range(100):
        brand = _any(_NAME_WORDS, rng) + (_any(_NAME_WORDS, rng) if attempt >= 8 else "")
        suffix = _weighted(_SUFFIXES, _SUFFIX_CUMULATIVE, rng)
        if legal_entity:
            name = f"{place}{brand}{_any(words, rng)}{suffix}"
        else:
            name = f"{places.province_short(region)}{brand}{_any(words, rng)}{suffix}{place}分公司"
        if name not in seen:
            seen.add(name)
            return name
    raise RuntimeError("no unused enterprise name after 100 attempts")


@dataclass(frozen=True)
class _Layout:
    """Requirement ids of levels 1..5 in an order where each (sub-domain, level) group is one slice."""

    ids: tuple[str, ...]
    groups: tuple[tuple[int, int], ...]
    by_level: Mapping[int, tuple[int, ...]]


@dataclass(frozen=True)
class _Template:
    variants: tuple[tuple[str, ...], ...]
    """The template's grades in layout order, permuted within (sub-domain, level) groups: all score the same."""
    total: Fraction


_STEP_UP = {"none": "partly", "partly": "largely", "largely": "full", "na": "full"}
_STEP_DOWN = {"full": "largely", "largely": "partly", "partly": "none"}
# Grade probabilities (full, largely, partly, none, na) by the requirement's level relative to the target,
# for the weakest and the strongest template of a level: templates in between spread the scores over the band.
_PROFILES = {
    "below": ((0.45, 0.43, 0.1, 0.0, 0.02), (0.8, 0.18, 0.0, 0.0, 0.02)),
    "at": ((0.3, 0.5, 0.15, 0.03, 0.02), (0.6, 0.35, 0.03, 0.0, 0.02)),
    "next": ((0.0, 0.05, 0.25, 0.68, 0.02), (0.35, 0.45, 0.15, 0.03, 0.02)),
    "above": ((0.0, 0.02, 0.18, 0.78, 0.02), (0.1, 0.25, 0.35, 0.28, 0.02)),
    "top": ((0.8, 0.18, 0.0, 0.0, 0.02), (0.95, 0.03, 0.0, 0.0, 0.02)),
}
_GRADES = ("full", "largely", "partly", "none", "na")
_TEMPLATES: dict[tuple[str, str, int], tuple[_Layout, tuple[_Template, ...]]] = {}


def generate_self_assessment(
    enterprise: DemoEnterprise,
    level: int,
    rng: random.Random,
    *,
    enterprise_index: int = 0,
    model: Model | None = None,
) -> DemoAssessment:
    """A self-assessment (target level 5, every requirement rated) that scores exactly at ``level``."""
    if level not in _LEVEL_MIX:
        raise ValueError(f"level must be one of {tuple(_LEVEL_MIX)}, got {level}")
    layout, templates = _templates(model or default_model(), enterprise.path, level)
    template = _any(templates, rng)
    grades = _any(template.variants, rng)
    span = (LAST_DAY - FIRST_DAY).days
    return DemoAssessment(
        enterprise_index=enterprise_index,
        answers=Answers(enterprise.path, SELF_ASSESSMENT_TARGET, dict(zip(layout.ids, grades, strict=True))),
        expected_level=level,
        expected_score=template.total,
        assessed_on=FIRST_DAY + timedelta(days=int(rng.triangular(0, span, span))),
    )


def _templates(model: Model, path: str, level: int) -> tuple[_Layout, tuple[_Template, ...]]:
    key = (model.content_hash, path, level)
    if key not in _TEMPLATES:
        layout = _layout(model)
        templates = tuple(
            _template(
                model,
                layout,
                (path, level, (k + 0.5) / TEMPLATES_PER_LEVEL),
                random.Random(f"cmmm-demo-template:{path}:{level}:{k}"),
            )
            for k in range(TEMPLATES_PER_LEVEL)
        )
        _TEMPLATES[key] = (layout, templates)
    return _TEMPLATES[key]


def _layout(model: Model) -> _Layout:
    ids: list[str] = []
    groups: list[tuple[int, int]] = []
    by_level: dict[int, list[int]] = {n: [] for n in range(1, SELF_ASSESSMENT_TARGET + 1)}
    for element in model.elements:
        for domain in element.domains:
            for sub in domain.subdomains:
                for n, indexes in by_level.items():
                    start = len(ids)
                    ids.extend(r.id for r in sub.requirements if r.level == n)
                    indexes.extend(range(start, len(ids)))
                    if len(ids) - start > 1:
                        groups.append((start, len(ids)))
    return _Layout(tuple(ids), tuple(groups), {n: tuple(v) for n, v in by_level.items()})


def _template(model: Model, layout: _Layout, kind: tuple[str, int, float], rng: random.Random) -> _Template:
    """Draw grades from the level's profile at ``strength`` (0 weakest .. 1 strongest), then move one grade at
    a time until the engine agrees on the level."""
    path, level, strength = kind
    grades = [""] * len(layout.ids)
    for n, indexes in layout.by_level.items():
        weak, strong = _PROFILES[_profile_name(n, level)]
        profile = [w + (s - w) * strength for w, s in zip(weak, strong, strict=True)]
        for i in indexes:
            grades[i] = rng.choices(_GRADES, weights=profile)[0]
    for _ in range(5_000):
        result = score(model, Answers(path, SELF_ASSESSMENT_TARGET, dict(zip(layout.ids, grades, strict=True))))
        if result.maturity_level == level:
            return _Template(_variants(layout, grades, rng), result.total_score)
        unsatisfied = [lv.level for lv in result.levels[:level] if not lv.satisfied]
        if unsatisfied:
            _move(grades, layout.by_level[unsatisfied[0]], _STEP_UP, rng)
        elif result.maturity_level > level:
            _move(grades, layout.by_level[level + 1], _STEP_DOWN, rng)
        else:  # levels 1..level satisfied but the total is short of the band: raise those levels
            _move(grades, [i for n in range(1, level + 1) for i in layout.by_level[n]], _STEP_UP, rng)
    raise RuntimeError(f"no {path} template scores at level {level}")


def _variants(layout: _Layout, grades: list[str], rng: random.Random) -> tuple[tuple[str, ...], ...]:
    """Permuting grades within a (sub-domain, level) group keeps every sub-domain mean, so every score.

    Variants are made once, with the template, so that an assessment costs one pick and one dict.
    """
    mixed = [(start, end) for start, end in layout.groups if len(set(grades[start:end])) > 1]
    variants = [tuple(grades)]
    random_ = rng.random
    for _ in range(VARIANTS_PER_TEMPLATE - 1):
        variant = list(grades)
        for start, end in mixed:  # a rotation by a random offset: one random number per group
            shift = start + int(random_() * (end - start))
            variant[start:end] = variant[shift:end] + variant[start:shift]
        variants.append(tuple(variant))
    return tuple(variants)


def _profile_name(n: int, level: int) -> str:
    if level == SELF_ASSESSMENT_TARGET:
        return "top"
    return "below" if n < level else "at" if n == level else "next" if n == level + 1 else "above"


def _move(grades: list[str], indexes: Sequence[int], step: Mapping[str, str], rng: random.Random) -> None:
    candidates = [i for i in indexes if grades[i] in step]
    if not candidates:
        raise RuntimeError("no grade left to move")
    i = rng.choice(candidates)
    grades[i] = step[grades[i]]
