"""The diff as a pull-request comment: a one-line summary, then one collapsible block per
stack that changes, then the SQL revisions."""

from runtime.diff.plans import ResourceChange, ResourceDiff
from runtime.diff.report import Report, StackDiff
from runtime.diff.schema import Migration, SchemaDiff

# GitHub refuses comments over 65,536 characters; leave room for the workflow's marker.
LIMIT = 60_000
FENCES = {"cql": "sql", "mongo": "yaml", "sql": "sql"}
STORE_NAMES = {"cql": "CQL", "mongo": "Mongo", "sql": "SQL"}


def render(report: Report) -> str:
    """Markdown for a PR comment; cut at a block boundary when it would be too long."""
    parts = [f"**dataspace diff** {code(report.base)} → {code(report.head)}: {summary(report)}\n"]
    for stack in report.stacks:
        if not stack.empty:
            parts.append(_stack(stack))
    unchanged = [s.stack for s in report.stacks if s.empty]
    if unchanged:
        parts.append(f"No change: {', '.join(unchanged)}.\n")
    if report.sql is not None and not report.sql.empty:
        parts.append(_details(f"<b>SQL</b>: {_schema_count(report.sql)}", _schema(report.sql)))
    text = ""
    for index, part in enumerate(parts):
        if len(text) + len(part) > LIMIT:
            left = len(parts) - index
            return text + (f"\n… {left} more block(s) cut to fit a comment; run "
                           "`dataspace diff --format json` for everything.\n")
        text += part + "\n"
    return text.rstrip("\n") + "\n"


def summary(report: Report) -> str:
    """One line: how many stacks change, resource counts, new violations, new migrations."""
    changing = [s for s in report.stacks if not s.empty]
    if not changing and (report.sql is None or report.sql.empty):
        return "no change."
    words = [f"{len(changing)} of {len(report.stacks)} stacks change"]
    counts = _counts_over(changing)
    if counts:
        words.append(counts)
    mandatory = report.new_mandatory
    advisory = sum(len(s.verdicts.new_advisory) for s in report.stacks)
    resolved = sum(len(s.verdicts.resolved) for s in report.stacks)
    if mandatory:
        words.append(f"**{_n(mandatory, 'new mandatory violation')}**")
    if advisory:
        words.append(_n(advisory, "new advisory violation"))
    if resolved:
        words.append(_n(resolved, "violation") + " resolved")
    # A migration is rendered once per stack; the summary names each file once.
    names = {f"{m.store}/{m.name}" for s in report.stacks for m in s.schema.new}
    names |= {f"sql/{m.name}" for m in report.sql.new} if report.sql else set()
    if len(names) > 4:
        words.append(_n(len(names), "new migration"))
    elif names:
        words.append(f"new migration{'s' if len(names) > 1 else ''} "
                     + ", ".join(code(name) for name in sorted(names)))
    return ", ".join(words) + "."


def code(text: str) -> str:
    """Inline code that survives backticks in the text."""
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _counts(diff: ResourceDiff) -> str:
    pairs = [(len(diff.added), "to add"), (len(diff.replaced), "to replace"),
             (len(diff.changed), "to change"), (len(diff.removed), "to remove")]
    text = ", ".join(f"{count} {what}" for count, what in pairs if count)
    if diff.outputs:
        text += (", " if text else "") + _n(len(diff.outputs), "output") + " changed"
    return text


def _counts_over(stacks: list[StackDiff]) -> str:
    total = ResourceDiff()
    for stack in stacks:
        for name in ("added", "removed", "replaced", "changed", "outputs"):
            getattr(total, name).extend(getattr(stack.resources, name))
    return _counts(total)


def _stack(stack: StackDiff) -> str:
    head = f"<b>{stack.stack}</b> ({stack.environment}, {stack.region})"
    if stack.presence != "both":
        head += f", stack {stack.presence}"
    notes = [_counts(stack.resources)]
    if stack.verdicts.new_mandatory:
        notes.append(f"<b>{_n(len(stack.verdicts.new_mandatory), 'new mandatory violation')}</b>")
    if not stack.schema.empty:
        notes.append(_schema_count(stack.schema))
    notes_text = ", ".join(n for n in notes if n)
    body = _verdicts(stack) + _resources(stack.resources) + _schema(stack.schema)
    return _details(f"{head}: {notes_text}" if notes_text else head, body)


def _details(summary_html: str, body: str) -> str:
    return f"<details><summary>{summary_html}</summary>\n\n{body}</details>\n"


def _verdicts(stack: StackDiff) -> str:
    verdicts = stack.verdicts
    if verdicts.empty:
        return ""
    lines = ["**Policy verdicts**\n"]
    for label, found in (("new mandatory", verdicts.new_mandatory),
                         ("new advisory", verdicts.new_advisory), ("resolved", verdicts.resolved)):
        for v in found:
            where = f" on {code(v.name)}" if v.name else ""
            lines.append(f"- **{label}** {code(v.policy)}{where}: {_plain(v.message)}")
    return "\n".join(lines) + "\n\n"


def _resources(diff: ResourceDiff) -> str:
    text = ""
    for title, found in (("Replaced (deleted and created again)", diff.replaced),
                         ("Changed in place", diff.changed), ("Added", diff.added),
                         ("Removed", diff.removed)):
        if found:
            text += f"**{title}**\n\n" + "\n".join(_resource(r) for r in found) + "\n\n"
    if diff.outputs:
        text += "**Stack outputs**\n\n" + "\n".join(
            f"- {code(c.label)}: {code(c.before)} → {code(c.after)}" for c in diff.outputs
        ) + "\n\n"
    return text


def _resource(change: ResourceChange) -> str:
    line = f"- {code(change.type)} **{_plain(change.name)}**"
    if change.replaced_by:
        line += ", replaced because " + ", ".join(code(p) for p in change.replaced_by) + " changed"
    for prop in change.properties:
        line += f"\n  - {code(prop.label)}: {code(prop.before)} → {code(prop.after)}"
    return line


def _schema_count(diff: SchemaDiff) -> str:
    words = []
    if diff.new:
        words.append(_n(len(diff.new), "new migration"))
    if diff.edited:
        words.append(_n(len(diff.edited), "edited migration"))
    return ", ".join(words)


def _schema(diff: SchemaDiff) -> str:
    text = ""
    edited = "Edited (the migrator refuses an edited migration that was applied)"
    for label, found in (("New", diff.new), (edited, diff.edited)):
        for migration in found:
            text += f"**{label} {STORE_NAMES[migration.store]} migration** "
            text += f"{code(migration.name)}\n\n{_fenced(migration)}\n"
    return text


def _fenced(migration: Migration) -> str:
    fence = "````" if "```" in migration.text else "```"
    body = migration.text if migration.text.endswith("\n") else migration.text + "\n"
    return f"{fence}{FENCES[migration.store]}\n{body}{fence}\n"


def _plain(text: str) -> str:
    """Text outside code spans, with the characters Markdown and HTML would take escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
