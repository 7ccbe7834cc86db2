"""TLS versions as vendors spell them: ``1.2`` (Azure), ``TLS1_2`` (Atlas), ``TLSv1.2`` (Java)."""

import re
from typing import Any

_VERSION = re.compile(r"(?:tls\s*v?)?\s*(\d)\s*[._]?\s*(\d)", re.IGNORECASE)


def version(value: Any) -> tuple[int, int] | None:
    """The (major, minor) of a TLS version string, or None when it names none."""
    if not isinstance(value, str):
        return None
    match = _VERSION.search(value)
    return (int(match[1]), int(match[2])) if match else None


def modern(value: Any) -> bool:
    """Whether a value names TLS 1.2 or newer."""
    found = version(value)
    return found is not None and found >= (1, 2)


def protocols_modern(value: Any) -> bool:
    """Whether a comma-separated protocol list (``TLSv1.2,TLSv1.3``) names only TLS 1.2
    or newer, and names at least one."""
    if not isinstance(value, str):
        return False
    names = [name.strip() for name in value.split(",") if name.strip()]
    return bool(names) and all(modern(name) for name in names)
