"""The policy set as text: where a problem's path lies in the YAML (its line), and one policy's block of lines,
cut out for an official to edit and spliced back in.

Officials edit one policy at a time: the rest of the file, with its comments and layout, stays as it was, so
the block is cut and spliced as *lines* located by the YAML parser's marks, never by re-serializing the set
(which would lose every comment explaining how a vague source was read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cmmm.errors import Problem
from cmmm.services.errors import InputInvalid, RecordNotFound

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_SYNTAX_AT = re.compile(r":(\d+):\d+$")


def _compose(text: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def _child(node: Node, part: str | int) -> tuple[Node, int] | None:
    """The child named by one step of a path, with the line where it starts (a key's line for a mapping)."""
    if isinstance(part, int) and isinstance(node, SequenceNode) and part < len(node.value):
        item = node.value[part]
        return item, item.start_mark.line
    if isinstance(part, str) and isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == part:
                return value, key.start_mark.line
    return None


def _path(location: str) -> list[str | int]:
    return [int(index) if index else name for name, index in _PART.findall(location)]


def problem_line(text: str, location: str, root: Node | None = None) -> int | None:
    """The 1-based line of ``location`` (``policies[4].benefits[0].note``) in ``text``; a path that does not
    exist (a missing field) gives the line of the deepest part that does; a YAML syntax error its own line."""
    syntax = _SYNTAX_AT.search(location)
    if syntax:
        return int(syntax.group(1))
    node = root if root is not None else _compose(text)
    if node is None:
        return None
    line = node.start_mark.line
    for part in _path(location):
        found = _child(node, part)
        if found is None:
            break
        node, line = found
    return line + 1


def problem_lines(text: str, problems: tuple[Problem, ...]) -> tuple[int | None, ...]:
    root = _compose(text)
    return tuple(problem_line(text, p.location, root) for p in problems)


@dataclass(frozen=True)
class Block:
    """The lines ``first``..``last`` (0-based, inclusive) of the text that hold one policy, and their column."""

    first: int
    last: int
    column: int
    index: int


def _last_line(node: Node) -> int:
    """The last line holding the node's content (a block collection's end mark lies on the next item's line)."""
    if isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _last_line(last[1] if isinstance(last, tuple) else last)
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def _policies(text: str) -> SequenceNode:
    root = _compose(text)
    found = _child(root, "policies") if root is not None else None
    if found is None or not isinstance(found[0], SequenceNode) or found[0].flow_style:
        raise InputInvalid(
            "当前政策集的 policies 不是块格式的列表，请编辑整个政策集",
            "the policies of the active set are not a block list; edit the whole set instead",
            [Problem("policies", "应为块格式列表", "must be a block list")],
        )
    return found[0]


def _block_of(item: Node, index: int) -> Block:
    return Block(item.start_mark.line, _last_line(item), item.start_mark.column, index)


def _id_of(item: Node) -> str | None:
    """The id of a policy written as a block mapping (a flow mapping cannot be cut out as lines)."""
    if not isinstance(item, MappingNode) or item.flow_style:
        return None
    found = _child(item, "id")
    return found[0].value if found is not None and isinstance(found[0], ScalarNode) else None


def find_block(text: str, policy_id: str) -> Block:
    """Where the policy ``policy_id`` lies in the text, or :class:`RecordNotFound` when no policy has that id."""
    for index, item in enumerate(_policies(text).value):
        if _id_of(item) == policy_id:
            return _block_of(item, index)
    raise RecordNotFound(
        f"政策集中没有政策 {policy_id}",
        f"the policy set has no policy {policy_id}",
        [Problem("policy_id", "不存在", "not found")],
    )


def block_text(text: str, block: Block) -> str:
    """The policy's lines without the list's indentation and dash: a YAML mapping of its own."""
    lines = text.splitlines()[block.first : block.last + 1]
    out = [lines[0][block.column :]]
    for line in lines[1:]:
        indent = line[: block.column]
        out.append(line[block.column :] if not indent.strip() else line.lstrip())
    return "\n".join(out) + "\n"


def _indented(block: str, column: int) -> list[str]:
    lines = block.replace("\r\n", "\n").strip("\n").splitlines()
    dash = " " * max(column - 2, 0) + "- "
    return [dash + lines[0]] + [(" " * column + line) if line.strip() else "" for line in lines[1:]]


def _joined(lines: list[str]) -> str:
    return "\n".join(lines).rstrip("\n") + "\n"


def replace_block(text: str, block: Block, new_block: str) -> tuple[str, Block]:
    """The text with the block's lines replaced, and where the new block lies in it."""
    lines = text.splitlines()
    new_lines = _indented(new_block, block.column)
    result = lines[: block.first] + new_lines + lines[block.last + 1 :]
    return _joined(result), Block(block.first, block.first + len(new_lines) - 1, block.column, block.index)


def append_block(text: str, new_block: str) -> tuple[str, Block]:
    """The text with a new policy after the last one (its layout copied from the policies above it)."""
    items = _policies(text).value
    last = _block_of(items[-1], len(items) - 1)
    lines = text.splitlines()
    new_lines = ["", *_indented(new_block, last.column)]
    result = lines[: last.last + 1] + new_lines + lines[last.last + 1 :]
    first = last.last + 2
    return _joined(result), Block(first, first + len(new_lines) - 2, last.column, len(items))


def remove_block(text: str, block: Block) -> str:
    """The text without the policy, nor the comment lines just above it (its heading, such as ``# 4``)."""
    lines = text.splitlines()
    first = block.first
    while first > 0 and lines[first - 1].strip().startswith("#"):
        first -= 1
    last = block.last
    if first > 0 and not lines[first - 1].strip() and last + 1 < len(lines) and not lines[last + 1].strip():
        last += 1
    return _joined(lines[:first] + lines[last + 1 :])
