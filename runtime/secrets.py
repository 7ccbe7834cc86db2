"""Secrets for the runtime: an environment variable first, else the stack's Key Vault.

Locally (and in tests) every value comes from the environment. In the cluster a pod gets
``AZURE_KEYVAULT_URL`` and a workload identity, and reads each secret it lacks from the
vault by its ``{service}--{category}--{name}`` name, which its service must be granted
(get only) in ``stacks/access.py``. Values read from the vault are cached for a while, so
a long-running worker picks up a rotated secret without asking the vault on every use.
Values are never logged; errors name the variable, the vault secret and the fix.
"""

import logging
import os
import time
from collections.abc import Callable, Mapping
from typing import Protocol

from azure.core.exceptions import (
    AzureError,
    ClientAuthenticationError,
    HttpResponseError,
    ResourceNotFoundError,
    ServiceRequestError,
)

from runtime.errors import ConfigError

log = logging.getLogger(__name__)

VAULT_URL_ENV = "AZURE_KEYVAULT_URL"
# How long a value read from the vault is used before it is read again.
TTL_SECONDS = 300.0


class VaultClient(Protocol):
    """What the source needs of ``azure.keyvault.secrets.SecretClient``."""

    def get_secret(self, name: str): ...


class SecretSource:
    """Looks a setting up in the environment, then in Key Vault, with a TTL cache.

    ``environ`` is read at each lookup (``os.environ`` by default). ``client`` stands in for
    the vault client (tests); without it a ``SecretClient`` with ``DefaultAzureCredential``
    (workload identity in a pod) is made on first use. ``service`` names who runs, for the
    fix an error suggests.
    """

    def __init__(
        self,
        environ: Mapping[str, str] | None = None,
        client: VaultClient | None = None,
        ttl: float = TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        service: str = "this pod's service",
    ) -> None:
        self._environ = os.environ if environ is None else environ
        self._client = client
        self._ttl = ttl
        self._clock = clock
        self._service = service
        self._cache: dict[str, tuple[str, float]] = {}

    @property
    def vault_url(self) -> str:
        """The vault to read from, from ``AZURE_KEYVAULT_URL``; empty when there is none."""
        return self._environ.get(VAULT_URL_ENV, "").strip()

    def get(self, variable: str, holds: str, secret: str | None = None) -> str:
        """The value of ``variable``, or of vault ``secret`` when the variable is unset.

        ``holds`` says what the value is, for the error when neither source has it.
        """
        value = self._environ.get(variable, "").strip()
        if value:
            return value
        if secret is None or not self.vault_url:
            hint = f"; set it, or set {VAULT_URL_ENV} to read vault secret {secret}" if secret else ""
            raise ConfigError(f"environment variable {variable} is not set; it holds {holds}{hint}")
        cached = self._cache.get(secret)
        if cached and self._clock() < cached[1]:
            return cached[0]
        value = self._read(variable, secret)
        self._cache[secret] = (value, self._clock() + self._ttl)
        return value

    def _read(self, variable: str, secret: str) -> str:
        where = f"{variable}: vault secret {secret} in {self.vault_url}"
        grant = f"grant {self._service} get on it in stacks/access.py and deploy, or set {variable}"
        try:
            value = self._vault().get_secret(secret).value
        except ResourceNotFoundError:
            raise ConfigError(f"{where} does not exist; add it to the stack's vault "
                              f"(stacks/build.py), {grant}") from None
        except ClientAuthenticationError as exc:
            raise ConfigError(f"{where}: no Azure identity to read it ({_first_line(exc)}); run "
                              f"with workload identity or `az login`, or set {variable}") from None
        except HttpResponseError as exc:
            if exc.status_code == 403:
                raise ConfigError(f"{where}: access denied; {grant}") from None
            raise ConfigError(f"{where}: the vault answered {exc.status_code}: "
                              f"{_first_line(exc)}") from None
        except ServiceRequestError as exc:
            raise ConfigError(f"{where}: cannot reach the vault ({_first_line(exc)}); check the "
                              f"private endpoint and DNS, or set {variable}") from None
        except AzureError as exc:
            raise ConfigError(f"{where}: {_first_line(exc)}") from None
        if not value:
            raise ConfigError(f"{where} is empty; set its value, or set {variable}")
        log.debug("%s: read vault secret %s", variable, secret)
        return value

    def _vault(self) -> VaultClient:
        if self._client is None:
            from azure.identity import DefaultAzureCredential
            from azure.keyvault.secrets import SecretClient

            self._client = SecretClient(self.vault_url, DefaultAzureCredential())
        return self._client


def _first_line(exc: Exception) -> str:
    """Azure errors run to many lines; one line is enough to act on."""
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
