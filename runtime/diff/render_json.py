"""The diff as JSON, for tools: the same content as the Markdown, nothing cut."""

import json
from dataclasses import asdict

from runtime.diff.plans import ResourceChange
from runtime.diff.report import Report, StackDiff
from runtime.diff.schema import SchemaDiff


def render(report: Report) -> str:
    """Sorted keys, two-space indent, a trailing newline, as the plan contract."""
    document = {
        "base": report.base,
        "head": report.head,
        "changed": report.changed,
        "new_mandatory_violations": report.new_mandatory,
        "stacks": [_stack(s) for s in report.stacks],
        "sql": _schema(report.sql) if report.sql is not None else None,
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _stack(stack: StackDiff) -> dict:
    resources = stack.resources
    return {
        "stack": stack.stack,
        "environment": stack.environment,
        "region": stack.region,
        "presence": stack.presence,
        "changed": not stack.empty,
        "resources": {name: [_resource(r) for r in getattr(resources, name)]
                      for name in ("added", "removed", "replaced", "changed")},
        "outputs": [_property(c) for c in resources.outputs],
        "verdicts": {
            "new_mandatory": [asdict(v) for v in stack.verdicts.new_mandatory],
            "new_advisory": [asdict(v) for v in stack.verdicts.new_advisory],
            "resolved": [asdict(v) for v in stack.verdicts.resolved],
        },
        "schema": _schema(stack.schema),
    }


def _resource(change: ResourceChange) -> dict:
    return {
        "urn": change.urn,
        "type": change.type,
        "name": change.name,
        "properties": [_property(p) for p in change.properties],
        "replaced_by": list(change.replaced_by),
    }


def _property(change) -> dict:
    return {"path": list(change.path), "label": change.label, "before": change.before,
            "after": change.after, "secret": change.secret}


def _schema(diff: SchemaDiff) -> dict:
    return {"new": [asdict(m) for m in diff.new], "edited": [asdict(m) for m in diff.edited]}
