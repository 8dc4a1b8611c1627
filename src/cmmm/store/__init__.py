"""Persistence: SQLAlchemy 2 tables, repositories (functions taking a Session) and Alembic migrations.

Importing the package registers every table on :data:`metadata`, which migrations and tests compare against.
"""

from cmmm.store import assessments, audit, drafts, organizations, policies, records, statistics
from cmmm.store.base import Base

metadata = Base.metadata

__all__ = ["Base", "assessments", "audit", "drafts", "metadata", "organizations", "policies", "records", "statistics"]
