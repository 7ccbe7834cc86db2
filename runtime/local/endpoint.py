"""How a client reaches a local server."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Endpoint:
    """A local server's address for clients.

    ``url`` is what the matching client library takes (a bootstrap list for Kafka, an AMQP
    URL for Artemis, a contact point for Cassandra, a URI for the others); ``ports`` holds
    every port the server binds, by role. The credentials are the fixed local ones, not secrets.
    """

    name: str
    host: str
    port: int
    url: str
    ports: dict[str, int] = field(default_factory=dict)
    username: str | None = None
    password: str | None = None

    @property
    def address(self) -> str:
        """``host:port`` of the client port."""
        return f"{self.host}:{self.port}"
