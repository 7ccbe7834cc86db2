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
TELEMETRY_TTL_SECONDS = 90 * 24 * 3600


@dataclass(frozen=True)
class SchemaContext:
    """What templates may depend on: where the data lives and how long it is kept."""

    region: str
    zone: str
    datacenter: str
    replication: int
    telemetry_ttl_seconds: int = TELEMETRY_TTL_SECONDS
    # Access events carry user ids; in the EU they are personal data kept 90 days.
    access_events_ttl_seconds: int = 90 * 24 * 3600


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )


def render(context: SchemaContext) -> dict[str, str]:
    """Every migration of every versioned store, keyed ``<store>/<file without .j2>``."""
    env = _environment()
    bundle: dict[str, str] = {}
    for store in STORES:
        folder = TEMPLATE_DIR / store
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
