"""sec-no-plain-secrets: passwords, keys and connection strings reach providers as secrets.

A plain input lands unencrypted in the stack's state, its previews and CI logs. The rule
walks every input and reports a string under a credential-looking key (``password``,
``secret``, ``connectionString``, ``...Key`` such as ``primaryKey`` or ``apiKey``,
``token``, ``kubeconfig``) that is not a Pulumi secret; likewise a Key Vault secret's
``properties.value``, a Kubernetes Secret's ``data``/``stringData`` values, and a
container environment variable with such a name and a literal ``value``. Keys that only
name a secret (``plainKeys``, e.g. Artemis' ``sslSecret``) are left alone. Every
environment.
"""

import re
from collections.abc import Iterator
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings
from policies.support.props import dig, known, view
from policies.support.rules import scope

CONFIG = settings.schema(plainKeys={
    "type": "array", "items": {"type": "string"}, "default": ["sslSecret", "tlsSecret"],
    "description": "Keys that look like credentials but hold a reference, such as the name "
                   "of a Kubernetes Secret.",
})

_CREDENTIAL = re.compile(
    r"(password|passwd|secret|connectionstring|token|kubeconfig|"
    r"(access|account|api|auth|primary|private|secondary|shared|sas)key)$")
_VAULT_SECRET = "azure-native:keyvault:Secret"
_K8S_SECRET = "kubernetes:core/v1:Secret"


def _normal(key: str) -> str:
    return re.sub(r"[^a-z0-9]", "", key.lower())


def _credential(key: str, exempt: set[str]) -> bool:
    name = _normal(key)
    return name not in exempt and ("connectionstring" in name or bool(_CREDENTIAL.search(name)))


def _plain(value: Any) -> bool:
    """A known, non-empty string that is not a secret."""
    return isinstance(value, str) and known(value) and value != ""


def _walk(value: Any, path: str, exempt: set[str]) -> Iterator[str]:
    """Paths of plain strings under credential keys, and of env vars with literal values."""
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str) and _credential(name, exempt) and _plain(value.get("value")):
            yield f"{path}.value (environment variable {name})" if path else "value"
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            if _credential(key, exempt) and _plain(item):
                yield where
            else:
                yield from _walk(item, where, exempt)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]", exempt)


def _type_specific(resource_type: str, props: dict) -> Iterator[str]:
    if resource_type == _VAULT_SECRET and _plain(dig(props, "properties", "value")):
        yield "properties.value"
    if resource_type == _K8S_SECRET:
        for field in ("data", "stringData"):
            entries = props.get(field)
            for key, item in (entries.items() if isinstance(entries, dict) else []):
                if _plain(item):
                    yield f"{field}.{key}"


def sec_no_plain_secrets_validator(args: ResourceValidationArgs,
                                   report_violation: ReportViolation) -> None:
    """Report each credential input that is not a Pulumi secret."""
    rule = scope(args.urn, args.get_config(), CONFIG)
    exempt = {_normal(key) for key in rule.get("plainKeys")}
    # Secrets stay marked, so a plain value is a string and a secret is not.
    props = view(args.props, reveal=False)
    found = sorted(set(_walk(props, "", exempt)) | set(_type_specific(args.resource_type, props)))
    for path in found:
        report_violation(f"{args.name}: {path} is a plain value; pass it as a Pulumi secret "
                         f"(pulumi.Output.secret, or config set --secret) so it is encrypted "
                         f"in state and masked in previews.")


sec_no_plain_secrets = ResourceValidationPolicy(
    name="sec-no-plain-secrets",
    description="Passwords, keys and connection strings are passed as Pulumi secrets.",
    validate=sec_no_plain_secrets_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
