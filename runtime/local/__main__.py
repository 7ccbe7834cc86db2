"""``python -m runtime.local install|start|stop|status [NAME...]``."""

from runtime.local.cli import main

main()
