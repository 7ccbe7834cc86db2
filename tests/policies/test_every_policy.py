"""Every policy of the pack passes a real plan and fails it with one property changed."""

import copy

import pytest

from policies.pack import POLICIES
from tests.policies.cases import CASES, EDITED, Case
from tests.policies.edits import findings, one


def test_every_policy_has_a_failing_case():
    covered = {case.policy for case in CASES}
    assert [p.name for p in POLICIES if p.name not in covered] == []
    assert covered <= {p.name for p in POLICIES}


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.policy}:{case.id}")
def test_policy_passes_the_plan_and_fails_it_with_one_change(plans, case: Case):
    base = case.plan(plans)
    assert findings(base, case.policy) == []

    changed = copy.deepcopy(base)
    target = one(changed, case.type_, case.name)
    case.edit(target["props"])
    assert changed != base, "the edit changed nothing"
    found = findings(changed, case.policy)
    expected = {target["name"] if name == EDITED else name for name in case.reported}
    assert {v.name for v in found} == expected
    assert all(v.message.startswith(f"{v.name}: ") for v in found)
