"""The pack's entry point: ``pulumi preview --policy-pack policies`` runs this file.

Constructing ``PolicyPack`` starts the analyzer's gRPC server, prints its port for the
engine and serves until the engine stops it, so this file only assembles the pack; the
policies live in importable modules (``policies.pack``), which ``dataspace check`` runs
offline.
"""

import sys
from pathlib import Path

# The CLI runs this file by path (python -m pulumi.policy ENGINE policies), which puts
# policies/ itself on sys.path, not the directory that holds the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pulumi_policy import PolicyPack

from policies.pack import DESCRIPTION, NAME, POLICIES
from policies.support.wire import keep_secret_markers

keep_secret_markers()
PolicyPack(name=NAME, policies=list(POLICIES), description=DESCRIPTION)
