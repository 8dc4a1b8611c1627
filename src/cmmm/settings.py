"""Where the platform keeps its data and the few limits an operator may change, read once from the environment
(``CMMM_DATABASE_URL``, ``CMMM_DATA_DIR``, ``CMMM_ENV``, ``CMMM_SECRET_KEY``, ``CMMM_PEER_MIN_GROUP``).

A plain dataclass rather than a settings framework: a handful of values do not justify a dependency, and the
edges build one :class:`Settings` and pass it down instead of reading the environment in many places.
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
DEFAULT_PEER_MIN_GROUP = 10
"""Peer comparisons and supplier demand show a group only when it has at least this many enterprises."""


class SettingsInvalid(ValueError):
    """A setting that must not be used as given (a default secret outside development, a too small group)."""


def peer_min_group_invalid(value: object) -> SettingsInvalid:
    return SettingsInvalid(
        f"CMMM_PEER_MIN_GROUP 必须是不小于 2 的整数（当前为 {value!r}）/ "
        f"CMMM_PEER_MIN_GROUP must be an integer of at least 2 (got {value!r})"
    )


def peer_min_group_from(environ: Mapping[str, str]) -> int:
    """``CMMM_PEER_MIN_GROUP`` as an integer (the default when unset); refused when it is not one."""
    raw = environ.get("CMMM_PEER_MIN_GROUP", "").strip()
    if not raw:
        return DEFAULT_PEER_MIN_GROUP
    try:
        return int(raw)
    except ValueError:
        raise peer_min_group_invalid(raw) from None


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    environment: str = "development"
    """``development`` (the default, on a laptop) or ``production``, where default secrets are refused."""
    secret_key: str = DEVELOPMENT_SECRET
    """Signs session cookies (``CMMM_SECRET_KEY``)."""
    peer_min_group: int = DEFAULT_PEER_MIN_GROUP
    """The fewest enterprises a peer group or a demand group may have to be shown (``CMMM_PEER_MIN_GROUP``):
    a smaller group could let a reader infer one enterprise's figures."""

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
            peer_min_group=peer_min_group_from(env),
        )
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse to run production with the development secret or a short one, and a peer group below 2
        (a "mean" over one enterprise is that enterprise)."""
        if self.environment == "production" and (self.secret_key == DEVELOPMENT_SECRET or len(self.secret_key) < 32):
            raise SettingsInvalid(
                "生产环境必须设置 CMMM_SECRET_KEY（至少 32 个字符）/ "
                "production needs CMMM_SECRET_KEY set to at least 32 characters"
            )
        group = self.peer_min_group
        if not isinstance(group, int) or isinstance(group, bool) or group < 2:
            raise peer_min_group_invalid(group)

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
