"""Demo data: seeded, distributed as the published statistics say, every code real, every level as scored."""

from __future__ import annotations

import math
import random
from collections import Counter
from datetime import date

import pytest

from cmmm.codes.credit_code import is_valid_credit_code, parse_credit_code
from cmmm.codes.industries import is_manufacturing
from cmmm.codes.regions import region
from cmmm.engine.scoring import score
from cmmm.model.schema import Model
from cmmm.services.demo_data import (
    FIRST_DAY,
    JIANGSU_SHARE,
    LAST_DAY,
    DemoAssessment,
    DemoEnterprise,
    generate_demo,
    generate_enterprises,
    generate_self_assessment,
    level_mix,
)

N = 5_000


@pytest.fixture(scope="module")
def demo() -> list[tuple[DemoEnterprise, DemoAssessment]]:
    return list(generate_demo(N, seed=2022))


def within(share: float, expected: float, n: int) -> bool:
    """Four binomial standard deviations: the seed is fixed, so this is a check of the mix, not a coin toss."""
    return abs(share - expected) <= 4 * math.sqrt(expected * (1 - expected) / n)


def test_the_same_seed_gives_the_same_data() -> None:
    first = [(e, a.answers, a.assessed_on) for e, a in generate_demo(200, seed=1)]
    again = [(e, a.answers, a.assessed_on) for e, a in generate_demo(200, seed=1)]
    assert first == again
    assert list(generate_enterprises(50, seed=2)) != list(generate_enterprises(50, seed=1))


def test_a_longer_run_starts_with_the_shorter_one() -> None:
    assert list(generate_enterprises(300, seed=5))[:100] == list(generate_enterprises(100, seed=5))


def test_level_mix_follows_the_2022_report(demo: list[tuple[DemoEnterprise, DemoAssessment]]) -> None:
    mix = level_mix()
    assert sum(mix.values()) == pytest.approx(1)
    assert mix[0] + mix[1] == pytest.approx(0.63) and mix[2] == 0.21 and mix[3] == 0.12
    assert mix[4] + mix[5] == pytest.approx(0.04)
    counts = Counter(a.expected_level for _, a in demo)
    for level, share in mix.items():
        assert within(counts[level] / N, share, N), (level, counts[level])


def test_jiangsu_holds_its_published_share(demo: list[tuple[DemoEnterprise, DemoAssessment]]) -> None:
    jiangsu = sum(e.region_code.startswith("32") for e, _ in demo)
    assert within(jiangsu / N, JIANGSU_SHARE, N)
    provinces = Counter(e.region_code[:2] for e, _ in demo)
    assert provinces.most_common(2)[1][0] == "44"  # Guangdong, the largest industrial province after Jiangsu
    assert len(provinces) >= 25


def test_every_credit_code_is_valid_unique_and_in_the_enterprise_region(
    demo: list[tuple[DemoEnterprise, DemoAssessment]],
) -> None:
    codes = [e.credit_code for e, _ in demo]
    assert all(is_valid_credit_code(code) for code in codes)
    assert all(parse_credit_code(e.credit_code).region_code == e.region_code for e, _ in demo)
    assert len(set(codes)) == N
    assert len({e.name for e, _ in demo}) == N


def test_every_region_exists_and_is_a_real_city_or_district(demo: list[tuple[DemoEnterprise, DemoAssessment]]) -> None:
    for enterprise, _ in demo:
        place = region(enterprise.region_code)
        assert place.level in ("city", "district") and not place.virtual


def test_every_industry_is_manufacturing_with_its_path(demo: list[tuple[DemoEnterprise, DemoAssessment]]) -> None:
    for enterprise, assessment in demo:
        assert is_manufacturing(enterprise.industry_code) and len(enterprise.industry_code) == 2
        process = enterprise.industry_code in {"13", "14", "15", "17", "22", "25", "26", "27", "30", "31", "32"}
        if process:
            assert enterprise.path == "process"
        assert assessment.answers.industry == enterprise.path
    top = [code for code, _ in Counter(e.industry_code for e, _ in demo).most_common(3)]
    assert top[0] == "39"


def test_sizes_and_designated_size(demo: list[tuple[DemoEnterprise, DemoAssessment]]) -> None:
    sizes = Counter(e.size for e, _ in demo)
    assert set(sizes) == {"large", "medium", "small", "micro"}
    assert all(e.above_designated_size for e, _ in demo if e.size in ("large", "medium"))
    assert not any(e.above_designated_size for e, _ in demo if e.size == "micro")
    branches = [e for e, _ in demo if not e.legal_entity]
    assert branches and all(e.name.endswith("分公司") for e in branches)


def test_every_assessment_scores_at_its_expected_level(
    demo: list[tuple[DemoEnterprise, DemoAssessment]], reference_model: Model
) -> None:
    for index, (_, assessment) in enumerate(demo):
        result = score(reference_model, assessment.answers)
        assert result.maturity_level == assessment.expected_level
        assert result.total_score == assessment.expected_score
        assert assessment.enterprise_index == index
        assert FIRST_DAY <= assessment.assessed_on <= LAST_DAY


def test_assessment_dates_span_2021_to_2026(demo: list[tuple[DemoEnterprise, DemoAssessment]]) -> None:
    years = Counter(a.assessed_on.year for _, a in demo)
    assert set(years) == set(range(2021, 2027))
    assert date(2027, 1, 1) > LAST_DAY


@pytest.mark.parametrize("level", range(6))
@pytest.mark.parametrize("path", ["discrete", "process"])
def test_each_level_and_path_is_generated_as_asked(level: int, path: str, reference_model: Model) -> None:
    enterprise = next(e for e in generate_enterprises(500, seed=3) if e.path == path)
    rng = random.Random(level)
    ratings = set()
    for _ in range(20):
        assessment = generate_self_assessment(enterprise, level, rng, enterprise_index=7)
        assert score(reference_model, assessment.answers).maturity_level == level
        assert assessment.answers.target_level == 5
        ratings.add(tuple(assessment.answers.ratings.values()))
    assert len(ratings) > 10  # varied, not one answer sheet repeated


def test_an_unknown_level_is_refused() -> None:
    enterprise = next(generate_enterprises(1, seed=1))
    with pytest.raises(ValueError, match="level"):
        generate_self_assessment(enterprise, 6, random.Random(1))
