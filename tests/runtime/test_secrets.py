"""The runtime's secret source: environment first, then Key Vault through a TTL cache."""

import logging

import pytest
from azure.core.exceptions import (
    ClientAuthenticationError,
    HttpResponseError,
    ResourceNotFoundError,
    ServiceRequestError,
)

from runtime.errors import ConfigError
from runtime.secrets import VAULT_URL_ENV, SecretSource

VAULT = "https://smartbuild-dev.vault.azure.net/"
SECRET = "kafka--cluster--sasl-password"


class FakeVault:
    """Stands in for SecretClient: answers from a dict, or raises the error it is given."""

    def __init__(self, values: dict[str, str] | None = None, error: Exception | None = None):
        self.values = values or {}
        self.error = error
        self.asked: list[str] = []

    def get_secret(self, name: str):
        self.asked.append(name)
        if self.error is not None:
            raise self.error
        if name not in self.values:
            raise ResourceNotFoundError(message=f"(SecretNotFound) A secret with (name/id) {name}")
        return type("KeyVaultSecret", (), {"value": self.values[name]})()


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _source(env: dict, vault: FakeVault, clock=None, ttl=60.0) -> SecretSource:
    return SecretSource(env, client=vault, ttl=ttl, clock=clock or Clock(),
                        service="schema-migrator")


def _denied() -> HttpResponseError:
    error = HttpResponseError(message="(Forbidden) Caller is not authorized")
    error.status_code = 403
    return error


def test_an_environment_variable_wins_and_the_vault_is_not_asked():
    vault = FakeVault({SECRET: "from-vault"})
    source = _source({"DATASPACE_KAFKA_PASSWORD": "from-env", VAULT_URL_ENV: VAULT}, vault)

    assert source.get("DATASPACE_KAFKA_PASSWORD", "Kafka SASL password", SECRET) == "from-env"
    assert vault.asked == []


def test_an_unset_or_blank_variable_is_read_from_the_named_vault_secret():
    vault = FakeVault({SECRET: "from-vault"})
    source = _source({"DATASPACE_KAFKA_PASSWORD": "  ", VAULT_URL_ENV: VAULT}, vault)

    assert source.get("DATASPACE_KAFKA_PASSWORD", "Kafka SASL password", SECRET) == "from-vault"
    assert vault.asked == [SECRET]


def test_a_vault_value_is_cached_until_the_ttl_runs_out():
    vault, clock = FakeVault({SECRET: "v1"}), Clock()
    source = _source({VAULT_URL_ENV: VAULT}, vault, clock, ttl=60.0)

    assert source.get("X", "x", SECRET) == "v1"
    vault.values[SECRET] = "v2"  # rotated in the vault
    clock.now += 59
    assert source.get("X", "x", SECRET) == "v1"
    clock.now += 1
    assert source.get("X", "x", SECRET) == "v2"
    assert vault.asked == [SECRET, SECRET]


def test_a_failed_read_is_not_cached():
    vault = FakeVault(error=_denied())
    source = _source({VAULT_URL_ENV: VAULT}, vault)
    with pytest.raises(ConfigError):
        source.get("X", "x", SECRET)

    vault.error, vault.values = None, {SECRET: "granted-now"}
    assert source.get("X", "x", SECRET) == "granted-now"


@pytest.mark.parametrize("env", [{}, {VAULT_URL_ENV: " "}])
def test_without_a_vault_an_unset_variable_names_itself_what_it_holds_and_the_secret(env):
    with pytest.raises(ConfigError) as raised:
        _source(env, FakeVault()).get("DATASPACE_MONGO_URI", "Atlas connection string",
                                      "device-service--mongodb--connection-string")

    message = str(raised.value)
    assert message.startswith("environment variable DATASPACE_MONGO_URI is not set; "
                              "it holds Atlas connection string")
    assert f"set {VAULT_URL_ENV}" in message
    assert "device-service--mongodb--connection-string" in message


def test_a_setting_no_vault_secret_holds_must_be_in_the_environment():
    vault = FakeVault()
    with pytest.raises(ConfigError, match="KAFKA_BOOTSTRAP_SERVERS is not set; it holds Kafka"):
        _source({VAULT_URL_ENV: VAULT}, vault).get("KAFKA_BOOTSTRAP_SERVERS", "Kafka servers")
    assert vault.asked == []


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (None, "does not exist; add it to the stack's vault"),
        (_denied(), "access denied; grant schema-migrator get on it in stacks/access.py"),
        (ClientAuthenticationError(message="DefaultAzureCredential failed\nmore lines"),
         "no Azure identity to read it (DefaultAzureCredential failed)"),
        (ServiceRequestError(message="Name or service not known"), "cannot reach the vault"),
    ],
)
def test_a_vault_failure_is_one_line_naming_the_variable_the_secret_and_the_fix(error, says):
    source = _source({VAULT_URL_ENV: VAULT}, FakeVault({}, error))

    with pytest.raises(ConfigError) as raised:
        source.get("DATASPACE_KAFKA_PASSWORD", "Kafka SASL password", SECRET)

    message = str(raised.value)
    assert message.startswith(f"DATASPACE_KAFKA_PASSWORD: vault secret {SECRET} in {VAULT}")
    assert says in message
    assert "or set DATASPACE_KAFKA_PASSWORD" in message
    assert "\n" not in message


def test_a_value_read_from_the_vault_is_never_logged(caplog):
    source = _source({VAULT_URL_ENV: VAULT}, FakeVault({SECRET: "s3cr3t-value"}))

    with caplog.at_level(logging.DEBUG, logger="runtime.secrets"):
        source.get("DATASPACE_KAFKA_PASSWORD", "Kafka SASL password", SECRET)

    assert SECRET in caplog.text
    assert "s3cr3t-value" not in caplog.text


def test_an_empty_vault_secret_is_an_error_not_an_empty_password():
    with pytest.raises(ConfigError, match="is empty; set its value"):
        _source({VAULT_URL_ENV: VAULT}, FakeVault({SECRET: ""})).get("X", "x", SECRET)
