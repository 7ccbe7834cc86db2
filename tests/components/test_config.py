"""A bad stack file stops the program before any resource, naming the key and the fix."""

import pytest

import runtime.plan as planner
from runtime.errors import ConfigError
from runtime.plan import plan, to_json

GOOD = """config:
  dataspace:environment: prod
  dataspace:region: eu
  dataspace:atlasOrgId: 65a1e0c3b2d4f6a8e0c1d2e3
  dataspace:atlasKmsClientId: 7c5e2f4a-91b3-4d6e-8f0a-2b3c4d5e6f70
"""


@pytest.fixture
def no_build(monkeypatch):
    """Fail the test if the program gets as far as declaring resources."""
    def refuse(config):
        raise AssertionError(f"build() ran for {config.stack} although its config is invalid")
    monkeypatch.setattr(planner, "build", refuse)


def write(tmp_path, text):
    path = tmp_path / "Pulumi.bad.yaml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("text,expected", [
    (GOOD.replace("region: eu", "region: mars"),
     "dataspace:region: Input should be 'us-east', 'us-west' or 'eu'"),
    (GOOD + "  dataspace:overrides:\n    sqlVcores: 2\n",
     "dataspace:overrides.sqlVcores: Input should be greater than or equal to 4"),
    (GOOD + "  dataspace:overrides:\n    sqlVcore: 8\n",
     "dataspace:overrides.sqlVcore: unknown key"),
    (GOOD + "  dataspace:regoin: eu\n", "dataspace:regoin: unknown key"),
    (GOOD.replace("  dataspace:atlasOrgId: 65a1e0c3b2d4f6a8e0c1d2e3\n", ""),
     "dataspace:atlasOrgId is required"),
    (GOOD.replace("environment: prod", "environment: production"),
     "dataspace:environment: Input should be"),
])
def test_invalid_stack_file_names_the_key_and_declares_nothing(tmp_path, no_build, text, expected):
    with pytest.raises(ConfigError) as raised:
        plan("bad", write(tmp_path, text))
    assert "Pulumi.bad.yaml" in str(raised.value)
    assert expected in str(raised.value)


def test_missing_external_secret_stops_a_deploy(tmp_path, no_build):
    from stacks.model import parse

    config = {"dataspace:environment": "dev", "dataspace:region": "us-east",
              "dataspace:atlasOrgId": "65a1e0c3b2d4f6a8e0c1d2e3",
              "dataspace:atlasKmsClientId": "7c5e2f4a-91b3-4d6e-8f0a-2b3c4d5e6f70"}
    with pytest.raises(ConfigError, match="externalSecrets lacks .*twilio"):
        parse("dev", config, "Pulumi.dev.yaml")


def test_a_stack_file_that_is_not_yaml_is_reported(tmp_path, no_build):
    with pytest.raises(ConfigError, match="not valid YAML"):
        plan("bad", write(tmp_path, "config: [unclosed\n"))


def test_two_plans_of_one_stack_are_byte_identical():
    assert to_json(plan("prod-eu")) == to_json(plan("prod-eu"))


def test_plan_masks_every_secret(plans):
    text = to_json(plans["prod-eu"])
    assert "offline-plan" not in text
    assert '"[secret]"' in text
