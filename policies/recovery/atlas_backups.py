"""sec-atlas-backups: prod Atlas clusters have cloud backups with point-in-time restore.

Each cluster needs ``backupEnabled`` (``cloudBackup`` on the legacy cluster resource) and
``pitEnabled`` true, and a CloudBackupSchedule for it that keeps at least one snapshot
policy item. A stack rule, since a cluster and its schedule are two resources; a
schedule's ``clusterName`` that is still unknown counts as naming the cluster.
"""

from collections.abc import Iterator

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
)

from policies.support import settings
from policies.support.props import as_bool, as_int, dig, known, shown, view
from policies.support.rules import first_urn, scope

CONFIG = settings.schema(environments=("prod",))

_CLUSTERS = {"mongodbatlas:index/advancedCluster:AdvancedCluster": "backupEnabled",
             "mongodbatlas:index/cluster:Cluster": "cloudBackup"}
_SCHEDULE = "mongodbatlas:index/cloudBackupSchedule:CloudBackupSchedule"
_ITEMS = ("policyItemHourly", "policyItemDaily", "policyItemWeeklies", "policyItemMonthlies",
          "policyItemYearlies")


def _retentions(schedule: dict) -> Iterator[object]:
    for key in _ITEMS:
        item = schedule.get(key)
        for entry in item if isinstance(item, list) else [item]:
            if entry is not None:
                yield dig(entry, "retentionValue")


def _keeps_snapshots(schedule: dict) -> bool:
    return any(not known(value) or (as_int(value) or 0) > 0 for value in _retentions(schedule))


def sec_atlas_backups_validator(args: StackValidationArgs,
                                report_violation: ReportViolation) -> None:
    """Report clusters without backups or point-in-time restore, and without a schedule
    that keeps snapshots."""
    urn = first_urn(args.resources)
    if urn is None or not scope(urn, args.get_config(), CONFIG).applies:
        return
    viewed = [(resource, view(resource.props)) for resource in args.resources]
    schedules = [props for resource, props in viewed if resource.resource_type == _SCHEDULE]
    for resource, props in viewed:
        switch = _CLUSTERS.get(resource.resource_type)
        if switch is None:
            continue
        for key in (switch, "pitEnabled"):
            value = props.get(key)
            if known(value) and as_bool(value) is not True:
                report_violation(f"{resource.name}: {key} is {shown(value)}; set it to true.",
                                 resource.urn)
        name = props.get("name")
        own = [s for s in schedules
               if not known(s.get("clusterName")) or s.get("clusterName") == name]
        if not any(_keeps_snapshots(schedule) for schedule in own):
            report_violation(
                f"{resource.name}: no CloudBackupSchedule keeps snapshots of cluster "
                f"{name!r}; declare one with its clusterName and a daily policy item.",
                resource.urn)


sec_atlas_backups = StackValidationPolicy(
    name="sec-atlas-backups",
    description="In prod, Atlas clusters have cloud backups, point-in-time restore and a "
                "backup schedule.",
    validate=sec_atlas_backups_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
