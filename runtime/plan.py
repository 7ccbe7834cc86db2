"""Offline plan: run the real Pulumi program under mocks and record every resource.

The JSON form is the contract ``check`` and ``diff`` read (see docs/plan-format.md):
the same stack gives the same bytes, secrets show as ``"[secret]"``.
"""

import contextvars
import copy
import gc
import json
import logging
from pathlib import Path
from typing import Any

import pulumi
import yaml
from google.protobuf import json_format
from pulumi.runtime.config import set_all_config
from pulumi.runtime.mocks import MockMonitor
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await

from runtime.errors import ConfigError
from runtime.plan_mocks import PlanMocks
from stacks import stack_file
from stacks.build import build
from stacks.model import EXTERNAL_SECRETS, NAMESPACE, parse

log = logging.getLogger(__name__)

PROJECT = "dataspace"
# What self-managed Pulumi backends call every organization.
ORGANIZATION = "organization"
SIG = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
MASK = "[secret]"
# Offline, Pulumi secrets cannot be decrypted; this stands in for each and is masked.
STAND_IN = "offline-plan-stand-in"


def clean(value: Any) -> Any:
    """Wire values as a plan shows them: secrets masked, references as URNs, whole floats as ints."""
    if isinstance(value, dict):
        sig = value.get(SIG)
        if sig == SECRET_SIG:
            return MASK
        if sig == RESOURCE_SIG:
            return value.get("urn")
        return {k: clean(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value == UNKNOWN:
        return "[unknown]"
    return value


class RecordingMonitor(MockMonitor):
    """The mock monitor, keeping each registration as the engine would receive it."""

    def __init__(self, mocks: pulumi.runtime.Mocks):
        super().__init__(mocks)
        self.records: list[dict] = []

    def RegisterResource(self, request):
        response = super().RegisterResource(request)
        self._record(request, bool(request.custom), request.object)
        return response

    def ReadResource(self, request):
        response = super().ReadResource(request)
        self._record(request, True, request.properties)
        return response

    def _record(self, request, custom: bool, props) -> None:
        self.records.append({
            "urn": self.make_urn(request.parent, request.type, request.name),
            "type": request.type,
            "name": request.name,
            "parent": request.parent or None,
            "custom": custom,
            "props": clean(json_format.MessageToDict(props)),
        })


def load_config(stack: str, path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """A stack file's config as the engine hands it to a program, and its secret keys."""
    path = path or stack_file(stack)
    if not path.is_file():
        raise ConfigError(f"no stack file {path.name} in {path.parent}; is {stack!r} a stack?")
    try:
        document = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path.name}: not valid YAML: {exc}") from None
    raw = document.get("config") or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path.name}: 'config' must be a mapping of key: value")
    config: dict[str, str] = {}
    secret_keys: list[str] = []
    for key, value in raw.items():
        value, secret = _stand_in_secrets(value)
        config[key] = value if isinstance(value, str) else json.dumps(value)
        if secret:
            secret_keys.append(key)
    return config, secret_keys


def _stand_in_secrets(value: Any) -> tuple[Any, bool]:
    if isinstance(value, dict) and set(value) == {"secure"}:
        return STAND_IN, True
    if isinstance(value, dict):
        found = False
        out = {}
        for k, v in value.items():
            out[k], secret = _stand_in_secrets(v)
            found = found or secret
        return out, found
    return value, False


def _with_external_stand_ins(config: dict[str, str], secret_keys: list[str]) -> None:
    if json.loads(json.dumps(config.get(f"{NAMESPACE}:environment"))) == "local":
        return
    key = f"{NAMESPACE}:externalSecrets"
    given = json.loads(config.get(key, "{}"))
    given |= {name: STAND_IN for name in EXTERNAL_SECRETS if name not in given}
    config[key] = json.dumps(given)
    if key not in secret_keys:
        secret_keys.append(key)


def _without_aliases(args: pulumi.ResourceTransformationArgs):
    """Drop aliases: azure-native gives each resource dozens (one per API version), the
    plan records no aliases, and resolving them costs four fifths of a plan's time."""
    if not args.opts.aliases:
        return None
    opts = copy.copy(args.opts)
    opts.aliases = None
    return pulumi.ResourceTransformationResult(args.props, opts)


async def _resolve(outputs: dict[str, Any]) -> dict[str, Any]:
    resolved = {}
    for key, value in outputs.items():
        out = pulumi.Output.from_input(value)
        resolved[key] = MASK if await out.is_secret() else clean(await out.future())
    return resolved


def _run(stack: str, config: dict[str, str], secret_keys: list[str], source: str) -> dict:
    parsed = parse(stack, config, source)
    mocks = PlanMocks(stack)
    monitor = RecordingMonitor(mocks)
    pulumi.runtime.set_mocks(mocks, project=PROJECT, stack=stack, preview=False, monitor=monitor,
                            organization=ORGANIZATION)
    set_all_config(config, secret_keys)
    pulumi.runtime.register_stack_transformation(_without_aliases)
    result: dict[str, Any] = {}

    async def program() -> None:
        result["outputs"] = await _resolve(build(parsed))

    _sync_await(run_pulumi_func(program))
    return {
        "stack": stack,
        "environment": parsed.environment,
        "region": parsed.region,
        "resources": sorted(monitor.records, key=lambda r: r["urn"]),
        "outputs": result["outputs"],
    }


def plan(stack: str, path: Path | None = None) -> dict:
    """Plan one stack offline. Raises ConfigError, before any resource, on a bad stack file.

    ``path`` reads the stack's config from another file than ``stacks/Pulumi.<stack>.yaml``.
    """
    path = path or stack_file(stack)
    config, secret_keys = load_config(stack, path)
    _with_external_stand_ins(config, secret_keys)
    log.info("planning stack %s", stack)
    # The program allocates many short-lived Outputs and tasks; collecting them while it
    # runs costs a third of the time, so the collector waits until the plan is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        # A fresh context per stack: Pulumi keeps settings, root resource and config there.
        return contextvars.Context().run(_run, stack, config, secret_keys, path.name)
    finally:
        if collecting:
            gc.enable()


def to_json(plans: dict | list[dict]) -> str:
    """The plan contract's bytes: sorted keys, two-space indent, trailing newline."""
    return json.dumps(plans, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
