"""Reading resource properties alike whether they came over gRPC or from an offline plan.

The SDK hands a validator its properties wrapped in proxies that raise on an unknown
value (an output not yet known during preview). A rule here instead takes a plain
``view`` of them, in which an unknown is the ``UNKNOWN`` marker: the rule decides what an
unknown means for it (usually "cannot tell yet; checked again at ``pulumi up``, when
inputs are known"), so one unknown property does not switch the whole rule off.

Secrets arrive as ``pulumi_policy.Secret`` (see ``policies.support.wire``): ``view``
reveals them by default, and keeps the marker with ``reveal=False`` for the rule that
asks whether a value is secret.
"""

import json
from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_policy import Secret
from pulumi_policy.proxy import (
    UNKNOWN_ARCHIVE_VALUE,
    UNKNOWN_ARRAY_VALUE,
    UNKNOWN_ASSET_VALUE,
    UNKNOWN_BOOLEAN_VALUE,
    UNKNOWN_NUMBER_VALUE,
    UNKNOWN_OBJECT_VALUE,
    UNKNOWN_STRING_VALUE,
    _DictProxy,
    _ListProxy,
)
from pulumi_policy.secret import _DictSecretsProxy, _ListSecretsProxy

_SENTINELS = frozenset({UNKNOWN_ARCHIVE_VALUE, UNKNOWN_ARRAY_VALUE, UNKNOWN_ASSET_VALUE,
                        UNKNOWN_BOOLEAN_VALUE, UNKNOWN_NUMBER_VALUE, UNKNOWN_OBJECT_VALUE,
                        UNKNOWN_STRING_VALUE})


class _Unknown:
    """A value the engine does not know yet (preview of an output-derived input)."""

    def __repr__(self) -> str:
        return "<unknown>"


UNKNOWN = _Unknown()


def view(value: Any, reveal: bool = True) -> Any:
    """Plain dicts, lists and scalars from SDK proxies; unknowns become ``UNKNOWN``;
    secrets are revealed, or kept as ``Secret`` when ``reveal`` is False."""
    if isinstance(value, Secret):
        inner = view(value.value, reveal)
        return inner if reveal else Secret(inner)
    if isinstance(value, str):
        return UNKNOWN if value in _SENTINELS else value
    if isinstance(value, Mapping):
        target = _target(value)
        return {key: view(target[key], reveal) for key in target}
    if isinstance(value, Sequence):
        target = _target(value)
        return [view(item, reveal) for item in target]
    return value


_PROXIES = (_DictProxy, _ListProxy, _DictSecretsProxy, _ListSecretsProxy)


def _target(container: Any) -> Any:
    """The wrapped container of an SDK proxy, read without the unknown check."""
    return container["__target"] if isinstance(container, _PROXIES) else container


def dig(obj: Any, *path: str | int, default: Any = None) -> Any:
    """A nested value by keys and indexes, or ``default`` where the path runs out."""
    for step in path:
        in_map = isinstance(obj, Mapping) and step in obj
        in_list = isinstance(obj, list) and isinstance(step, int) and -len(obj) <= step < len(obj)
        if not (in_map or in_list):
            return default
        obj = obj[step]
    return obj


def items(obj: Any, *path: str | int) -> list:
    """A nested list, or an empty one where the path runs out or holds no list."""
    found = dig(obj, *path)
    return found if isinstance(found, list) else []


def known(value: Any) -> bool:
    """Whether a value is known (not an unknown preview output)."""
    return value is not UNKNOWN


def as_bool(value: Any) -> bool | None:
    """A boolean from a bool or its string form (provider config arrives as strings)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def as_int(value: Any) -> int | None:
    """An integer from an int, a whole float or a numeric string; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def as_list(value: Any) -> list:
    """A list from a list, a JSON-encoded list (provider config) or a comma-separated
    string; a single other value becomes a one-item list."""
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if isinstance(parsed, list):
                return parsed
        return [part.strip() for part in text.split(",") if part.strip()]
    return [] if value is None else [value]


def resource_name(urn: str) -> str:
    """The name part of a URN (what follows the last ``::``)."""
    return urn.rsplit("::", 1)[-1]


def shown(value: Any) -> str:
    """A value as a violation message quotes it, the same whether it came over gRPC (where
    every number is a float) or from a plan: ``not set`` for a missing one, JSON spelling
    for booleans, whole numbers without a decimal point."""
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)
