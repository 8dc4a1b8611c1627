"""Shared fixtures: real models loaded from real files, and the worked example of reference/scoring.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmmm.engine.answers import Answers
from cmmm.model.loader import default_model, load_model_file
from cmmm.model.schema import Model

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent

WORKED_EXAMPLE_RATINGS = {
    "s1.1.1": "full", "s1.1.2": "largely", "s2.1.1": "full", "s4.1.1": "largely",
    "s1.2.1": "full", "s1.2.2": "partly", "s2.2.1": "largely", "s2.2.2": "largely", "s3.2.1": "full",
    "s4.2.1": "largely",
    "s1.3.1": "partly", "s2.3.1": "full", "s2.3.2": "none", "s3.3.1": "na", "s4.3.1": "largely",
    "s4.3.2": "partly",
}  # fmt: skip


@pytest.fixture(scope="session")
def toy_model() -> Model:
    return load_model_file(FIXTURES / "toy_model.yaml")


@pytest.fixture(scope="session")
def reference_model() -> Model:
    return default_model()


@pytest.fixture
def worked_example() -> Answers:
    return Answers(industry="discrete", target_level=3, ratings=dict(WORKED_EXAMPLE_RATINGS))
