"""Where copies go: replication, failover, backups copies, bridges and mirrors stay in
their residency zone (EU to EU, US to US)."""
