"""What to change on an Artemis broker to match the catalog: a pure diff, no broker.

The wanted state is parsed from the same broker property lines the deploy gives the
broker (:mod:`runtime.artemis_config`), so the two cannot drift apart.
"""

import json
import re
from dataclasses import dataclass, field

# Addresses the broker owns; never pruned.
SYSTEM = ("$sys.", "activemq.", "DLQ", "ExpiryQueue")
_LINE = re.compile(r'^(addressConfigurations|addressSettings)\.(?:"([^"]+)"|([^.]+))\.(.+?)=(.*)$')
_QUEUE = re.compile(r'^queueConfigs\.(?:"([^"]+)"|([^.]+))\.(\w+)$')


@dataclass
class AddressSpec:
    """An address as the broker properties describe it."""

    name: str
    routing: str = ""
    queues: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AddressState:
    """An address as the broker has it; ``settings`` are the effective address settings."""

    exists: bool
    routing: frozenset[str] = frozenset()
    queues: frozenset[str] = frozenset()
    settings: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Operation:
    """One management operation on the broker MBean, and what it does in words."""

    description: str
    operation: str
    arguments: tuple


def specs(lines: list[str]) -> list[AddressSpec]:
    """Addresses, queues and settings from broker property lines, in their order."""
    found: dict[str, AddressSpec] = {}
    for line in lines:
        match = _LINE.match(line.strip())
        if not match:
            continue
        kind, quoted, bare, rest, value = match.groups()
        spec = found.setdefault(quoted or bare, AddressSpec(quoted or bare))
        if kind == "addressSettings":
            spec.settings[rest] = value
        elif rest == "routingTypes":
            spec.routing = value
        elif queue := _QUEUE.match(rest):
            q_quoted, q_bare, attribute = queue.groups()
            if attribute == "routingType":
                spec.queues[q_quoted or q_bare] = value
    return list(found.values())


def same(wanted: str, have: object) -> bool:
    """Whether a property value (text) equals the broker's JSON value."""
    if isinstance(have, bool):
        return wanted.lower() == str(have).lower()
    if isinstance(have, int | float):
        try:
            return float(wanted) == float(have)
        except ValueError:
            return False
    return wanted == str(have)


def typed(value: str) -> object:
    """A property value as the JSON the management API takes (bool, int, float or text)."""
    if value in ("true", "false"):
        return value == "true"
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def diff(
    wanted: list[AddressSpec],
    existing: set[str],
    states: dict[str, AddressState],
    prune_prefix: str | None,
) -> list[Operation]:
    """Operations, in order, that bring the broker to ``wanted``.

    ``existing`` names every address on the broker; ``states`` holds one state per wanted
    address. ``prune_prefix`` None keeps extra addresses; otherwise those starting with it
    (all but the broker's own when it is "") are deleted with their queues.
    """
    ops: list[Operation] = []
    for spec in wanted:
        state = states.get(spec.name, AddressState(exists=spec.name in existing))
        queues = state.queues if state.exists else frozenset()
        if spec.routing and not state.exists:
            ops.append(
                Operation(
                    f"create address {spec.name} ({spec.routing})",
                    "createAddress(java.lang.String,java.lang.String)",
                    (spec.name, spec.routing),
                )
            )
        elif spec.routing and set(spec.routing.split(",")) != set(state.routing):
            ops.append(
                Operation(
                    f"change the routing of {spec.name}: {','.join(sorted(state.routing))} -> "
                    f"{spec.routing}",
                    "updateAddress(java.lang.String,java.lang.String)",
                    (spec.name, spec.routing),
                )
            )
        for queue, routing in spec.queues.items():
            if queue in queues:
                continue
            config = {"name": queue, "address": spec.name, "routing-type": routing, "durable": True}
            ops.append(
                Operation(
                    f"create queue {queue} on {spec.name} ({routing})",
                    "createQueue(java.lang.String,boolean)",
                    (json.dumps(config), True),
                )
            )
        drift = [k for k, v in spec.settings.items() if not same(v, state.settings.get(k))]
        if drift:
            detail = ", ".join(f"{k} {state.settings.get(k)} -> {spec.settings[k]}" for k in drift)
            body = {k: typed(v) for k, v in spec.settings.items()}
            ops.append(
                Operation(
                    f"set the address settings of {spec.name}: {detail}",
                    "addAddressSettings(java.lang.String,java.lang.String)",
                    (spec.name, json.dumps(body)),
                )
            )
    if prune_prefix is not None:
        keep = {s.name for s in wanted}
        for name in sorted(existing - keep):
            if name.startswith(SYSTEM) or not name.startswith(prune_prefix):
                continue
            # Forced: the address goes with its queues and their messages.
            ops.append(
                Operation(
                    f"delete address {name} (--prune)",
                    "deleteAddress(java.lang.String,boolean)",
                    (name, True),
                )
            )
    return ops
