"""Schema migrations: versioned stores (CQL, Mongo, SQL) and declarative ones (Kafka, Artemis).

Versioned stores keep a ledger in the store itself and apply pending migrations in order
under a lock; declarative stores are reconciled to the catalog. Nothing here imports
``pulumi``: the migrator runs in a plain container.
"""
