"""Artemis addresses reconciled to the catalog through the broker's management API (Jolokia).

The wanted state is read from the same broker properties the deploy gives the broker
(:mod:`runtime.artemis_config`), so the two cannot drift apart. Missing addresses and
queues are created, a drifted routing type or address setting is set back; nothing is
deleted without ``prune``.
"""

import json
import logging
import re
import urllib.error
import urllib.request
from base64 import b64encode
from dataclasses import dataclass, field

from runtime.errors import MigrationError
from runtime.migrations.versioned import Report

log = logging.getLogger(__name__)

# Addresses the broker owns; never pruned.
SYSTEM = ("$sys.", "activemq.", "DLQ", "ExpiryQueue")
_LINE = re.compile(r'^(addressConfigurations|addressSettings)\.(?:"([^"]+)"|([^.]+))\.(.+?)=(.*)$')
_QUEUE = re.compile(r'^queueConfigs\.(?:"([^"]+)"|([^.]+))\.(\w+)$')


@dataclass(frozen=True)
class ArtemisSettings:
    """The broker's Jolokia endpoint; ``password`` is never logged."""

    url: str
    broker: str
    username: str
    password: str
    timeout: float = 15.0


@dataclass
class AddressSpec:
    """An address as the broker properties describe it."""

    name: str
    routing: str = ""
    queues: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)


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


class Jolokia:
    """A minimal Jolokia client for the broker MBean and its address MBeans."""

    def __init__(self, settings: ArtemisSettings) -> None:
        self.s = settings
        self.broker = f'org.apache.activemq.artemis:broker="{settings.broker}"'

    def call(self, body: dict) -> object:
        token = b64encode(f"{self.s.username}:{self.s.password}".encode()).decode()
        origin = re.match(r"^(https?://[^/]+)", self.s.url)
        request = urllib.request.Request(
            self.s.url,
            data=json.dumps(body).encode(),
            headers={
                "Authorization": f"Basic {token}",
                "Content-Type": "application/json",
                # Jolokia's origin check accepts the broker's own scheme and host.
                "Origin": origin.group(1) if origin else self.s.url,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.s.timeout) as response:
                answer = json.load(response)
        except (urllib.error.URLError, OSError) as exc:
            raise MigrationError(f"artemis: cannot reach the management API: {exc}") from exc
        if answer.get("status") != 200:
            raise MigrationError(
                f"artemis: {body.get('operation') or body.get('attribute')}: "
                f"{answer.get('error', answer.get('status'))}"
            )
        return answer.get("value")

    def read(self, attribute: str, mbean: str | None = None) -> object:
        return self.call({"type": "read", "mbean": mbean or self.broker, "attribute": attribute})

    def exec(self, operation: str, *arguments: object) -> object:
        return self.call(
            {
                "type": "exec",
                "mbean": self.broker,
                "operation": operation,
                "arguments": list(arguments),
            }
        )

    def address_mbean(self, name: str) -> str:
        return f'{self.broker},component=addresses,address="{name}"'


def _same(wanted: str, have: object) -> bool:
    if isinstance(have, bool):
        return wanted.lower() == str(have).lower()
    if isinstance(have, int | float):
        try:
            return float(wanted) == float(have)
        except ValueError:
            return False
    return wanted == str(have)


def _typed(value: str) -> object:
    if value in ("true", "false"):
        return value == "true"
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def plan(api: Jolokia, wanted: list[AddressSpec], prune_prefix: str | None) -> list[tuple]:
    """(description, operation, arguments) for each change, in the order to apply them."""
    existing = set(api.read("AddressNames") or [])
    changes: list[tuple] = []
    for spec in wanted:
        if spec.routing and spec.name not in existing:
            changes.append(
                (
                    f"create address {spec.name} ({spec.routing})",
                    "createAddress(java.lang.String,java.lang.String)",
                    [spec.name, spec.routing],
                )
            )
            have_queues: set[str] = set()
        elif spec.routing:
            mbean = api.address_mbean(spec.name)
            routing = ",".join(api.read("RoutingTypes", mbean) or [])
            if set(routing.split(",")) != set(spec.routing.split(",")):
                changes.append(
                    (
                        f"change the routing of {spec.name}: {routing} -> {spec.routing}",
                        "updateAddress(java.lang.String,java.lang.String)",
                        [spec.name, spec.routing],
                    )
                )
            have_queues = set(api.read("QueueNames", mbean) or [])
        else:
            have_queues = set()
        for queue, routing in spec.queues.items():
            if queue not in have_queues:
                config = {
                    "name": queue,
                    "address": spec.name,
                    "routing-type": routing,
                    "durable": True,
                }
                changes.append(
                    (
                        f"create queue {queue} on {spec.name} ({routing})",
                        "createQueue(java.lang.String,boolean)",
                        [json.dumps(config), True],
                    )
                )
        if spec.settings:
            have = json.loads(api.exec("getAddressSettingsAsJSON(java.lang.String)", spec.name))
            drift = [k for k, v in spec.settings.items() if not _same(v, have.get(k))]
            if drift:
                detail = ", ".join(f"{k} {have.get(k)} -> {spec.settings[k]}" for k in drift)
                body = {k: _typed(v) for k, v in spec.settings.items()}
                changes.append(
                    (
                        f"set the address settings of {spec.name}: {detail}",
                        "addAddressSettings(java.lang.String,java.lang.String)",
                        [spec.name, json.dumps(body)],
                    )
                )
    if prune_prefix is not None:
        keep = {s.name for s in wanted}
        for name in sorted(existing - keep):
            if name.startswith(SYSTEM) or not name.startswith(prune_prefix):
                continue
            # Forced: the address goes with its queues and their messages.
            changes.append(
                (
                    f"delete address {name} (--prune)",
                    "deleteAddress(java.lang.String,boolean)",
                    [name, True],
                )
            )
    return changes


def reconcile(
    settings: ArtemisSettings,
    wanted: list[AddressSpec],
    dry_run: bool = False,
    prune_prefix: str | None = None,
) -> Report:
    """Plan and (unless ``dry_run``) apply the changes that bring the broker to ``wanted``."""
    api = Jolokia(settings)
    changes = plan(api, wanted, prune_prefix)
    report = Report("artemis", dry_run, declarative=True)
    report.changes = [description for description, _, _ in changes]
    if dry_run:
        return report
    for description, operation, arguments in changes:
        log.info("artemis: %s", description)
        api.exec(operation, *arguments)
    return report
