"""What an ActiveMQArtemis custom resource configures through ``spec.brokerProperties``.

Broker properties are ``key=value`` lines whose keys are dotted paths; a path segment
may be quoted (``addressSettings."notifications.email".maxDeliveryAttempts``). Only the
parts the rules need are read: connectors (where a bridge goes), bridges, and AMQP
broker connections.
"""

import re
from dataclasses import dataclass, field
from typing import Any

_SEGMENT = re.compile(r'"([^"]*)"|([^.]+)')


@dataclass
class BrokerProperties:
    """Connectors by name (their params), bridges by name (their settings), AMQP
    connection URIs by name."""

    connectors: dict[str, dict[str, str]] = field(default_factory=dict)
    bridges: dict[str, dict[str, str]] = field(default_factory=dict)
    amqp_connections: dict[str, str] = field(default_factory=dict)


def _path(key: str) -> list[str]:
    return [quoted or plain for quoted, plain in _SEGMENT.findall(key.strip())]


def parse(lines: Any) -> BrokerProperties:
    """Connectors, bridges and AMQP connections from a list of ``key=value`` lines."""
    found = BrokerProperties()
    for line in lines if isinstance(lines, list) else []:
        if not isinstance(line, str) or "=" not in line:
            continue
        key, value = line.split("=", 1)
        path = _path(key)
        if len(path) >= 3 and path[0] == "connectorConfigurations":
            params = found.connectors.setdefault(path[1], {})
            params[".".join(path[3:] if path[2] == "params" else path[2:])] = value.strip()
        elif len(path) >= 3 and path[0] == "bridgeConfigurations":
            found.bridges.setdefault(path[1], {})[".".join(path[2:])] = value.strip()
        elif len(path) == 3 and path[0] == "AMQPConnections" and path[2] == "uri":
            found.amqp_connections[path[1]] = value.strip()
    return found


def connector_names(setting: str | None) -> list[str]:
    """Connector names in a bridge's ``staticConnectors`` value (comma-separated)."""
    return [name.strip() for name in (setting or "").split(",") if name.strip()]
