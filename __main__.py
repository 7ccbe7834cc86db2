"""Pulumi entry point: validate the selected stack's config, then declare its resources."""

import pulumi
from pulumi.runtime.config import CONFIG, get_config_env

from runtime.errors import ConfigError
from stacks import stack_file
from stacks.build import build
from stacks.model import parse

stack = pulumi.get_stack()
try:
    config = parse(stack, {**get_config_env(), **CONFIG.get()}, str(stack_file(stack).name))
except ConfigError as exc:
    # Nothing has been declared yet: the deploy stops before its first resource.
    raise pulumi.RunError(str(exc)) from None

for key, value in build(config).items():
    pulumi.export(key, value)
