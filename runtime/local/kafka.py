"""Apache Kafka 4, one node in KRaft mode (broker and controller in one JVM).

Its jars and their dependencies come from Maven Central through ``maven/kafka-pom.xml``;
the storage is formatted once with ``kafka.tools.StorageTool``.
"""

import base64
import logging
import uuid
from pathlib import Path

from runtime.local import tools
from runtime.local.endpoint import Endpoint
from runtime.local.java import java_command
from runtime.local.server import Server

log = logging.getLogger(__name__)

VERSION = "4.1.1"
_LOG4J2 = """\
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.state.name = state.change.logger
logger.state.level = WARN
"""


class _Quiet:
    """A librdkafka logger that drops everything, for readiness probes."""

    def log(self, level: int, message: str, *args: object) -> None:
        del level, message, args


class Kafka(Server):
    """A one-node KRaft Kafka cluster."""

    name = "kafka"
    port_keys = ("kafka", "kafka_controller")

    @property
    def home(self) -> Path:
        return self.settings.cache_dir / f"kafka-{VERSION}"

    @property
    def config_path(self) -> Path:
        return self.dir / "config" / "server.properties"

    def installed(self) -> bool:
        return tools.stamp_ok(self.home, tools.pom_key("kafka-pom.xml", VERSION))

    def install(self) -> None:
        if self.installed():
            return
        tools.install_atomically(
            self.home,
            tools.pom_key("kafka-pom.xml", VERSION),
            lambda d: tools.maven_copy_dependencies(
                "kafka-pom.xml",
                d / "libs",
                self.settings.cache_dir / "m2",
                {"kafka.version": VERSION},
            ),
        )

    def _properties(self) -> str:
        port, controller = self.port, self.settings.port("kafka_controller")
        lines = {
            "process.roles": "broker,controller",
            "node.id": "1",
            "controller.quorum.voters": f"1@{self.host}:{controller}",
            "listeners": f"PLAINTEXT://{self.host}:{port},CONTROLLER://{self.host}:{controller}",
            "advertised.listeners": f"PLAINTEXT://{self.host}:{port}",
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs": str(self.dir / "data"),
            "num.partitions": "1",
            "num.network.threads": "2",
            "num.io.threads": "2",
            "offsets.topic.replication.factor": "1",
            "offsets.topic.num.partitions": "4",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "share.coordinator.state.topic.replication.factor": "1",
            "share.coordinator.state.topic.min.isr": "1",
            "group.initial.rebalance.delay.ms": "0",
            "auto.create.topics.enable": "false",
        }
        return "".join(f"{k}={v}\n" for k, v in lines.items())

    def _java(self, main: str, heap_mb: int, *args: str) -> list[str]:
        return java_command(
            classpath=[self.home / "libs" / "*"],
            heap_mb=heap_mb,
            options=[
                "-XX:MaxGCPauseMillis=20",
                "-XX:+ExplicitGCInvokesConcurrent",
                "-Djava.awt.headless=true",
                f"-Dlog4j2.configurationFile={self.dir / 'config' / 'log4j2.properties'}",
                f"-Dkafka.logs.dir={self.dir / 'log'}",
            ],
            main=main,
            args=list(args),
        )

    def prepare(self) -> None:
        (self.dir / "config").mkdir(parents=True, exist_ok=True)
        self.config_path.write_text(self._properties())
        (self.dir / "config" / "log4j2.properties").write_text(_LOG4J2)
        if (self.dir / "data" / "meta.properties").exists():
            return
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
        log.info("formatting kafka storage in %s", self.dir / "data")
        tools.run(
            self._java(
                "kafka.tools.StorageTool",
                256,
                "format",
                "--cluster-id",
                cluster_id,
                "--config",
                str(self.config_path),
            ),
            what="kafka storage format",
        )

    def command(self) -> list[str]:
        return self._java("kafka.Kafka", self.settings.heap_mb["kafka"], str(self.config_path))

    def probe(self, timeout: float) -> None:
        from confluent_kafka.admin import AdminClient

        admin = AdminClient(
            {
                "bootstrap.servers": self.endpoint().url,
                "socket.timeout.ms": int(timeout * 1000),
                # Refused connections are expected while the broker boots.
                "logger": _Quiet(),
            }
        )
        metadata = admin.list_topics(timeout=timeout)
        if not metadata.brokers:
            raise ConnectionError("kafka answered with no brokers")

    def endpoint(self) -> Endpoint:
        return Endpoint(self.name, self.host, self.port, f"{self.host}:{self.port}", self.ports)
