"""Values of the vault's secrets: generated, derived from resources, or given as Pulumi secrets."""

import json
from urllib.parse import quote

import pulumi

from components.secrets import SecretValue
from stacks.model import EXTERNAL_SECRETS

RATE_LIMITS = {"standard_per_minute": 100, "admin_per_minute": 1000}


# Generated per stack: name -> length.
GENERATED = {"atlas-app": 32, "kafka-app": 32, "jwt": 64, "scylla": 32, "prometheus": 32,
             "artemis-admin": 32}


def mongo_uri(srv: pulumi.Input[str], user: str, password: pulumi.Input[str]) -> pulumi.Output[str]:
    """The Atlas private SRV string with the app user's credentials and safe defaults."""
    def compose(parts):
        host, pwd = parts
        creds = f"{quote(user)}:{quote(pwd)}@"
        return (host.replace("mongodb+srv://", f"mongodb+srv://{creds}", 1)
                + "/smartbuild?tls=true&retryWrites=true&w=majority")
    return pulumi.Output.secret(pulumi.Output.all(srv, password).apply(compose))


def sql_connection(fqdn: pulumi.Input[str]) -> pulumi.Output[str]:
    """SQL MI with Entra auth: the service's workload identity, no password at all."""
    return pulumi.Output.concat(
        "Server=tcp:", fqdn, ",1433;Database=smartbuild;",
        "Authentication=Active Directory Default;Encrypt=True;TrustServerCertificate=False;",
    )


def external(values: dict) -> dict[str, SecretValue]:
    """Third-party credentials from the stack's Pulumi secrets, as they were given."""
    return {
        name: SecretValue(pulumi.Output.secret(values[name].get_secret_value()), "api-key")
        for name in EXTERNAL_SECRETS
        if name in values and name.split("--")[0] not in ("atlas", "kafka")
    }


def rate_limits() -> SecretValue:
    return SecretValue(json.dumps(RATE_LIMITS, sort_keys=True), "application/json")

