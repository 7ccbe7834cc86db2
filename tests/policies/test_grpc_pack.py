"""The pack as ``pulumi preview --policy-pack policies`` runs it, over gRPC.

The Python language host starts a pack as ``python -m pulumi.policy ENGINE PACK_DIR``
(with the pack's virtualenv, which PulumiPolicy.yaml points at this project's) and reads
the port the analyzer prints on stdout. This module does the same, then plays the engine:
GetAnalyzerInfo, Configure with each policy's schema defaults, Analyze for every resource
of a real plan and AnalyzeStack over all of them, with properties as a protobuf Struct and
secrets in Pulumi's secret signature. The verdicts must equal ``policies.offline``'s.
"""

import copy
import subprocess
import sys
import threading
from pathlib import Path

import grpc
import pytest
from google.protobuf import empty_pb2, json_format, struct_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

from policies.offline import SECRET, UNKNOWN, evaluate
from policies.pack import NAME, POLICIES
from tests.policies.edits import added, edited, one, setter

PACK_DIR = Path(__file__).resolve().parents[2] / "policies"
# The analyzer ignores the engine address unless a policy logs; nothing listens here, so a
# pack that did try to reach the engine would fail loudly instead of talking to a stranger.
ENGINE = "127.0.0.1:1"
SIG = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
UNKNOWN_WIRE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
START_TIMEOUT = 60

LEVELS = {analyzer_pb2.ADVISORY: "advisory", analyzer_pb2.MANDATORY: "mandatory"}


def _read_port(process: subprocess.Popen, stderr: Path) -> int:
    line: list[bytes] = []
    reader = threading.Thread(target=lambda: line.append(process.stdout.readline()),
                              daemon=True)
    reader.start()
    reader.join(START_TIMEOUT)
    if not line or not line[0].strip().isdigit():
        process.kill()
        process.wait(timeout=10)
        pytest.fail(f"the pack printed no port within {START_TIMEOUT}s: {line!r} "
                    f"{stderr.read_text(errors='replace')[-2000:]}")
    return int(line[0])


@pytest.fixture(scope="module")
def analyzer(tmp_path_factory):
    """A gRPC client of the pack's program, started as the CLI starts it."""
    # A file, not a pipe, so a chatty pack cannot block on a full stderr pipe.
    stderr = tmp_path_factory.mktemp("pack") / "stderr"
    with stderr.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "pulumi.policy", ENGINE, str(PACK_DIR)],
            cwd=PACK_DIR, stdout=subprocess.PIPE, stderr=err)
    try:
        port = _read_port(process, stderr)
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            grpc.channel_ready_future(channel).result(timeout=START_TIMEOUT)
            client = analyzer_pb2_grpc.AnalyzerStub(channel)
            _configure_with_defaults(client)
            yield client
    finally:
        process.kill()
        process.wait(timeout=10)
        process.stdout.close()


def _configure_with_defaults(analyzer) -> None:
    """What the CLI sends before analyzing: each policy's level and its config, the
    schema's defaults filled in."""
    info = analyzer.GetAnalyzerInfo(empty_pb2.Empty())
    configs = {}
    for policy in info.policies:
        schema = json_format.MessageToDict(policy.configSchema.properties)
        defaults = {key: spec["default"] for key, spec in schema.items() if "default" in spec}
        properties = struct_pb2.Struct()
        properties.update(defaults)
        configs[policy.name] = analyzer_pb2.PolicyConfig(
            enforcementLevel=policy.enforcementLevel, properties=properties)
    analyzer.Configure(analyzer_pb2.ConfigureAnalyzerRequest(policyConfig=configs))


def _wire(value):
    """A plan value as the engine marshals it for an analyzer (KeepSecrets, KeepUnknowns)."""
    if isinstance(value, dict):
        return {key: _wire(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_wire(item) for item in value]
    if value == SECRET:
        return {SIG: SECRET_SIG, "value": SECRET}
    if value == UNKNOWN:
        return UNKNOWN_WIRE
    return value


def _struct(props: dict) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(_wire(props))
    return struct


def _options(record: dict) -> analyzer_pb2.AnalyzerResourceOptions:
    return analyzer_pb2.AnalyzerResourceOptions(parent=record.get("parent") or "")


def _verdict(diagnostic, resource_urn: str | None) -> tuple:
    # The analyzer prefixes each message with the policy's description; the engine files a
    # resource policy's finding under the resource it analyzed.
    message = diagnostic.message.removeprefix(f"{diagnostic.description}\n")
    urn = resource_urn or diagnostic.urn or None
    return (diagnostic.policyName, LEVELS[diagnostic.enforcementLevel], urn, message)


def _over_grpc(analyzer, plan: dict) -> list[tuple]:
    verdicts = []
    for record in plan["resources"]:
        response = analyzer.Analyze(analyzer_pb2.AnalyzeRequest(
            type=record["type"], properties=_struct(record.get("props") or {}),
            urn=record["urn"], name=record["name"], options=_options(record)))
        verdicts += [_verdict(d, record["urn"]) for d in response.diagnostics]
    response = analyzer.AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(resources=[
        analyzer_pb2.AnalyzerResource(
            type=record["type"], properties=_struct(record.get("props") or {}),
            urn=record["urn"], name=record["name"], options=_options(record),
            parent=record.get("parent") or "")
        for record in plan["resources"]]))
    verdicts += [_verdict(d, None) for d in response.diagnostics]
    return sorted(verdicts)


def _offline(plan: dict) -> list[tuple]:
    return sorted((v.policy, v.enforcement, v.urn, v.message) for v in evaluate(plan))


def test_the_pack_describes_every_policy_at_its_level(analyzer):
    info = analyzer.GetAnalyzerInfo(empty_pb2.Empty())
    assert info.name == NAME
    served = [(p.name, LEVELS[p.enforcementLevel]) for p in info.policies]
    assert served == [(p.name, p.enforcement_level.value) for p in POLICIES]
    assert analyzer.GetPluginInfo(empty_pb2.Empty()).version


@pytest.mark.parametrize("stack", ["prod-eu", "prod-uswest"])
def test_unchanged_plan_verdicts_equal_the_offline_check(analyzer, plans, stack):
    verdicts = _over_grpc(analyzer, plans[stack])
    assert verdicts == _offline(plans[stack])
    assert not [v for v in verdicts if v[1] == "mandatory"]


def _broken_prod_eu(plans) -> dict:
    """prod-eu with a mandatory violation of several families, a plain password among
    them, and a reference to a US stack for the stack policy."""
    plan = plans["prod-eu"]
    for type_, edit, name in [
        ("azure-native:sql:ManagedInstance", setter("location", value="eastus"), None),
        ("azure-native:redis:Redis", setter("minimumTlsVersion", value="1.0"), None),
        ("azure-native:keyvault:Vault", setter("properties", "enablePurgeProtection",
                                                value=False), None),
        ("kafka:index/topic:Topic", setter("replicationFactor", value=1),
         "prod-eu-kafka-device-telemetry"),
        ("mongodbatlas:index/databaseUser:DatabaseUser", setter("password", value="hunter2"),
         None),
    ]:
        plan, _ = edited(plan, type_, edit, name)
    reference = one(plans["prod-uswest"], "pulumi:pulumi:StackReference")
    return added(plan, one(plan, "pulumi:pulumi:Stack"), reference["type"], reference["name"],
                 copy.deepcopy(reference["props"]))


def test_edited_plan_verdicts_equal_the_offline_check(analyzer, plans):
    plan = _broken_prod_eu(plans)
    verdicts = _over_grpc(analyzer, plan)
    assert verdicts == _offline(plan)
    mandatory = {(policy, urn.rsplit("::", 1)[-1]) for policy, level, urn, _ in verdicts
                 if level == "mandatory"}
    assert {("gdpr-eu-residency", "prod-eu-sql-mi"),
            ("sec-redis-tls", "prod-eu-redis-cache"),
            ("sec-key-vault-recoverable", "prod-eu-kv-vault"),
            ("sec-kafka-topic-durability", "prod-eu-kafka-device-telemetry"),
            ("sec-no-plain-secrets", "prod-eu-atlas-app-user"),
            ("gdpr-eu-stack-isolation", "organization/dataspace/prod-useast")} <= mandatory
