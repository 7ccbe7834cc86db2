"""Workload identities: one Entra managed identity per service, federated with its AKS service account."""

from collections.abc import Mapping
from dataclasses import dataclass, field

import pulumi
from pulumi_azure_native import managedidentity

# The audience AKS workload identity exchanges tokens for.
# https://learn.microsoft.com/azure/aks/workload-identity-overview
TOKEN_AUDIENCE = "api://AzureADTokenExchange"


@dataclass(frozen=True)
class IdentityArgs:
    """Services to create identities for and the cluster that vouches for them."""

    resource_group_name: pulumi.Input[str]
    location: str
    oidc_issuer_url: pulumi.Input[str]
    namespace: str
    services: tuple[str, ...]
    tags: dict[str, str]
    # Services whose pods run outside ``namespace`` (an operator's own account):
    # service -> "namespace:serviceaccount".
    accounts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ServiceIdentity:
    """What other components need of one identity."""

    client_id: pulumi.Output[str]
    principal_id: pulumi.Output[str]
    name: pulumi.Output[str]


class Identities(pulumi.ComponentResource):
    """A user-assigned identity per service, trusted only for ``namespace/<service>`` pods
    (or the account ``accounts`` names for it)."""

    def __init__(self, name: str, args: IdentityArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("dataspace:identity:Identities", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        self.by_service: dict[str, ServiceIdentity] = {}
        for service in args.services:
            default = f"{args.namespace}:{service}"
            identity = managedidentity.UserAssignedIdentity(
                f"{name}-{service}",
                resource_group_name=args.resource_group_name,
                location=args.location,
                resource_name_=f"id-{name}-{service}",
                tags=args.tags,
                opts=child,
            )
            managedidentity.FederatedIdentityCredential(
                f"{name}-{service}-federation",
                resource_group_name=args.resource_group_name,
                resource_name_=identity.name,
                federated_identity_credential_resource_name=f"aks-{service}",
                issuer=args.oidc_issuer_url,
                subject=f"system:serviceaccount:{args.accounts.get(service, default)}",
                audiences=[TOKEN_AUDIENCE],
                opts=child,
            )
            self.by_service[service] = ServiceIdentity(
                identity.client_id, identity.principal_id, identity.name
            )

        self.register_outputs(
            {f"{s}_client_id": i.client_id for s, i in self.by_service.items()}
        )
