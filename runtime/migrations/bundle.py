"""The rendered schema bundle: where it comes from and how it splits into migrations.

A bundle maps ``<store>/<version>.<ext>`` to rendered text. It is rendered from
``schema_templates/`` for a region, or read from a directory: the migration Job's mounted
ConfigMap (keys with "/" written as "__") or a directory with one folder per store.
"""

import json
import logging
from pathlib import Path

import yaml

from runtime.errors import MigrationError
from runtime.migrations.versioned import Migration
from runtime.schema_render import SchemaContext, render

log = logging.getLogger(__name__)

EXTENSIONS = {"cql": ".cql", "mongo": ".yaml"}


def rendered(context: SchemaContext) -> dict[str, str]:
    """The bundle rendered from the templates for one region."""
    return render(context)


def from_directory(directory: Path) -> dict[str, str]:
    """The bundle in ``directory``: ``cql__0001_x.cql`` files or ``cql/0001_x.cql`` folders."""
    if not directory.is_dir():
        raise MigrationError(f"--schema-dir {directory}: no such directory")
    bundle: dict[str, str] = {}
    for store, ext in EXTENSIONS.items():
        # A mounted ConfigMap also holds "..data" links and timestamped folders; skip them.
        flat = [p for p in directory.glob(f"{store}__*{ext}") if not p.name.startswith("..")]
        nested = list((directory / store).glob(f"*{ext}"))
        for path in flat:
            bundle[f"{store}/{path.name.removeprefix(f'{store}__')}"] = path.read_text()
        for path in nested:
            bundle[f"{store}/{path.name}"] = path.read_text()
    if not bundle:
        raise MigrationError(
            f"--schema-dir {directory}: no migrations found; expected files named like "
            "cql__0001_keyspaces.cql and mongo__0001_device_profiles.yaml"
        )
    return bundle


def migrations(bundle: dict[str, str], store: str) -> list[Migration]:
    """The store's migrations in the bundle, in version order, split into statements."""
    ext = EXTENSIONS[store]
    found = []
    for key in sorted(bundle):
        folder, _, name = key.partition("/")
        if folder != store or not name.endswith(ext):
            continue
        version = name.removesuffix(ext)
        text = bundle[key]
        split = cql_statements if store == "cql" else mongo_commands
        statements = split(text, key)
        if not statements:
            raise MigrationError(f"{key}: holds no statement; a migration must change something")
        found.append(Migration(version, text, tuple(statements)))
    return found


def cql_statements(text: str, source: str = "<cql>") -> list[str]:
    """Split CQL on ';' outside quotes and comments; comments are dropped."""
    statements: list[str] = []
    current: list[str] = []
    i, n = 0, len(text)
    quote = None
    while i < n:
        c = text[i]
        two = text[i : i + 2]
        if quote:
            current.append(c)
            if c == quote:
                if text[i + 1 : i + 2] == quote:  # a doubled quote escapes itself
                    current.append(quote)
                    i += 1
                else:
                    quote = None
        elif two in ("--", "//"):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif two == "/*":
            end = text.find("*/", i + 2)
            if end < 0:
                raise MigrationError(f"{source}: a /* comment is never closed")
            i = end + 2
            continue
        elif c in ("'", '"'):
            quote = c
            current.append(c)
        elif c == ";":
            _keep(statements, current)
            current = []
        else:
            current.append(c)
        i += 1
    if quote:
        raise MigrationError(f"{source}: a {quote} quote is never closed")
    _keep(statements, current)
    return statements


def _keep(statements: list[str], chars: list[str]) -> None:
    lines = [line.rstrip() for line in "".join(chars).strip().splitlines()]
    statement = "\n".join(line for line in lines if line)
    if statement:
        statements.append(statement)


def mongo_commands(text: str, source: str = "<mongo>") -> list[str]:
    """The database commands of a Mongo migration, each as JSON text, in order."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise MigrationError(f"{source}: not valid YAML: {exc}") from None
    commands = document.get("commands") if isinstance(document, dict) else None
    if not isinstance(commands, list) or not commands:
        raise MigrationError(f"{source}: expected a mapping with a non-empty 'commands' list")
    out = []
    for index, command in enumerate(commands, 1):
        if not isinstance(command, dict) or not command:
            raise MigrationError(
                f"{source}: command {index} must be a mapping whose first key names the "
                "command (create, createIndexes, collMod, ...)"
            )
        out.append(json.dumps(command))
    return out
