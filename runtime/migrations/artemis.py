"""Artemis addresses reconciled to the catalog through the broker's management API (Jolokia).

Missing addresses and queues are created, a drifted routing type or address setting is
set back; nothing is deleted without ``prune``. The rules live in
:mod:`runtime.migrations.artemis_plan`; this module reads and changes the broker.
"""

import json
import logging
import re
import urllib.error
import urllib.request
from base64 import b64encode
from dataclasses import dataclass

from runtime.errors import MigrationError
from runtime.migrations.artemis_plan import AddressSpec, AddressState, Operation, diff
from runtime.migrations.versioned import Report

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArtemisSettings:
    """The broker's Jolokia endpoint; ``password`` is never logged."""

    url: str
    broker: str
    username: str
    password: str
    timeout: float = 15.0


class Jolokia:
    """A minimal Jolokia client for the broker MBean and its address MBeans."""

    def __init__(self, settings: ArtemisSettings) -> None:
        self.s = settings
        self.broker = f'org.apache.activemq.artemis:broker="{settings.broker}"'

    def call(self, body: dict) -> object:
        """Send one Jolokia request; the value, or MigrationError with the broker's error."""
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
        """An attribute of the broker MBean, or of ``mbean``."""
        return self.call({"type": "read", "mbean": mbean or self.broker, "attribute": attribute})

    def exec(self, operation: str, *arguments: object) -> object:
        """Run an operation (full signature, e.g. ``createAddress(java.lang.String,...)``)."""
        return self.call(
            {
                "type": "exec",
                "mbean": self.broker,
                "operation": operation,
                "arguments": list(arguments),
            }
        )

    def address_mbean(self, name: str) -> str:
        """The MBean name of address ``name``."""
        return f'{self.broker},component=addresses,address="{name}"'


def read(api: Jolokia, wanted: list[AddressSpec]) -> tuple[set[str], dict[str, AddressState]]:
    """Every address name on the broker, and the state of each wanted address."""
    existing = set(api.read("AddressNames") or [])
    states = {}
    for spec in wanted:
        # The effective settings of a match, defaults included, even before it exists.
        settings = (
            json.loads(api.exec("getAddressSettingsAsJSON(java.lang.String)", spec.name))
            if spec.settings
            else {}
        )
        if spec.name in existing:
            mbean = api.address_mbean(spec.name)
            routing = frozenset(api.read("RoutingTypes", mbean) or [])
            queues = frozenset(api.read("QueueNames", mbean) or [])
            states[spec.name] = AddressState(True, routing, queues, settings)
        else:
            states[spec.name] = AddressState(False, settings=settings)
    return existing, states


def plan(api: Jolokia, wanted: list[AddressSpec], prune_prefix: str | None) -> list[Operation]:
    """The operations that bring the broker to ``wanted``, in the order to apply them."""
    existing, states = read(api, wanted)
    return diff(wanted, existing, states, prune_prefix)


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
    report.changes = [op.description for op in changes]
    if dry_run:
        return report
    for op in changes:
        log.info("artemis: %s", op.description)
        api.exec(op.operation, *op.arguments)
    return report
