"""The human form of a plan: a rich tree of components and the resources they own."""

from rich.tree import Tree

# Properties worth a glance in the tree; the JSON has them all.
HIGHLIGHTS = ("location", "regionName", "minimalTlsVersion", "minimumTlsVersion", "partitions",
              "replicationFactor")


def _label(resource: dict) -> str:
    props = resource["props"]
    extra = [f"{k}={props[k]}" for k in HIGHLIGHTS if isinstance(props.get(k), (str, int))]
    suffix = f" [dim]({', '.join(extra)})[/dim]" if extra else ""
    style = "bold" if not resource["custom"] else ""
    name = f"[{style}]{resource['name']}[/{style}]" if style else resource["name"]
    return f"{name} [cyan]{resource['type']}[/cyan]{suffix}"


def plan_tree(plan: dict) -> Tree:
    """One tree per stack, children under the component that declared them."""
    title = (f"[bold]{plan['stack']}[/bold] ({plan['environment']}, {plan['region']}): "
             f"{len(plan['resources'])} resources")
    root = Tree(title)
    nodes: dict[str | None, Tree] = {}
    by_urn = {r["urn"]: r for r in plan["resources"]}

    def node_for(urn: str | None) -> Tree:
        if urn is None or urn not in by_urn or by_urn[urn]["type"] == "pulumi:pulumi:Stack":
            return root
        if urn not in nodes:
            resource = by_urn[urn]
            nodes[urn] = node_for(resource["parent"]).add(_label(resource))
        return nodes[urn]

    for resource in plan["resources"]:
        if resource["type"] != "pulumi:pulumi:Stack":
            node_for(resource["urn"])
    return root
