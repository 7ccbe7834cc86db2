"""Plans to diff: copies of the real offline plans (tests/conftest.py), edited per test."""

import copy
from pathlib import Path

import pytest

from runtime.diff.sources import Side
from runtime.plan import to_json
from stacks import CLOUD_STACKS

TOPIC = "kafka:index/topic:Topic"


@pytest.fixture
def cloud(plans) -> list[dict]:
    """A fresh copy of every cloud stack's real plan, in stack order, free to edit."""
    return [copy.deepcopy(plans[stack]) for stack in CLOUD_STACKS]


def write(path: Path, plans: dict | list[dict]) -> Path:
    """Plans as `dataspace plan --format json` writes them."""
    path.write_text(to_json(plans))
    return path


def resource(plan: dict, type_: str, predicate=lambda r: True) -> dict:
    """The one resource of a type (and matching a predicate) in a plan."""
    found = [r for r in plan["resources"] if r["type"] == type_ and predicate(r)]
    assert len(found) == 1, f"{plan['stack']}: {len(found)} {type_} resources match"
    return found[0]


def topic(plan: dict, name: str) -> dict | None:
    """A plan's Kafka topic resource of a topic name, or None where the stack lacks it."""
    found = [r for r in plan["resources"] if r["type"] == TOPIC and r["props"]["name"] == name]
    return found[0] if found else None


def side(label: str, plans: list[dict]) -> Side:
    """A side of a diff holding these plans, as a plan file would give them."""
    return Side(label, {plan["stack"]: plan for plan in plans})
