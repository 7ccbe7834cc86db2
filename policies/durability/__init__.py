"""Durability: enough replicas and persistence in prod to survive a lost node."""
