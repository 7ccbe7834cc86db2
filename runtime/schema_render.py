"""Render the versioned schema templates (CQL, Mongo) for one region.

The rendered bundle travels to the cluster in a ConfigMap; its hash names the migration
Job, so a schema change shows in ``dataspace plan`` and runs before the workers roll.
"""

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "schema_templates"
STORES = ("cql", "mongo")
DAY = 24 * 3600
TELEMETRY_TTL_SECONDS = 90 * DAY
# The guide keeps the event store seven years for compliance.
EVENT_TTL_SECONDS = 7 * 365 * DAY
# Personal data in the EU (access events, device events naming who triggered them, who
# changed a configuration) is kept 90 days: the guide's "right to erasure via TTL".
EU_PERSONAL_TTL_SECONDS = 90 * DAY
# Elsewhere the configuration history, which names users, is kept one year.
CONFIG_HISTORY_TTL_SECONDS = 365 * DAY


@dataclass(frozen=True)
class SchemaContext:
    """What templates may depend on: where the data lives and how long it is kept."""

    region: str
    zone: str
    datacenter: str
    replication: int
    telemetry_ttl_seconds: int = TELEMETRY_TTL_SECONDS
    # Device events may carry the user who triggered them: personal data, bounded in the EU.
    event_ttl_seconds: int = EVENT_TTL_SECONDS
    # Access events carry user ids: personal data, bounded in the EU.
    access_events_ttl_seconds: int = EVENT_TTL_SECONDS
    config_history_ttl_seconds: int = CONFIG_HISTORY_TTL_SECONDS

    @classmethod
    def for_region(cls, region: str, zone: str, datacenter: str, replication: int):
        """The context of one region, with its zone's retention of personal data."""
        eu = zone == "eu"
        return cls(
            region=region, zone=zone, datacenter=datacenter, replication=replication,
            event_ttl_seconds=EU_PERSONAL_TTL_SECONDS if eu else EVENT_TTL_SECONDS,
            access_events_ttl_seconds=EU_PERSONAL_TTL_SECONDS if eu else EVENT_TTL_SECONDS,
            config_history_ttl_seconds=(
                EU_PERSONAL_TTL_SECONDS if eu else CONFIG_HISTORY_TTL_SECONDS),
        )


def _environment(template_dir: Path) -> Environment:
    return Environment(
        loader=FileSystemLoader(str(template_dir)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )


def render(context: SchemaContext, template_dir: Path = TEMPLATE_DIR) -> dict[str, str]:
    """Every migration of every versioned store, keyed ``<store>/<file without .j2>``."""
    env = _environment(template_dir)
    bundle: dict[str, str] = {}
    for store in STORES:
        folder = template_dir / store
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.j2")):
            text = env.get_template(f"{store}/{path.name}").render(**asdict(context))
            bundle[f"{store}/{path.name.removesuffix('.j2')}"] = text
    return bundle


def bundle_hash(bundle: dict[str, str]) -> str:
    """A short, stable hash of a rendered bundle."""
    digest = hashlib.sha256()
    for key in sorted(bundle):
        digest.update(key.encode() + b"\0" + bundle[key].encode() + b"\0")
    return digest.hexdigest()[:10]
