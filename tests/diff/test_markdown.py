"""The PR comment for one known change, compared byte for byte with a reviewed snapshot.

After an intended change of the output, rewrite the snapshot with
``DATASPACE_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/diff/test_markdown.py``, read its
diff, and commit it.
"""

import copy
import os
from pathlib import Path

import pytest

from runtime.diff import render_markdown, report
from stacks import CLOUD_STACKS
from tests.diff.conftest import resource, side, topic

SNAPSHOT = Path(__file__).parent / "snapshots" / "prod_eu_retention_and_location.md"


def _edited(plan: dict) -> dict:
    """prod-eu with a topic's retention halved and Redis moved to the US with a new owner."""
    head = copy.deepcopy(plan)
    config = topic(head, "notifications")["props"]["config"]
    config["retention.ms"] = str(int(config["retention.ms"]) // 2)
    redis = resource(head, "azure-native:redis:Redis")["props"]
    redis["location"] = "eastus"
    redis["tags"]["owner"] = "data-team"
    return head


def test_markdown_of_a_retention_and_a_location_change(plans):
    dev, eu = plans["dev"], plans["prod-eu"]
    result = report.compare(side("base.json", [dev, eu]),
                            side("head.json", [copy.deepcopy(dev), _edited(eu)]))

    text = render_markdown.render(result)

    if os.environ.get("DATASPACE_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(text)
        pytest.fail(f"rewrote {SNAPSHOT.name}; review its diff, then run without the variable")
    assert SNAPSHOT.is_file(), f"no snapshot {SNAPSHOT}; make it as this module's docstring says"
    assert text == SNAPSHOT.read_text()


def test_a_comment_too_long_for_github_is_cut_between_blocks_with_a_note(plans):
    base = [plans[stack] for stack in CLOUD_STACKS]
    head = copy.deepcopy(base)
    for plan in head:
        for record in plan["resources"]:
            record["props"]["reviewNote"] = f"a note long enough to be cut for {record['name']}"
    result = report.compare(side("base.json", base), side("head.json", head))

    text = render_markdown.render(result)

    assert len(text) <= render_markdown.LIMIT + 200
    assert text.startswith(f"**dataspace diff** `base.json` → `head.json`: {len(head)} of ")
    assert text.rstrip().endswith("run `dataspace diff --format json` for everything.")
    assert text.count("<details>") == text.count("</details>") >= 1
