"""Schema changes: CQL and Mongo migrations as rendered for each stack's region, and the T-SQL
of new Alembic revisions.

The rendered CQL and Mongo migrations travel in each plan, in the schema ConfigMap that the
migration Job mounts (components/workers.py), so they are compared plan against plan. The
T-SQL comes from the sides' source trees and is known only for git refs.
"""

from dataclasses import dataclass, field

CONFIG_MAP = "kubernetes:core/v1:ConfigMap"
SCHEMA_PREFIX = "schema-"
STORES = ("cql", "mongo")


@dataclass(frozen=True)
class Migration:
    """One migration file: its store, its name (``0006_rollups.cql``) and its text."""

    store: str
    name: str
    text: str


@dataclass
class SchemaDiff:
    """Migrations the change adds, and ones it edits (an applied migration that changes is
    refused by the migrator, so an edit is worth a reviewer's eye)."""

    new: list[Migration] = field(default_factory=list)
    edited: list[Migration] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.new or self.edited)


def rendered(plan: dict | None) -> dict[str, Migration]:
    """``store/name`` -> the migration as rendered into a plan's schema ConfigMap."""
    found: dict[str, Migration] = {}
    for resource in (plan or {}).get("resources", []):
        props = resource.get("props") or {}
        name = (props.get("metadata") or {}).get("name", "")
        if resource["type"] != CONFIG_MAP or not name.startswith(SCHEMA_PREFIX):
            continue
        for key, text in (props.get("data") or {}).items():
            store, _, filename = key.partition("__")
            if store in STORES:
                found[f"{store}/{filename}"] = Migration(store, filename, text)
    return found


def compare(before: dict | None, after: dict | None) -> SchemaDiff:
    """New and edited CQL and Mongo migrations between two plans of one stack."""
    old, new = rendered(before), rendered(after)
    return SchemaDiff(
        new=[new[key] for key in sorted(new) if key not in old],
        edited=[new[key] for key in sorted(new) if key in old and old[key].text != new[key].text],
    )


def compare_sql(before: dict[str, str] | None, after: dict[str, str] | None) -> SchemaDiff | None:
    """New and edited Alembic revisions, each with its T-SQL; None when either side has no
    source tree (a plan file or directory), so there is nothing to compare."""
    if before is None or after is None:
        return None
    return SchemaDiff(
        new=[Migration("sql", rev, sql) for rev, sql in after.items() if rev not in before],
        edited=[Migration("sql", rev, sql) for rev, sql in after.items()
                if rev in before and before[rev] != sql],
    )
