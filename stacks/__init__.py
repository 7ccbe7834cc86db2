"""Stacks: the typed model, region catalog and build() that composes the components."""

from pathlib import Path

STACKS_DIR = Path(__file__).resolve().parent
CLOUD_STACKS = ("dev", "staging", "prod-useast", "prod-uswest", "prod-eu")
ALL_STACKS = (*CLOUD_STACKS, "local")


def stack_file(stack: str) -> Path:
    """Where a stack's Pulumi config lives (Pulumi.yaml sets stackConfigDir: stacks)."""
    return STACKS_DIR / f"Pulumi.{stack}.yaml"
