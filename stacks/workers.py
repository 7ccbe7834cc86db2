"""The runtime workers a stack deploys: consumer groups and instance floors from the guide."""

from dataclasses import dataclass


@dataclass(frozen=True)
class WorkerSpec:
    """One worker Deployment and what scales it."""

    name: str
    service: str  # the Key Vault identity it runs as
    floor: int  # the guide's instance count
    group: str | None = None  # Kafka consumer group
    topics: tuple[str, ...] = ()
    lag_threshold: int = 0  # per replica, before KEDA adds one
    queue: str | None = None  # Artemis queue, for Artemis-fed workers


WORKERS = (
    WorkerSpec("ingest", "analytics-ingestion", 4, "timeseries-writers",
               ("device-telemetry",), lag_threshold=50_000),
    WorkerSpec("alerts", "anomaly-detection", 8, "real-time-alerts",
               ("device-telemetry", "device-events"), lag_threshold=2_000),
    WorkerSpec("events", "event-processor", 2, "event-store-writers",
               ("device-events", "access-events"), lag_threshold=10_000),
    WorkerSpec("notify", "notification-service", 3, queue="notifications.email"),
)
