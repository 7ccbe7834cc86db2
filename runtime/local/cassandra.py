"""Apache Cassandra 5.0, one node: the local CQL stand-in for ScyllaDB.

``cassandra-all`` and its dependencies come from Maven Central (``maven/cassandra-pom.xml``);
the JVM flags are those of Cassandra's ``conf/jvm-server.options`` and
``conf/jvm17-server.options``, less the ones for big machines, with a small heap.
"""

import logging
from pathlib import Path

from runtime.local import tools
from runtime.local.endpoint import Endpoint
from runtime.local.java import java_command
from runtime.local.server import Server

log = logging.getLogger(__name__)

VERSION = "5.0.5"
#: the newest native protocol Cassandra 5.0 speaks; clients should ask for it
PROTOCOL_VERSION = 5

# Java 17 module access Cassandra 5 needs (conf/jvm17-server.options).
_EXPORTS = [
    "java.base/jdk.internal.misc",
    "java.management.rmi/com.sun.jmx.remote.internal.rmi",
    "java.rmi/sun.rmi.registry",
    "java.rmi/sun.rmi.server",
    "java.sql/java.sql",
    "java.base/java.lang.ref",
    "jdk.unsupported/sun.misc",
    "jdk.compiler/com.sun.tools.javac.file",
    "jdk.attach/sun.tools.attach",
]
_OPENS = [
    "java.base/java.lang.module",
    "java.base/jdk.internal.loader",
    "java.base/jdk.internal.ref",
    "java.base/jdk.internal.reflect",
    "java.base/jdk.internal.math",
    "java.base/jdk.internal.module",
    "java.base/jdk.internal.util.jar",
    "jdk.management/com.sun.management.internal",
    "java.base/sun.nio.ch",
    "java.base/java.io",
    "java.base/java.lang.reflect",
    "jdk.compiler/com.sun.tools.javac",
    "java.base/java.lang",
    "java.base/java.util",
]
_JVM_OPTIONS = [
    "-ea",
    "-da:net.openhft...",
    "-XX:+UseThreadPriorities",
    "-Xss256k",
    "-XX:+UseTLAB",
    "-XX:+ResizeTLAB",
    "-XX:+PerfDisableSharedMem",
    "-Djava.net.preferIPv4Stack=true",
    "-XX:+ParallelRefProcEnabled",
    "-XX:MaxTenuringThreshold=1",
    "-XX:G1HeapRegionSize=16m",
    "-XX:G1RSetUpdatingPauseTimePercent=5",
    "-XX:MaxGCPauseMillis=300",
    "-XX:InitiatingHeapOccupancyPercent=70",
    "-Djdk.attach.allowAttachSelf=true",
    *[f"--add-exports={m}=ALL-UNNAMED" for m in _EXPORTS],
    *[f"--add-opens={m}=ALL-UNNAMED" for m in _OPENS],
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dio.netty.allocator.useCacheForAllThreads=true",
    "-Dio.netty.allocator.maxOrder=11",
    "-XX:MaxDirectMemorySize=512m",
    # One node: skip the gossip settling and ring delays meant for real clusters.
    "-Dcassandra.skip_wait_for_gossip_to_settle=0",
    "-Dcassandra.ring_delay_ms=1000",
    "-Dcassandra-foreground=yes",
]

_LOGBACK = """\
<configuration scan="false">
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="OUT"/></root>
</configuration>
"""


class Cassandra(Server):
    """A one-node Cassandra ring on loopback."""

    name = "cassandra"
    port_keys = ("cassandra", "cassandra_storage")
    stop_timeout = 90.0

    @property
    def home(self) -> Path:
        return self.settings.cache_dir / f"cassandra-{VERSION}"

    def installed(self) -> bool:
        return tools.stamp_ok(self.home, tools.pom_key("cassandra-pom.xml", VERSION))

    def install(self) -> None:
        if self.installed():
            return
        tools.install_atomically(
            self.home,
            tools.pom_key("cassandra-pom.xml", VERSION),
            lambda d: tools.maven_copy_dependencies(
                "cassandra-pom.xml",
                d / "lib",
                self.settings.cache_dir / "m2",
                {"cassandra.version": VERSION},
            ),
        )

    def _yaml(self) -> str:
        d = self.dir / "data"
        storage = self.settings.port("cassandra_storage")
        return f"""\
cluster_name: dataspace-local
num_tokens: 1
initial_token: 0
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
authenticator: AllowAllAuthenticator
authorizer: AllowAllAuthorizer
endpoint_snitch: SimpleSnitch
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "{self.host}:{storage}"
listen_address: {self.host}
rpc_address: {self.host}
storage_port: {storage}
native_transport_port: {self.port}
start_native_transport: true
data_file_directories: [{d / "data"}]
commitlog_directory: {d / "commitlog"}
saved_caches_directory: {d / "saved_caches"}
hints_directory: {d / "hints"}
cdc_raw_directory: {d / "cdc_raw"}
commitlog_sync: periodic
commitlog_sync_period: 10000ms
concurrent_reads: 4
concurrent_writes: 4
concurrent_counter_writes: 4
concurrent_materialized_view_writes: 4
concurrent_compactors: 1
memtable_heap_space: 128MiB
memtable_offheap_space: 128MiB
key_cache_size: 16MiB
materialized_views_enabled: true
"""

    def prepare(self) -> None:
        config = self.dir / "config"
        config.mkdir(parents=True, exist_ok=True)
        (self.dir / "triggers").mkdir(exist_ok=True)
        (config / "cassandra.yaml").write_text(self._yaml())
        (config / "logback.xml").write_text(_LOGBACK)

    def command(self) -> list[str]:
        config = self.dir / "config"
        lib = self.home / "lib"
        jamm = sorted(lib.glob("jamm-*.jar"))
        return java_command(
            classpath=[config, lib / "*"],
            heap_mb=self.settings.heap_mb["cassandra"],
            options=[
                *_JVM_OPTIONS,
                *[f"-javaagent:{jar}" for jar in jamm[:1]],
                f"-Dcassandra.config=file://{config / 'cassandra.yaml'}",
                f"-Dlogback.configurationFile={config / 'logback.xml'}",
                f"-Dcassandra.logdir={self.dir / 'log'}",
                f"-Dcassandra.storagedir={self.dir / 'data'}",
                f"-Dcassandra.triggers_dir={self.dir / 'triggers'}",
            ],
            main="org.apache.cassandra.service.CassandraDaemon",
            args=[],
        )

    def probe(self, timeout: float) -> None:
        from cassandra.cluster import EXEC_PROFILE_DEFAULT, Cluster, ExecutionProfile
        from cassandra.policies import RoundRobinPolicy

        cluster = Cluster(
            [self.host],
            port=self.port,
            protocol_version=PROTOCOL_VERSION,
            execution_profiles={
                EXEC_PROFILE_DEFAULT: ExecutionProfile(load_balancing_policy=RoundRobinPolicy())
            },
            connect_timeout=timeout,
            control_connection_timeout=timeout,
        )
        try:
            session = cluster.connect()
            session.execute("SELECT release_version FROM system.local", timeout=timeout).one()
        finally:
            cluster.shutdown()

    def endpoint(self) -> Endpoint:
        return Endpoint(self.name, self.host, self.port, self.host, self.ports)
