"""Shared fixtures: real offline plans of every stack, made once per test session."""

import pytest

from runtime.plan import plan
from stacks import ALL_STACKS


@pytest.fixture(scope="session")
def plans() -> dict[str, dict]:
    """stack name -> its offline plan, as `dataspace plan STACK --format json` gives it."""
    return {stack: plan(stack) for stack in ALL_STACKS}


def of_type(plan: dict, type_: str) -> list[dict]:
    """Resources of one provider type in a plan."""
    return [r for r in plan["resources"] if r["type"] == type_]
