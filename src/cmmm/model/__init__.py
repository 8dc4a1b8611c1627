"""The standard as versioned data: the model format, its loader and validator, and the bundled models."""

from cmmm.model.loader import (
    bundled_models,
    default_model,
    get_model,
    load_model_file,
    load_model_text,
    model_from_data,
)
from cmmm.model.schema import Domain, Element, Grade, Level, Model, Requirement, SubDomain

__all__ = [
    "Domain",
    "Element",
    "Grade",
    "Level",
    "Model",
    "Requirement",
    "SubDomain",
    "bundled_models",
    "default_model",
    "get_model",
    "load_model_file",
    "load_model_text",
    "model_from_data",
]
