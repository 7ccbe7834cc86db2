"""Which stack a resource belongs to, and that stack's environment and residency zone.

The stack is the one part of a URN the engine always sends: ``urn:pulumi:<stack>::...``.
Its environment and zone come from the ``stacks`` table in the policy's config. For a
stack the table does not name, they are read from the name: the first dash-separated
word when it is an environment (``staging-2`` is staging), otherwise prod, the strictest;
the EU zone when a word of the name is ``eu`` (``prod-eu2`` too), otherwise US.
"""

import re
from dataclasses import dataclass

from policies.support import zones
from policies.support.settings import ZoneTables


@dataclass(frozen=True)
class StackContext:
    """A stack's name, environment (dev, staging, prod, local) and zone (eu, us)."""

    name: str
    environment: str
    zone: str

    @property
    def is_eu(self) -> bool:
        """Whether the stack is in the EU residency zone."""
        return self.zone == zones.EU


def stack_of(urn: str) -> str:
    """The stack name in a URN (``urn:pulumi:<stack>::<project>::...``)."""
    head = urn.split("::", 1)[0]
    return head.rsplit(":", 1)[-1]


def context_of(stack: str, tables: ZoneTables) -> StackContext:
    """A stack's environment and zone from the stacks table, else from its name."""
    entry = tables.stacks.get(stack)
    if entry:
        return StackContext(stack, entry["environment"], entry["zone"])
    words = [w for w in re.split(r"[^a-z0-9]+", stack.lower()) if w]
    environment = words[0] if words and words[0] in zones.ENVIRONMENTS else "prod"
    eu = any(w == zones.EU or re.fullmatch(r"eu\d+", w) for w in words)
    return StackContext(stack, environment, zones.EU if eu else zones.US)


def context_for(urn: str, tables: ZoneTables) -> StackContext:
    """The context of the stack a URN belongs to."""
    return context_of(stack_of(urn), tables)


def referenced_stack(name: str) -> str:
    """The stack in a StackReference name (``org/project/stack``, ``project/stack`` or
    ``stack``)."""
    return name.rsplit("/", 1)[-1]
