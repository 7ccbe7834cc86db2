"""What to change on a Kafka cluster to match the catalog: a pure diff, no client.

Partitions are never lowered (Kafka cannot) and a topic outside the catalog is deleted
only when pruning. A replication factor that differs is noted, not changed: that takes a
partition reassignment, which is an operator's call.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TopicSpec:
    """A topic as it should be on the cluster."""

    name: str
    partitions: int
    replication: int
    config: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TopicState:
    """A topic as the cluster has it (config read only for catalog topics)."""

    partitions: int
    # Replica counts seen across its partitions; one value when the topic is uniform.
    replication: frozenset[int]
    config: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """One thing to do to one topic."""

    kind: str  # create | config | partitions | delete
    topic: str
    detail: str
    spec: TopicSpec | None = None

    def describe(self) -> str:
        """One line for the report, verb first."""
        return {
            "create": f"create topic {self.topic} ({self.detail})",
            "partitions": f"raise the partitions of {self.topic}: {self.detail}",
            "config": f"alter the config of {self.topic}: {self.detail}",
            "delete": f"delete topic {self.topic} ({self.detail})",
        }[self.kind]


def diff(
    wanted: list[TopicSpec], current: dict[str, TopicState], prune_prefix: str | None
) -> tuple[list[Change], list[str]]:
    """Changes that bring ``current`` (every topic on the cluster) to ``wanted``, and notes.

    ``prune_prefix`` is None for no pruning; otherwise topics starting with it (all
    non-internal topics when it is "") that ``wanted`` lacks are deleted.
    """
    changes: list[Change] = []
    notes: list[str] = []
    for spec in wanted:
        have = current.get(spec.name)
        if have is None:
            detail = f"{spec.partitions} partition(s), replication {spec.replication}"
            changes.append(Change("create", spec.name, detail, spec))
            continue
        if spec.partitions > have.partitions:
            detail = f"{have.partitions} -> {spec.partitions} partitions"
            changes.append(Change("partitions", spec.name, detail, spec))
        elif spec.partitions < have.partitions:
            notes.append(
                f"kafka: {spec.name} keeps {have.partitions} partitions; the catalog says "
                f"{spec.partitions}, and partitions are never lowered"
            )
        if have.replication != {spec.replication}:
            notes.append(
                f"kafka: {spec.name} has replication {sorted(have.replication)}, the catalog "
                f"{spec.replication}; change it with a partition reassignment"
            )
        drift = {k: v for k, v in spec.config.items() if have.config.get(k) != v}
        if drift:
            detail = ", ".join(f"{k} {have.config.get(k)} -> {v}" for k, v in drift.items())
            only_drift = TopicSpec(spec.name, spec.partitions, spec.replication, drift)
            changes.append(Change("config", spec.name, detail, only_drift))
    if prune_prefix is not None:
        names = {s.name for s in wanted}
        for name in sorted(current):
            if name.startswith("_") or name in names or not name.startswith(prune_prefix):
                continue
            changes.append(Change("delete", name, "not in the catalog, --prune"))
    return changes, notes
