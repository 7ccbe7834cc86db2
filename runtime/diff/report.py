"""The whole diff of two sides: every stack's resources, verdicts and schema, and the T-SQL."""

from dataclasses import dataclass, field

from runtime.diff import plans, schema, verdicts
from runtime.diff.sources import Side


@dataclass
class StackDiff:
    """One stack's changes; ``presence`` says whether it exists on both sides, or was added or
    removed."""

    stack: str
    environment: str
    region: str
    presence: str
    resources: plans.ResourceDiff
    verdicts: verdicts.VerdictDiff
    schema: schema.SchemaDiff

    @property
    def empty(self) -> bool:
        return (self.presence == "both" and self.resources.empty and self.verdicts.empty
                and self.schema.empty)


@dataclass
class Report:
    """Both sides' labels, each stack's diff in the order of the head side, and the SQL diff
    (None when a side is a plan file and has no source)."""

    base: str
    head: str
    stacks: list[StackDiff] = field(default_factory=list)
    sql: schema.SchemaDiff | None = None

    @property
    def changed(self) -> bool:
        """Whether anything differs: what makes ``dataspace diff`` exit 1."""
        return any(not s.empty for s in self.stacks) or bool(self.sql and not self.sql.empty)

    @property
    def new_mandatory(self) -> int:
        """New mandatory violations over all stacks: what ``--fail-on-violation`` fails on."""
        return sum(len(s.verdicts.new_mandatory) for s in self.stacks)


def compare(base: Side, head: Side) -> Report:
    """Compare every stack found on either side, head's order first, then base-only stacks."""
    report = Report(base.label, head.label, sql=schema.compare_sql(base.sql, head.sql))
    names = list(head.plans) + [name for name in base.plans if name not in head.plans]
    for name in names:
        before, after = base.plans.get(name), head.plans.get(name)
        either = after or before
        presence = "both" if before and after else "added" if after else "removed"
        report.stacks.append(StackDiff(
            stack=name,
            environment=either.get("environment", ""),
            region=either.get("region", ""),
            presence=presence,
            resources=plans.compare(before, after),
            verdicts=verdicts.compare(before, after),
            schema=schema.compare(before, after),
        ))
    return report
