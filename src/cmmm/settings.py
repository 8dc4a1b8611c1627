"""Where the platform keeps its data, read once from the environment (``CMMM_DATABASE_URL``, ``CMMM_DATA_DIR``).

A plain dataclass rather than a settings framework: two values do not justify a dependency, and the edges
build one :class:`Settings` and pass it down instead of reading the environment in many places.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


def default_data_dir(environ: Mapping[str, str]) -> Path:
    """``CMMM_DATA_DIR``, else the XDG data directory (``~/.local/share/cmmm``)."""
    if environ.get("CMMM_DATA_DIR"):
        return Path(environ["CMMM_DATA_DIR"]).expanduser()
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "cmmm"


DEVELOPMENT_SECRET = "cmmm-development-secret-change-me"


class SettingsInvalid(ValueError):
    """A setting that must not be used as given (a default secret outside development)."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    environment: str = "development"
    """``development`` (the default, on a laptop) or ``production``, where default secrets are refused."""
    secret_key: str = DEVELOPMENT_SECRET
    """Signs session cookies (``CMMM_SECRET_KEY``)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        data_dir = default_data_dir(env)
        url = env.get("CMMM_DATABASE_URL") or f"sqlite:///{data_dir / 'cmmm.db'}"
        settings = cls(
            database_url=url,
            data_dir=data_dir,
            environment=env.get("CMMM_ENV", "development"),
            secret_key=env.get("CMMM_SECRET_KEY") or DEVELOPMENT_SECRET,
        )
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse to run production with the development secret or a short one."""
        if self.environment == "production" and (self.secret_key == DEVELOPMENT_SECRET or len(self.secret_key) < 32):
            raise SettingsInvalid(
                "生产环境必须设置 CMMM_SECRET_KEY（至少 32 个字符）/ "
                "production needs CMMM_SECRET_KEY set to at least 32 characters"
            )

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
