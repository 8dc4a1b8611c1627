"""Errors of the use cases, each a ``<Noun><Problem>`` :class:`CmmmError` with Chinese and English text."""

from __future__ import annotations

from cmmm.errors import CmmmError


class PermissionDenied(CmmmError):
    """The actor's roles do not allow the action on this resource."""


class ApplicationRefused(CmmmError):
    """An application breaks gating rules; ``problems`` gives one reason per failed rule."""


class TransitionInvalid(CmmmError):
    """The assessment's state does not allow the requested step."""


class RatingConflict(CmmmError):
    """Someone else saved the same rating since it was read; reload and try again."""


class RecordNotFound(CmmmError):
    """No record with that id or name."""


class InputInvalid(CmmmError):
    """A value given to a use case is malformed (a code, a grade, a date); ``problems`` says which."""


class EvidenceRejected(CmmmError):
    """An evidence file breaks the size or type limits."""


class AuditChainBroken(CmmmError):
    """The audit trail was edited or an entry deleted; the problem names the first broken entry."""


class CredentialsInvalid(CmmmError):
    """A user name and password do not match an active user."""


class DatabaseOutdated(CmmmError):
    """The database's schema is not at the revision this version of cmmm expects."""
