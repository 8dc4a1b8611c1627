"""Editing one policy at a time: an official sees the YAML of one policy, changes it (or writes a new one, or
removes one), and the service splices it into the active set, checks the whole set and saves it.

A whole set of 400 lines is hard to edit safely in a browser; one policy of 20 lines is not. The problems of
the whole set are reported against the block the official edited (``benefits[0].note``, line 12 of the
block); a problem elsewhere in the set (an id repeated by another policy) keeps its full path.
"""

from __future__ import annotations

from dataclasses import dataclass

from cmmm.errors import ModelInvalid, Problem
from cmmm.model.loader import parse_yaml
from cmmm.services.actors import Actor
from cmmm.services.platform import Platform
from cmmm.services.policy_editing import (
    CheckedSet,
    active_text_in,
    check_in_session,
    normalized,
    require_base,
    require_editor,
    store_checked,
)
from cmmm.services.policy_errors import PolicyOutsideRegion, PolicySetInvalid
from cmmm.services.policy_text import (
    Block,
    append_block,
    block_text,
    find_block,
    problem_lines,
    remove_block,
    replace_block,
)


@dataclass(frozen=True)
class PolicyEdit:
    """One policy's new YAML (``policy_id`` None: a new policy), or its removal, over ``base_version``."""

    policy_id: str | None
    block: str
    base_version: int
    remove: bool = False


def policy_block(platform: Platform, actor: Actor, policy_id: str) -> tuple[int, str]:
    """The active version's id and the YAML block of one of its policies, as an official edits it."""
    require_editor(actor)
    with platform.db() as session:
        active = active_text_in(session)
    return active.version_id, block_text(active.text, find_block(active.text, policy_id))


def _block_problems(block: str) -> None:
    """The block on its own: YAML syntax and a mapping, reported with the block's own lines."""
    try:
        data = parse_yaml(block, "policy")
    except ModelInvalid as error:
        raise PolicySetInvalid(
            "政策不是有效的 YAML", "the policy is not valid YAML", error.problems, problem_lines(block, error.problems)
        ) from None
    if not isinstance(data, dict):
        raise PolicySetInvalid(
            "政策应为一个映射（id: …, region: …）",
            "a policy is one mapping (id: ..., region: ...)",
            [Problem("", "应为映射（键: 值）", "must be a mapping (key: value)")],
            [1],
        )


def _relocated(problem: Problem, line: int | None, block: Block) -> tuple[Problem, int | None]:
    """A problem of the whole set as the official sees it: its path and line within the block when it lies
    there, its full path otherwise."""
    prefix = f"policies[{block.index}]"
    location = problem.location
    if location == prefix or location.startswith((prefix + ".", prefix + "[")):
        location = location[len(prefix) :].lstrip(".")
    inside = line is not None and block.first < line <= block.last + 1
    return Problem(location, problem.zh, problem.en), (line - block.first if inside and line else None)


def _in_block(error: PolicySetInvalid | PolicyOutsideRegion, block: Block) -> PolicySetInvalid | PolicyOutsideRegion:
    pairs = [_relocated(p, line, block) for p, line in zip(error.raw, error.lines, strict=True)]
    problems, lines = [p for p, _ in pairs], [line for _, line in pairs]
    return type(error)(error.zh, error.en, problems, lines)


def _spliced(text: str, edit: PolicyEdit) -> tuple[str, Block | None]:
    if edit.policy_id is None:
        return append_block(text, edit.block)
    block = find_block(text, edit.policy_id)
    if edit.remove:
        return remove_block(text, block), None
    return replace_block(text, block, edit.block)


def check_policy_edit(platform: Platform, actor: Actor, edit: PolicyEdit) -> CheckedSet:
    """Every check of saving the edit, without saving; problems are located in the edited block."""
    require_editor(actor)
    if not edit.remove:
        _block_problems(normalized(edit.block))
    with platform.db() as session:
        active = active_text_in(session)
        require_base(active, edit.base_version)
        text, block = _spliced(active.text, edit)
        try:
            return check_in_session(session, actor, normalized(text), edit.base_version)
        except (PolicySetInvalid, PolicyOutsideRegion) as error:
            if block is None:
                raise
            raise _in_block(error, block) from None


def save_policy_edit(platform: Platform, actor: Actor, edit: PolicyEdit, note: str = "") -> int:
    """Splice, check and store the edit as the newest version (audited); the new version's id."""
    return store_checked(platform, actor, check_policy_edit(platform, actor, edit), note)
