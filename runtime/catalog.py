"""The platform catalog: Kafka topics and Artemis addresses, shared by deploys and migrations.

The data lives in ``schema_templates/catalog/*.yaml``; this module validates it once.
"""

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from runtime.errors import ConfigError

CATALOG_DIR = Path(__file__).resolve().parent.parent / "schema_templates" / "catalog"


class Topic(BaseModel):
    """A Kafka topic at production size."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    partitions: int = Field(gt=0)
    retention_hours: int = Field(gt=0)
    key: str
    personal_data: bool

    @property
    def retention_ms(self) -> int:
        return self.retention_hours * 3_600_000


class Address(BaseModel):
    """An Artemis address, its queues and its address settings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9.]*$")
    routing: Literal["anycast", "multicast"]
    queues: tuple[str, ...] = ()
    expiry_ms: int | None = Field(default=None, gt=0)
    max_delivery_attempts: int = Field(gt=0)
    redelivery_delay_ms: int = Field(ge=0)
    redelivery_multiplier: float = Field(ge=1.0)
    max_redelivery_delay_ms: int = Field(ge=0)
    consumer_window_size: int | None = None

    @property
    def queue_names(self) -> tuple[str, ...]:
        """Queues bound to the address; an anycast address has one of its own name."""
        return self.queues or (self.name,)

    @property
    def dead_letter_address(self) -> str:
        return f"DLA.{self.name}"


class _TopicFile(BaseModel):
    topics: list[Topic]


class _AddressFile(BaseModel):
    addresses: list[Address]


def _load(filename: str, model: type[BaseModel]) -> BaseModel:
    path = CATALOG_DIR / filename
    try:
        return model.model_validate(yaml.safe_load(path.read_text()))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: {where}: {first['msg']}") from exc


@lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    """Every Kafka topic of the platform."""
    return tuple(_load("topics.yaml", _TopicFile).topics)


@lru_cache(maxsize=1)
def addresses() -> tuple[Address, ...]:
    """Every Artemis address of the platform."""
    return tuple(_load("addresses.yaml", _AddressFile).addresses)


def topic_config(topic: Topic, min_insync: int) -> dict[str, str]:
    """Broker-side settings of one topic, as Kafka names them."""
    return {
        "retention.ms": str(topic.retention_ms),
        "min.insync.replicas": str(min_insync),
        "cleanup.policy": "delete",
        "message.timestamp.type": "CreateTime",
    }


def partitions(topic: Topic, cap: int | None) -> int:
    """The catalog's partition count, capped in smaller environments."""
    return topic.partitions if cap is None else min(topic.partitions, cap)
