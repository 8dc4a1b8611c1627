"""What the platform admin's pages read: organizations and users (filtered, capped), and the model files the
platform knows besides the bundled ones (uploaded by an admin into the data directory)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from cmmm.errors import CmmmError
from cmmm.model.loader import bundled_models, get_model, load_model_file, load_model_text
from cmmm.model.schema import Model
from cmmm.model.workbook import model_from_workbook
from cmmm.model.yaml_writer import model_to_yaml
from cmmm.services.actors import Actor, Resource
from cmmm.services.permissions import Action, require
from cmmm.services.platform import Platform
from cmmm.store.organizations import Organization, User

LIST_LIMIT = 200


@dataclass(frozen=True)
class OrganizationRow:
    id: int
    kind: str
    name: str
    region_code: str | None
    users: int


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    organization: str | None
    active: bool


def organizations(platform: Platform, actor: Actor, kind: str | None = None, name: str = "") -> list[OrganizationRow]:
    require(actor, Action.organization_create, Resource())
    with platform.db() as session:
        users = select(User.organization_id, func.count().label("n")).group_by(User.organization_id).subquery()
        query = (
            select(Organization.id, Organization.kind, Organization.name, Organization.region_code, users.c.n)
            .outerjoin(users, users.c.organization_id == Organization.id)
            .order_by(Organization.id.desc())
            .limit(LIST_LIMIT)
        )
        if kind:
            query = query.where(Organization.kind == kind)
        if name.strip():
            query = query.where(Organization.name.contains(name.strip()))
        return [OrganizationRow(i, k, n, r, c or 0) for i, k, n, r, c in session.execute(query)]


def users(platform: Platform, actor: Actor, name: str = "") -> list[UserRow]:
    require(actor, Action.user_create, Resource())
    with platform.db() as session:
        query = (
            select(User.id, User.username, User.display_name, Organization.name, User.is_active)
            .outerjoin(Organization, Organization.id == User.organization_id)
            .order_by(User.id)
            .limit(LIST_LIMIT)
        )
        if name.strip():
            query = query.where(User.username.contains(name.strip()) | User.display_name.contains(name.strip()))
        return [UserRow(*row) for row in session.execute(query)]


def models_folder(data_dir: Path) -> Path:
    return data_dir / "models"


_INSTALLED: dict[tuple[str, ...], tuple[Model, ...]] = {}


def installed_models(data_dir: Path) -> tuple[Model, ...]:
    """The valid model files an admin added (a damaged file is skipped, not fatal), cached by name and mtime."""
    folder = models_folder(data_dir)
    paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    key = tuple(f"{p}:{p.stat().st_mtime_ns}" for p in paths)
    if key not in _INSTALLED:
        found = []
        for path in paths:
            try:
                found.append(load_model_file(path))
            except CmmmError:
                continue
        _INSTALLED[key] = tuple(found)
    return _INSTALLED[key]


def model_catalogue(data_dir: Path) -> tuple[Model, ...]:
    return (*bundled_models(), *installed_models(data_dir))


def model_resolver(data_dir: Path) -> Callable[[str | None], Model]:
    """``platform.models``: a reference resolved among the bundled and the installed models."""

    def resolve(reference: str | None) -> Model:
        return get_model(reference, extra=installed_models(data_dir))

    return resolve


def validate_upload(actor: Actor, filename: str, content: bytes) -> Model:
    """The model in an uploaded YAML file or Excel workbook; :class:`ModelInvalid` lists every problem."""
    require(actor, Action.organization_create, Resource())
    if filename.lower().endswith(".xlsx"):
        return model_from_workbook(content, filename)
    return load_model_text(content.decode("utf-8", errors="replace"), filename)


def install_model(actor: Actor, data_dir: Path, model: Model) -> Path:
    require(actor, Action.organization_create, Resource())
    folder = models_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{model.id}@{model.version}.yaml"
    temporary = target.with_suffix(".tmp")
    temporary.write_text(model_to_yaml(model), encoding="utf-8")
    temporary.replace(target)
    return target
