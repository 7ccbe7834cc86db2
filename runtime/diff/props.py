"""Property-level changes between two resources' inputs, masked and shortened for review."""

import json
import re
from dataclasses import dataclass
from typing import Any

MASK = "[secret]"
ABSENT = "(absent)"
LONGEST = 80
# Keys whose values are credentials even when a program forgot to mark them secret.
SENSITIVE = re.compile(r"password|passwd|connectionstring|accesskey|privatekey|sharedkey|"
                       r"clientsecret|apikey|token$", re.IGNORECASE)


@dataclass(frozen=True)
class PropertyChange:
    """One input that differs: its path of keys (list indexes as ints) and both sides as shown
    to a reviewer (``(absent)`` where a side has no such input)."""

    path: tuple[str | int, ...]
    before: str
    after: str
    secret: bool = False

    @property
    def label(self) -> str:
        """The path as one string: ``config['retention.ms']``, ``spec.containers[0].image``."""
        return path_label(self.path)


def path_label(path: tuple[str | int, ...]) -> str:
    """Keys joined with dots; indexes and keys that are not plain words in brackets."""
    text = ""
    for key in path:
        if isinstance(key, int):
            text += f"[{key}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", key):
            text += f".{key}" if text else key
        else:
            text += f"[{key!r}]"
    return text


def changes(before: Any, after: Any, path: tuple[str | int, ...] = ()) -> list[PropertyChange]:
    """Every leaf that differs, depth first in key order. Dicts are compared key by key and
    lists of equal length item by item; a list that grows or shrinks is one change."""
    if before == after:
        return []
    if isinstance(before, dict) and isinstance(after, dict):
        found: list[PropertyChange] = []
        for key in sorted(set(before) | set(after)):
            found += changes(before.get(key, _Absent), after.get(key, _Absent), (*path, key))
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        found = []
        for index, (old, new) in enumerate(zip(before, after)):
            found += changes(old, new, (*path, index))
        return found
    secret = _is_secret(before, path) or _is_secret(after, path)
    if secret:
        return [PropertyChange(path, _masked(before), _masked(after), True)]
    return [PropertyChange(path, show(before), show(after))]


class _Absent:
    """Marks the side of a change that has no such input."""


def show(value: Any) -> str:
    """A value as one short line of JSON; a long one cut, with its length (a string's in
    characters, anything else's as JSON)."""
    if value is _Absent:
        return ABSENT
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    if len(text) > LONGEST:
        length = len(value) if isinstance(value, str) else len(text)
        return f"{text[:LONGEST - 20]}… ({length} chars)"
    return text


def _masked(value: Any) -> str:
    return ABSENT if value is _Absent else MASK


def _is_secret(value: Any, path: tuple[str | int, ...]) -> bool:
    if value is _Absent:
        return False
    if value == MASK or (isinstance(value, (dict, list)) and MASK in json.dumps(value)):
        return True
    return any(isinstance(key, str) and SENSITIVE.search(key) for key in path)
