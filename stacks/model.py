"""The typed stack model: a stack file's few keys, validated, plus its environment's defaults."""

import json
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError
from pydantic.alias_generators import to_camel

from runtime.errors import ConfigError
from stacks.defaults import ENVIRONMENT_DEFAULTS, Sizing
from stacks.regions import Region, region

NAMESPACE = "dataspace"

# Third-party credentials nobody can generate; a deploy needs each as a Pulumi secret.
EXTERNAL_SECRETS = (
    "notification-service--twilio--api-key",
    "notification-service--sendgrid--api-key",
    "agentic-ai--google--gemini-api-key",
    "anomaly-detection--model-server--api-key",
    # Atlas reads the customer key through this app registration's secret.
    "atlas--kms--client-secret",
    # The deployer's Kafka admin login, used to manage topics and SCRAM users.
    "kafka--admin--sasl-password",
)


class StackConfig(BaseModel):
    """What one stack file says, validated before any resource is declared."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", alias_generator=to_camel, populate_by_name=True
    )

    stack: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    environment: Literal["dev", "staging", "prod", "local"]
    region: Literal["us-east", "us-west", "eu"]
    owner: str = Field(default="platform-team", min_length=1)
    atlas_org_id: str | None = Field(default=None, pattern=r"^[0-9a-f]{24}$")
    atlas_kms_client_id: str | None = Field(default=None, pattern=r"^[0-9a-f-]{36}$")
    kafka_bootstrap_servers: str | None = None
    overrides: dict[str, Any] = Field(default_factory=dict)
    external_secrets: dict[str, SecretStr] = Field(default_factory=dict)

    @cached_property
    def sizing(self) -> Sizing:
        """Environment defaults with this stack's overrides applied."""
        merged = ENVIRONMENT_DEFAULTS[self.environment].model_dump() | _snake(self.overrides)
        return Sizing.model_validate(merged)

    @property
    def place(self) -> Region:
        return region(self.region)

    @property
    def is_prod(self) -> bool:
        return self.environment == "prod"

    @property
    def is_local(self) -> bool:
        return self.environment == "local"

    @property
    def tags(self) -> dict[str, str]:
        """Tags every taggable Azure resource carries."""
        return {
            "environment": self.environment,
            "region": self.region,
            "data-zone": self.place.zone.value,
            "owner": self.owner,
            "data-classification": "confidential",
            "managed-by": "pulumi-dataspace",
        }


def _snake(overrides: dict[str, Any]) -> dict[str, Any]:
    return {_to_snake(k): v for k, v in overrides.items()}


def _to_snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def parse(stack: str, config: dict[str, str], source: str) -> StackConfig:
    """Validate a stack's ``dataspace:*`` config, raising ConfigError naming the key path.

    ``config`` maps full keys (``dataspace:region``) to the string values the engine
    hands a program; structured values are JSON. Keys of other namespaces (provider
    settings) are not ours and are left alone.
    """
    values: dict[str, Any] = {"stack": stack}
    for key, raw in config.items():
        namespace, _, name = key.partition(":")
        if namespace != NAMESPACE:
            continue
        values[name] = _decode(raw)
    try:
        parsed = StackConfig.model_validate(values)
        parsed.sizing  # noqa: B018 - validates the overrides now, not at first use
    except ValidationError as exc:
        nested = "overrides" if _in_sizing(exc) else ""
        raise ConfigError(_explain(exc, source, nested)) from None
    _check_cloud(parsed, source)
    return parsed


def _decode(raw: Any) -> Any:
    if not isinstance(raw, str):
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _in_sizing(exc: ValidationError) -> bool:
    return exc.title == Sizing.__name__


def _explain(exc: ValidationError, source: str, nested: str) -> str:
    problems = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        if nested:
            loc = [nested, to_camel(loc[0]), *loc[1:]]
        path = f"{NAMESPACE}:" + ".".join(loc)
        expected = err["msg"]
        if err["type"] == "extra_forbidden":
            expected = "unknown key; remove it or fix its spelling"
        problems.append(f"{path}: {expected}")
    return f"{source}: invalid stack config: " + "; ".join(problems)


def _check_cloud(parsed: StackConfig, source: str) -> None:
    if parsed.is_local:
        return
    if parsed.atlas_org_id is None:
        raise ConfigError(
            f"{source}: {NAMESPACE}:atlasOrgId is required for a cloud stack "
            "(the 24-hex id of the MongoDB Atlas organization)"
        )
    if parsed.atlas_kms_client_id is None:
        raise ConfigError(
            f"{source}: {NAMESPACE}:atlasKmsClientId is required for a cloud stack "
            "(the client id of the app registration Atlas uses to reach the Key Vault key)"
        )
    missing = [name for name in EXTERNAL_SECRETS if name not in parsed.external_secrets]
    if missing:
        raise ConfigError(
            f"{source}: {NAMESPACE}:externalSecrets lacks {', '.join(missing)}; set each with "
            f"pulumi config set --secret --path '{NAMESPACE}:externalSecrets.<name>' <value>"
        )
