"""Codes the platform checks identities against: unified social credit codes (GB 32100), administrative
divisions (GB/T 2260) and industries (GB/T 4754). The bottom layer beside :mod:`cmmm.errors`: pure lookups
over small bundled tables, importable by every other layer.
"""

from cmmm.codes.credit_code import is_valid_credit_code, make_credit_code, validate_credit_code
from cmmm.codes.industries import Industry, industry, is_manufacturing, manufacturing_divisions
from cmmm.codes.regions import (
    NATIONAL,
    Region,
    ancestors,
    children,
    full_name,
    is_within,
    level_of,
    parent,
    region,
    validate_region_code,
)

__all__ = [
    "NATIONAL",
    "Industry",
    "Region",
    "ancestors",
    "children",
    "full_name",
    "industry",
    "is_manufacturing",
    "is_valid_credit_code",
    "is_within",
    "level_of",
    "make_credit_code",
    "manufacturing_divisions",
    "parent",
    "region",
    "validate_credit_code",
    "validate_region_code",
]
