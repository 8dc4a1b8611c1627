"""The API tests use the same real app and demo site as the page tests."""

from tests.web.conftest import client, platform

__all__ = ["client", "platform"]
