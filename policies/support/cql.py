"""The keyspaces and tables a rendered CQL schema declares.

The Scylla operator has no keyspace resource: keyspaces and tables come from migrations,
which the plan carries rendered in a ConfigMap (``data`` keys ending ``.cql``, applied in
key order). This reads what replication and TTL they end up with; it is no CQL parser,
only enough of CREATE/ALTER KEYSPACE and CREATE/ALTER TABLE for those two questions.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from policies.support.props import dig, view

_COMMENTS = re.compile(r"--[^\n]*|//[^\n]*|/\*.*?\*/", re.DOTALL)
_NAME = r'(?:"[^"]+"|\w+)'
_KEYSPACE = re.compile(
    rf"^(CREATE|ALTER)\s+KEYSPACE\s+(?:IF\s+NOT\s+EXISTS\s+)?({_NAME})\s+WITH\s+(.*)$",
    re.IGNORECASE | re.DOTALL)
_TABLE = re.compile(
    rf"^(CREATE|ALTER)\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:({_NAME})\.)?({_NAME})\s*(.*)$",
    re.IGNORECASE | re.DOTALL)
_REPLICATION = re.compile(r"replication\s*=\s*\{([^}]*)\}", re.IGNORECASE)
_MAP_ENTRY = re.compile(r"'([^']*)'\s*:\s*(?:'([^']*)'|([\w.]+))")
_DURABLE = re.compile(r"durable_writes\s*=\s*(\w+)", re.IGNORECASE)
_TTL = re.compile(r"default_time_to_live\s*=\s*(\d+)", re.IGNORECASE)


@dataclass
class Keyspace:
    """A keyspace's replication: strategy, replicas per datacenter, durable writes."""

    name: str
    strategy: str = ""
    datacenters: dict[str, int] = field(default_factory=dict)
    replication_factor: int | None = None
    durable_writes: bool = True


@dataclass
class Table:
    """A table: its keyspace, columns and default TTL in seconds (None when unset)."""

    keyspace: str
    name: str
    columns: list[str] = field(default_factory=list)
    ttl: int | None = None


@dataclass
class Schema:
    """Keyspaces and tables by name, after every statement has applied."""

    keyspaces: dict[str, Keyspace] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)


def cql_files(data: Any) -> list[tuple[str, str]]:
    """The ``.cql`` entries of a ConfigMap's data, in the order they are applied."""
    if not isinstance(data, dict):
        return []
    return sorted((key, text) for key, text in data.items()
                  if key.endswith(".cql") and isinstance(text, str))


CONFIG_MAP = "kubernetes:core/v1:ConfigMap"


def schema_of(resource_type: str, props: Any) -> Schema | None:
    """The schema a ConfigMap's ``.cql`` entries leave behind, or None for any other
    resource and for a ConfigMap without CQL."""
    if resource_type != CONFIG_MAP:
        return None
    files = cql_files(dig(view(props), "data"))
    return parse([text for _, text in files]) if files else None


def parse(texts: list[str]) -> Schema:
    """The schema a sequence of CQL scripts leaves behind."""
    schema = Schema()
    for text in texts:
        for statement in _COMMENTS.sub(" ", text).split(";"):
            statement = statement.strip()
            if match := _KEYSPACE.match(statement):
                _keyspace(schema, _unquote(match[2]), match[3])
            elif match := _TABLE.match(statement):
                _table(schema, match[1].upper(), _unquote(match[2] or ""),
                       _unquote(match[3]), match[4])
    return schema


def _unquote(name: str) -> str:
    return name[1:-1] if name.startswith('"') else name.lower()


def _keyspace(schema: Schema, name: str, options: str) -> None:
    keyspace = schema.keyspaces.setdefault(name, Keyspace(name))
    if replication := _REPLICATION.search(options):
        entries = {k: (q if q else v) for k, q, v in _MAP_ENTRY.findall(replication[1])}
        keyspace.strategy = entries.pop("class", "").rsplit(".", 1)[-1]
        rf = entries.pop("replication_factor", None)
        keyspace.replication_factor = int(rf) if rf and rf.isdigit() else None
        keyspace.datacenters = {dc: int(n) if n.isdigit() else 0 for dc, n in entries.items()}
    if durable := _DURABLE.search(options):
        keyspace.durable_writes = durable[1].lower() != "false"


def _table(schema: Schema, verb: str, keyspace: str, name: str, rest: str) -> None:
    key = f"{keyspace}.{name}"
    table = schema.tables.get(key)
    if verb == "CREATE":
        body, options = _columns_and_options(rest)
        table = Table(keyspace, name, _column_names(body))
        schema.tables[key] = table
    elif table is None:
        table = schema.tables.setdefault(key, Table(keyspace, name))
        options = rest
    else:
        options = rest
    if ttl := _TTL.search(options):
        table.ttl = int(ttl[1])


def _columns_and_options(rest: str) -> tuple[str, str]:
    if not rest.startswith("("):
        return "", rest
    depth = 0
    for index, char in enumerate(rest):
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            return rest[1:index], rest[index + 1:]
    return rest[1:], ""


def _column_names(body: str) -> list[str]:
    names, depth, current = [], 0, ""
    for char in body + ",":
        if char == "," and depth == 0:
            words = current.split()
            if words and words[0].upper() != "PRIMARY":
                names.append(_unquote(words[0]))
            current = ""
            continue
        depth += char in "(<"
        depth -= char in ")>"
        current += char
    return names
