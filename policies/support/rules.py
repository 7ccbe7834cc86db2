"""What every rule starts from: the stack it is looking at and its own config."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_policy import PolicyConfigSchema

from policies.support import settings
from policies.support.context import StackContext, context_for
from policies.support.settings import ZoneTables


@dataclass(frozen=True)
class Scope:
    """A rule's view of one evaluation: stack context, zone tables and config values."""

    stack: StackContext
    zones: ZoneTables
    config: Mapping[str, Any]
    schema: PolicyConfigSchema

    def get(self, key: str) -> Any:
        """A config value of this rule, or its schema default."""
        return settings.value(self.config, self.schema, key)

    @property
    def applies(self) -> bool:
        """Whether the rule covers this stack's environment (always, when the rule's
        schema has no ``environments``)."""
        if "environments" not in self.schema.properties:
            return True
        return self.stack.environment in self.get("environments")


def scope(urn: str, config: Mapping[str, Any] | None, schema: PolicyConfigSchema) -> Scope:
    """The scope of a rule evaluating the resource (or stack) a URN belongs to."""
    config = config or {}
    tables = ZoneTables.from_config(config)
    return Scope(context_for(urn, tables), tables, config, schema)


def first_urn(resources: list) -> str | None:
    """The URN a stack rule takes its stack from: any resource's will do."""
    return resources[0].urn if resources else None


def rule_for(args: Any, types: str | tuple[str, ...], schema: PolicyConfigSchema) -> Scope | None:
    """The scope of a resource rule when the resource is of one of ``types`` and the rule
    covers the stack's environment; None when the rule has nothing to say about it."""
    wanted = (types,) if isinstance(types, str) else types
    if args.resource_type not in wanted:
        return None
    rule = scope(args.urn, args.get_config(), schema)
    return rule if rule.applies else None
