"""sec-sql-mi-backups: prod SQL Managed Instance backups survive a datacenter and a year.

Automated backups of a managed instance cannot be switched off; what a stack decides is
where they are kept and for how long. In prod, ``requestedBackupStorageRedundancy`` must
not be ``Local`` (unset means Azure's default, ``Geo``), and every managed database needs
a long-term retention policy keeping weekly, monthly or yearly backups. A stack rule,
since a database and its retention policy are two resources.
"""

import re

from pulumi_policy import (
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
)

from policies.support import settings, types
from policies.support.props import known, view
from policies.support.rules import first_urn, scope

CONFIG = settings.schema(environments=("prod",))

_DATABASE = "azure-native:sql:ManagedDatabase"
_RETENTION = "azure-native:sql:ManagedInstanceLongTermRetentionPolicy"
_PERIODS = ("weeklyRetention", "monthlyRetention", "yearlyRetention")


def _keeps(duration: object) -> bool:
    """Whether an ISO 8601 duration (``P5W``, ``PT0S``) is longer than zero; an unknown
    one may be, so it counts."""
    if not known(duration):
        return True
    return isinstance(duration, str) and any(int(n) > 0 for n in re.findall(r"\d+", duration))


def _covers(policy: dict, database: PolicyResource, props: dict) -> bool:
    """Whether a retention policy names this database (names still unknown match)."""
    instance, own_instance = policy.get("managedInstanceName"), props.get("managedInstanceName")
    if known(instance) and known(own_instance) and instance != own_instance:
        return False
    name = policy.get("databaseName")
    # Offline, Pulumi's mocks answer a database's name output with its resource name.
    return not known(name) or name in (props.get("databaseName"), database.name)


def sec_sql_mi_backups_validator(args: StackValidationArgs,
                                 report_violation: ReportViolation) -> None:
    """Report local-only backup storage and databases without long-term retention."""
    urn = first_urn(args.resources)
    if urn is None or not scope(urn, args.get_config(), CONFIG).applies:
        return
    viewed = [(resource, view(resource.props)) for resource in args.resources]
    policies = [props for resource, props in viewed if resource.resource_type == _RETENTION]
    for resource, props in viewed:
        if resource.resource_type == types.SQL_INSTANCE:
            redundancy = props.get("requestedBackupStorageRedundancy")
            if known(redundancy) and str(redundancy).lower() == "local":
                report_violation(
                    f"{resource.name}: requestedBackupStorageRedundancy is 'Local', so the "
                    f"backups are lost with the datacenter; set it to 'Zone' or 'Geo'.",
                    resource.urn)
        elif resource.resource_type == _RETENTION:
            if not any(_keeps(props.get(period)) for period in _PERIODS):
                report_violation(
                    f"{resource.name}: keeps no long-term backup ({', '.join(_PERIODS)} are "
                    f"zero or not set); set weeklyRetention, for example to 'P5W'.",
                    resource.urn)
        elif resource.resource_type == _DATABASE and not any(
                _covers(policy, resource, props) for policy in policies):
            report_violation(
                f"{resource.name}: no ManagedInstanceLongTermRetentionPolicy covers this "
                f"database; declare one with its managedInstanceName and databaseName.",
                resource.urn)


sec_sql_mi_backups = StackValidationPolicy(
    name="sec-sql-mi-backups",
    description="In prod, SQL Managed Instance backups are zone- or geo-redundant and every "
                "database has long-term retention.",
    validate=sec_sql_mi_backups_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
