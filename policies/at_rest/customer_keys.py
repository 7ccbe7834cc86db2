"""What customer-managed keys at rest require of a stack, shared by the EU rule (mandatory)
and the rule for other zones (advisory).

- Each Atlas cluster encrypts at rest with a cloud KMS key (``encryptionAtRestProvider``
  AZURE, AWS or GCP); with AZURE, an EncryptionAtRest resource enables a Key Vault key,
  and that vault is declared in the stack in the Azure location of the cluster's
  highest-priority region.
- Each SQL Managed Instance has TDE with a customer-managed key (``keyId``); when the
  key's vault is declared in the stack, it is in the instance's location.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pulumi_policy import PolicyConfigSchema, PolicyResource, ReportViolation, StackValidationArgs

from policies.support import types
from policies.support.props import as_bool, dig, items, known, shown, view
from policies.support.rules import Scope, first_urn, scope
from policies.support.zones import ATLAS_AZURE_LOCATION

_ENCRYPTION = "mongodbatlas:index/encryptionAtRest:EncryptionAtRest"
_KMS = ("AZURE", "AWS", "GCP")
_VAULT_HOST = re.compile(r"^https://([a-z0-9-]+)\.vault\.azure\.net/", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One resource falling short, and what to change."""

    urn: str
    message: str


def _priority(config: dict) -> float:
    priority = dig(config, "priority")
    return priority if isinstance(priority, int | float) else 0


def _primary_location(props: dict) -> str | None:
    configs = [config for spec in items(props, "replicationSpecs")
               for config in items(spec, "regionConfigs") + items(spec, "regionsConfigs")]
    configs.sort(key=_priority, reverse=True)
    for config in configs:
        location = ATLAS_AZURE_LOCATION.get(str(dig(config, "regionName", default="")))
        if location:
            return location
    return None


def findings(rule: Scope, resources: list[PolicyResource]) -> Iterator[Finding]:
    """Every shortfall of customer-managed encryption at rest in a stack."""
    viewed = [(r, view(r.props)) for r in resources]
    vaults = {props.get("vaultName"): props.get("location")
              for r, props in viewed if r.resource_type == types.KEY_VAULT}
    clusters = [(r, props) for r, props in viewed if r.resource_type in types.ATLAS_CLUSTERS]
    encryptions = [(r, props) for r, props in viewed if r.resource_type == _ENCRYPTION
                   and as_bool(dig(props, "azureKeyVaultConfig", "enabled")) is not False
                   and dig(props, "azureKeyVaultConfig") is not None]
    for cluster, props in clusters:
        provider = props.get("encryptionAtRestProvider")
        if not known(provider):
            continue
        if provider not in _KMS:
            yield Finding(cluster.urn, f"{cluster.name}: encryptionAtRestProvider is "
                          f"{shown(provider)}; set it to 'AZURE' and enable a Key Vault key "
                          f"with an EncryptionAtRest resource.")
        elif provider == "AZURE" and not encryptions:
            yield Finding(cluster.urn, f"{cluster.name}: encryption at rest names AZURE but no "
                          f"EncryptionAtRest resource enables a Key Vault key; declare one.")
        location = _primary_location(props)
        for encryption, enc_props in encryptions if provider == "AZURE" else []:
            yield from _vault_in(encryption, dig(enc_props, "azureKeyVaultConfig",
                                                 "keyVaultName"), vaults, location)
    for instance, props in viewed:
        if instance.resource_type != types.SQL_INSTANCE:
            continue
        key_id = props.get("keyId")
        if not known(key_id):
            continue
        if not key_id:
            yield Finding(instance.urn, f"{instance.name}: TDE uses a service-managed key; "
                          f"set keyId to a Key Vault key (and give the instance's identity "
                          f"wrap/unwrap on it).")
            continue
        vault = _VAULT_HOST.match(str(key_id))
        if vault and vault[1] in vaults:
            yield from _vault_in(instance, vault[1], vaults, props.get("location"))


def _vault_in(resource: PolicyResource, vault: object, vaults: dict,
              location: object) -> Iterator[Finding]:
    if not known(vault) or not isinstance(vault, str):
        return
    if vault not in vaults:
        yield Finding(resource.urn, f"{resource.name}: key vault {vault!r} is not declared in "
                      f"this stack, so its region cannot be checked; use the stack's own "
                      f"vault.")
        return
    vault_location = vaults[vault]
    if not known(vault_location) or not known(location) or location is None:
        return
    if str(vault_location).lower() != str(location).lower():
        yield Finding(resource.urn, f"{resource.name}: the key is in vault {vault!r} in "
                      f"{vault_location!r}, but the data is in {location!r}; use a key of a "
                      f"vault in {location!r}.")


def validator(in_eu: bool, config: PolicyConfigSchema) -> Callable[..., None]:
    """A stack validator reporting every shortfall, in EU stacks (``in_eu``) or in the
    others."""

    def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
        urn = first_urn(args.resources)
        if urn is None:
            return
        rule = scope(urn, args.get_config(), config)
        if rule.stack.is_eu != in_eu:
            return
        for finding in findings(rule, args.resources):
            report_violation(finding.message, finding.urn)

    return validate
