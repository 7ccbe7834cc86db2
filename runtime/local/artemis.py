"""Apache ActiveMQ Artemis 2.40: one broker instance with AMQP, STOMP and core acceptors.

The distribution is the ``apache-artemis`` bin tar.gz from Maven Central; the instance is
made with ``artemis create``. At every start ``etc/broker.properties`` is rewritten: the
AMQP and STOMP acceptors plus the production addresses and address settings from
:func:`runtime.artemis_config.broker_properties`, so local and deployed brokers carry the same
catalog. Jolokia (the management API) answers on the console port.
"""

import json
import logging
import os
import tarfile
import urllib.request
from base64 import b64encode
from pathlib import Path

from runtime.local import tools
from runtime.local.endpoint import Endpoint
from runtime.local.java import java_binary
from runtime.local.server import Server

log = logging.getLogger(__name__)

VERSION = "2.40.0"
BROKER_NAME = "dataspace-local"
USER = "dataspace"
PASSWORD = "dataspace-local"
_ACCEPTOR = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory"


def _catalog_properties(region: str) -> list[str]:
    from runtime.artemis_config import broker_properties

    return broker_properties(region)


class Artemis(Server):
    """An Artemis broker instance under the state directory."""

    name = "artemis"
    port_keys = ("artemis_amqp", "artemis_stomp", "artemis_core", "artemis_console")

    @property
    def home(self) -> Path:
        return self.settings.cache_dir / f"artemis-{VERSION}" / f"apache-artemis-{VERSION}"

    @property
    def instance(self) -> Path:
        return self.dir / "instance"

    def installed(self) -> bool:
        return tools.stamp_ok(self.home.parent, VERSION)

    def install(self) -> None:
        if self.installed():
            return
        tools.install_atomically(self.home.parent, VERSION, self._unpack)

    def _unpack(self, target: Path) -> None:
        downloads = self.settings.cache_dir / "downloads"
        coordinates = f"org.apache.activemq:apache-artemis:{VERSION}:tar.gz:bin"
        archive = downloads / f"apache-artemis-{VERSION}-bin.tar.gz"
        if not archive.exists():
            tools.maven_copy_artifact(coordinates, downloads, self.settings.cache_dir / "m2")
        with tarfile.open(archive) as tar:
            tar.extractall(target, filter="data")

    # The instance.

    def _create_args(self) -> list[str]:
        return [
            str(self.home / "bin" / "artemis"),
            "create",
            "--silent",
            "--force",
            "--name",
            BROKER_NAME,
            "--user",
            USER,
            "--password",
            PASSWORD,
            "--require-login",
            "--host",
            self.host,
            "--default-port",
            str(self.settings.port("artemis_core")),
            "--http-host",
            self.host,
            "--http-port",
            str(self.settings.port("artemis_console")),
            "--no-amqp-acceptor",
            "--no-stomp-acceptor",
            "--no-mqtt-acceptor",
            "--no-hornetq-acceptor",
            "--nio",
            "--no-autotune",
            "--java-memory",
            f"{self.settings.heap_mb['artemis']}M",
            str(self.instance),
        ]

    def _acceptor_lines(self) -> list[str]:
        lines = []
        for name, key, protocol in (
            ("amqp", "artemis_amqp", "AMQP"),
            ("stomp", "artemis_stomp", "STOMP"),
        ):
            a = f"acceptorConfigurations.{name}"
            lines += [
                f"{a}.factoryClassName={_ACCEPTOR}",
                f"{a}.params.host={self.host}",
                f"{a}.params.port={self.settings.port(key)}",
                f"{a}.params.protocols={protocol}",
            ]
        return lines

    def prepare(self) -> None:
        args = self._create_args()
        stamp = self.dir / "create-args.json"
        if not stamp.exists() or json.loads(stamp.read_text()) != args:
            log.info("creating artemis instance in %s", self.instance)
            self.dir.mkdir(parents=True, exist_ok=True)
            tools.run(args, what="artemis create", env=self.env())
            stamp.write_text(json.dumps(args))
        lines = [
            "# Written by runtime.local.artemis at each start; edits are lost.",
            *self._acceptor_lines(),
            *_catalog_properties(self.settings.region),
        ]
        (self.instance / "etc" / "broker.properties").write_text("\n".join(lines) + "\n")

    def command(self) -> list[str]:
        return [str(self.instance / "bin" / "artemis"), "run"]

    def env(self) -> dict[str, str]:
        # The artemis script takes JAVA_ARGS and the instance paths from the environment
        # when set there; the instance's own profile must win.
        drop = ("JAVA_ARGS", "JAVA_ARGS_APPEND", "ARTEMIS_HOME", "ARTEMIS_INSTANCE")
        env = {k: v for k, v in os.environ.items() if k not in drop}
        env["JAVA_HOME"] = str(Path(java_binary()).resolve().parent.parent)
        return env

    # Readiness and management.

    def probe(self, timeout: float) -> None:
        from proton.utils import BlockingConnection

        connection = BlockingConnection(
            self.endpoint().url,
            timeout=timeout,
            user=USER,
            password=PASSWORD,
            allowed_mechs="PLAIN",
        )
        connection.close()
        if self.management("read", attribute="Started", timeout=timeout) is not True:
            raise ConnectionError("artemis management says the broker is not started")

    def management(self, kind: str, *, timeout: float = 10.0, **request: object) -> object:
        """One Jolokia request to the broker MBean (``kind`` is ``read`` or ``exec``)."""
        return jolokia(self.endpoint(), kind, timeout=timeout, **request)

    def endpoint(self) -> Endpoint:
        return Endpoint(
            self.name,
            self.host,
            self.port,
            f"amqp://{self.host}:{self.port}",
            self.ports,
            USER,
            PASSWORD,
        )


def jolokia(
    endpoint: Endpoint,
    kind: str,
    *,
    timeout: float = 10.0,
    mbean: str | None = None,
    **request: object,
) -> object:
    """Call the broker's Jolokia API; raises ConnectionError on an error status."""
    body = {"type": kind, "mbean": mbean or f'org.apache.activemq.artemis:broker="{BROKER_NAME}"'}
    body.update(request)
    url = f"http://{endpoint.host}:{endpoint.ports['artemis_console']}/console/jolokia/"
    token = b64encode(f"{endpoint.username}:{endpoint.password}".encode()).decode()
    http = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={
            "Authorization": f"Basic {token}",
            "Content-Type": "application/json",
            # Jolokia's strict origin check accepts the broker's own host.
            "Origin": f"http://{endpoint.host}",
        },
    )
    with urllib.request.urlopen(http, timeout=timeout) as response:
        answer = json.load(response)
    if answer.get("status") != 200:
        raise ConnectionError(f"jolokia {kind}: {answer.get('error', answer.get('status'))}")
    return answer.get("value")
