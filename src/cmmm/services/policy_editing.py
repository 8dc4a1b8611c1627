"""Editing the policy set in the web app: versions in the database, the newest active, edits checked in full.

Officials edit the policies of their own region (and the regions below it); a platform admin edits any.
Each save stores the whole YAML text as a new version, so that any earlier set can be viewed and restored;
until a version is saved, the bundled file is active. A text is checked exactly like a policy file
(:func:`cmmm.model.policy_loader.load_policies_text`): when anything is wrong nothing is stored and every
problem is reported with its path and line. What a save changes is found by comparing policies by id, and
each added, changed or removed policy must lie in the editor's region (:func:`cmmm.codes.regions.is_within`
through the permission table), so that an official of Jiangsu cannot touch a Guizhou award by editing text.

Dashboards ask for the active set on every request: it is parsed once per content hash and kept in memory.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cmmm.codes.regions import NATIONAL
from cmmm.errors import Problem
from cmmm.model.policy_loader import PolicyInvalid, bundled_policies, bundled_policy_files, load_policies_text
from cmmm.model.policy_schema import Policy, PolicySet
from cmmm.services.actors import Actor, Resource
from cmmm.services.errors import PermissionDenied, RecordNotFound
from cmmm.services.permissions import POLICY, Action, allows
from cmmm.services.platform import Platform, audit, load
from cmmm.services.policy_errors import PolicyOutsideRegion, PolicySetChanged, PolicySetInvalid
from cmmm.services.policy_text import problem_lines
from cmmm.store.policies import BUNDLED_VERSION, PolicySetVersion, newest_head, version_list

MAX_TEXT = 1_000_000
_ENVELOPE = ("schema_version", "id", "version", "title", "locales")


@dataclass(frozen=True)
class PolicyChanges:
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    envelope: tuple[str, ...] = ()

    def as_json(self) -> dict[str, list[str]]:
        return {name: list(getattr(self, name)) for name in ("added", "changed", "removed", "lists", "envelope")}


@dataclass(frozen=True)
class CheckedSet:
    """A text that passed every check against the version it would replace."""

    text: str
    policy_set: PolicySet
    changes: PolicyChanges
    base_version: int
    base_hash: str


@dataclass(frozen=True)
class ActiveText:
    version_id: int
    """0 while the bundled file is active."""
    text: str
    content_hash: str


@dataclass(frozen=True)
class VersionView:
    id: int
    saved_at: datetime | None
    saved_by: str
    note: str
    changes: dict[str, list[str]]
    restored_from: int | None
    content_hash: str


# ---- the active set ------------------------------------------------------------------------------------


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def bundled_text() -> str:
    return bundled_policy_files()[-1].read_text(encoding="utf-8")


_PARSED: OrderedDict[str, PolicySet] = OrderedDict()
_PARSED_LOCK = threading.Lock()
_PARSED_MAX = 8


def _parsed(digest: str, session: Session, version_id: int) -> PolicySet:
    """The set of a stored version, parsed once per content hash (not per id: several databases may share a
    process, and the same text restored later is the same set)."""
    with _PARSED_LOCK:
        if digest in _PARSED:
            _PARSED.move_to_end(digest)
            return _PARSED[digest]
    text = load(session, PolicySetVersion, version_id).text
    policy_set = load_policies_text(text, f"policy_set_versions[{version_id}]")
    with _PARSED_LOCK:
        _PARSED[digest] = policy_set
        while len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)
    return policy_set


def active_policies(platform: Platform) -> PolicySet:
    """The policy set every service matches against: the newest saved version, else the bundled file."""
    with platform.db() as session:
        head = newest_head(session)
        if head is None:
            return bundled_policies()
        return _parsed(head[1], session, head[0])


def active_text_in(session: Session) -> ActiveText:
    head = newest_head(session)
    if head is None:
        text = bundled_text()
        return ActiveText(BUNDLED_VERSION, text, content_hash(text))
    return ActiveText(head[0], load(session, PolicySetVersion, head[0]).text, head[1])


# ---- who may edit --------------------------------------------------------------------------------------


def is_policy_editor(actor: Actor) -> bool:
    """Whether a role of the actor may edit policies somewhere (an official needs the region of a department)."""
    return any(
        (scope := POLICY[role].get(Action.policy_edit)) is not None and (scope == "any" or actor.region_code)
        for role in actor.roles
    )


def require_editor(actor: Actor) -> None:
    if not is_policy_editor(actor):
        raise PermissionDenied(
            "仅主管部门用户和平台管理员可以编辑政策",
            "only officials and platform admins can edit policies",
            [Problem(actor.username, "无政策编辑权限", "may not edit policies")],
        )


def may_edit(actor: Actor, region_code: str) -> bool:
    return allows(actor, Action.policy_edit, Resource(region_code=region_code))


def active_policy_text(platform: Platform, actor: Actor) -> ActiveText:
    require_editor(actor)
    with platform.db() as session:
        return active_text_in(session)


# ---- checking a new text -------------------------------------------------------------------------------


def normalized(text: str) -> str:
    """Line ends as a browser's textarea may send them (CRLF) made LF, and a final newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"


def parse_checked(text: str, source: str = "policies") -> PolicySet:
    """The set of ``text``, or :class:`PolicySetInvalid` with every problem, its path and its line."""
    if len(text) > MAX_TEXT:
        raise PolicySetInvalid(
            "政策文本过长", "the policy text is too long", [Problem("", f"最多 {MAX_TEXT} 字符", f"at most {MAX_TEXT}")]
        )
    try:
        return load_policies_text(text, source)
    except PolicyInvalid as error:
        raise PolicySetInvalid(
            "政策集未通过校验，未保存任何内容",
            "the policy set is invalid; nothing was saved",
            error.problems,
            problem_lines(text, error.problems),
        ) from None


def policy_changes(old: PolicySet, new: PolicySet) -> PolicyChanges:
    """Policies (and named lists) compared by id; envelope fields by name."""
    before, after = {p.id: p for p in old.policies}, {p.id: p for p in new.policies}
    old_lists, new_lists = {x.id: x for x in old.lists}, {x.id: x for x in new.lists}
    return PolicyChanges(
        added=tuple(i for i in after if i not in before),
        changed=tuple(i for i in after if i in before and after[i] != before[i]),
        removed=tuple(i for i in before if i not in after),
        lists=tuple(sorted(i for i in old_lists.keys() | new_lists.keys() if old_lists.get(i) != new_lists.get(i))),
        envelope=tuple(f for f in _ENVELOPE if getattr(old, f) != getattr(new, f)),
    )


def _regions_touched(old: PolicySet, new: PolicySet, changes: PolicyChanges) -> list[tuple[str, str, str]]:
    """(location, what, region) for everything changed: a changed policy counts in its old and new region."""
    index = {p.id: i for i, p in enumerate(new.policies)}
    before, after = {p.id: p for p in old.policies}, {p.id: p for p in new.policies}
    touched: list[tuple[str, str, str]] = []
    for pid in (*changes.added, *changes.changed, *changes.removed):
        regions = {p.region for p in (before.get(pid), after.get(pid)) if p is not None}
        location = f"policies[{index[pid]}]" if pid in index else "policies"
        touched.extend((location, pid, region) for region in sorted(regions))
    for name in changes.lists:
        regions = {x.region for x in (*old.lists, *new.lists) if x.id == name}
        touched.extend(("lists", f"lists: {name}", region) for region in sorted(regions))
    touched.extend((name, name, NATIONAL) for name in changes.envelope)
    return touched


def _check_regions(actor: Actor, old: PolicySet, new: PolicySet, changes: PolicyChanges, text: str) -> None:
    refused = [item for item in _regions_touched(old, new, changes) if not may_edit(actor, item[2])]
    if not refused:
        return
    area = actor.region_code or "-"
    problems = [
        Problem(
            location,
            f"{what}（地区 {region}）不在您的管辖地区 {area} 内，不能新增、修改或删除",
            f"{what} (region {region}) lies outside your region {area}: you may not add, change or remove it",
        )
        for location, what, region in refused
    ]
    names = ", ".join(dict.fromkeys(what for _, what, _ in refused))
    raise PolicyOutsideRegion(
        f"无权修改以下政策：{names}",
        f"not allowed to change these policies: {names}",
        problems,
        problem_lines(text, tuple(problems)),
    )


def require_base(active: ActiveText, base_version: int | None) -> None:
    """An edit made on an older version than the active one is refused rather than silently undoing a save."""
    if base_version is not None and base_version != active.version_id:
        raise PolicySetChanged(
            f"政策集已有更新的版本 {active.version_id}，请重新打开后再修改",
            f"the policy set has a newer version {active.version_id}: reload it and edit again",
            [Problem("base_version", f"基于版本 {base_version}", f"based on version {base_version}")],
        )


def check_in_session(session: Session, actor: Actor, text: str, base_version: int | None) -> CheckedSet:
    """The checks of a save inside the caller's session (``text`` already normalized)."""
    active = active_text_in(session)
    require_base(active, base_version)
    new = parse_checked(text)
    old = _parsed(active.content_hash, session, active.version_id) if active.version_id else bundled_policies()
    changes = policy_changes(old, new)
    _check_regions(actor, old, new, changes, text)
    return CheckedSet(text, new, changes, active.version_id, active.content_hash)


def check_policy_set(platform: Platform, actor: Actor, text: str, base_version: int | None = None) -> CheckedSet:
    """Every check of a save, without saving: the loader's problems, then the regions of what changes."""
    require_editor(actor)
    with platform.db() as session:
        return check_in_session(session, actor, normalized(text), base_version)


# ---- saving --------------------------------------------------------------------------------------------


def _store(
    platform: Platform, actor: Actor, checked: CheckedSet, note: str, action: str, restored_from: int | None = None
) -> int:
    digest = content_hash(checked.text)
    try:
        with platform.db.begin() as session:
            version = PolicySetVersion(
                based_on=checked.base_version, text=checked.text, content_hash=digest,
                changes=checked.changes.as_json(), note=note.strip()[:2000], restored_from=restored_from,
                saved_by=actor.user_id or None, saved_by_name=actor.label[:100], saved_at=platform.clock(),
            )  # fmt: skip
            session.add(version)
            session.flush()
            after = {"version": version.id, "hash": digest, "note": version.note, **checked.changes.as_json()}
            if restored_from is not None:
                after["restored_from"] = restored_from
            audit(session, actor, "policy_set", version.id, action, {"version": checked.base_version}, after)
            return version.id
    except IntegrityError:
        raise PolicySetChanged(
            "保存时政策集已被他人更新，请重新打开后再修改",
            "someone saved the policy set at the same time: reload it and edit again",
        ) from None


def _unchanged(checked: CheckedSet) -> None:
    if content_hash(checked.text) == checked.base_hash:
        raise PolicySetInvalid(
            "文本与当前生效的版本相同，没有可保存的修改",
            "the text is the same as the active version: there is nothing to save",
            [Problem("", "未修改", "unchanged")],
        )


def store_checked(platform: Platform, actor: Actor, checked: CheckedSet, note: str) -> int:
    """Store a checked text as the newest version (the caller checked it with this actor); audited."""
    _unchanged(checked)
    return _store(platform, actor, checked, note, "save")


def save_policy_set(
    platform: Platform, actor: Actor, text: str, note: str = "", base_version: int | None = None
) -> int:
    """Store ``text`` as the newest (active) version, once every check passes; audited. Returns the version id."""
    require_editor(actor)
    with platform.db() as session:
        checked = check_in_session(session, actor, normalized(text), base_version)
    return store_checked(platform, actor, checked, note)


def _version_text(session: Session, version_id: int) -> str:
    return bundled_text() if version_id == BUNDLED_VERSION else load(session, PolicySetVersion, version_id).text


def restore_version(platform: Platform, actor: Actor, version_id: int, note: str = "") -> int:
    """Save an earlier version's text (0: the bundled file) again as the newest; the same checks as a save."""
    require_editor(actor)
    with platform.db() as session:
        text = _version_text(session, version_id)
        checked = check_in_session(session, actor, text, None)
    _unchanged(checked)
    default_note = f"恢复版本 {version_id} / restored version {version_id}"
    return _store(platform, actor, checked, note.strip() or default_note, "restore", restored_from=version_id)


# ---- history -------------------------------------------------------------------------------------------


def _view(row: PolicySetVersion) -> VersionView:
    return VersionView(
        row.id, row.saved_at, row.saved_by_name, row.note, dict(row.changes), row.restored_from, row.content_hash
    )


def policy_versions(platform: Platform, actor: Actor, limit: int = 100) -> list[VersionView]:
    """The saved versions, newest (active) first; the bundled file, version 0, is not among them."""
    require_editor(actor)
    with platform.db() as session:
        return [_view(row) for row in version_list(session, max(1, min(limit, 1000)))]


def policy_version(platform: Platform, actor: Actor, version_id: int) -> tuple[VersionView | None, str]:
    """One version and its text; (None, the bundled text) for version 0."""
    require_editor(actor)
    with platform.db() as session:
        if version_id == BUNDLED_VERSION:
            return None, bundled_text()
        if version_id < 0:
            raise RecordNotFound(
                f"找不到政策集版本 {version_id}",
                f"no policy set version {version_id}",
                [Problem(f"policy_set_versions[{version_id}]", "不存在", "not found")],
            )
        row = load(session, PolicySetVersion, version_id)
        return _view(row), row.text


def editable_policies(platform: Platform, actor: Actor) -> list[tuple[Policy, bool]]:
    """The active policies, each with whether the actor may edit it."""
    require_editor(actor)
    return [(policy, may_edit(actor, policy.region)) for policy in active_policies(platform).policies]
