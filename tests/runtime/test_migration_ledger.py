"""The ledger rules: what is pending, and what is refused before anything runs."""

from datetime import UTC, datetime

import pytest

from runtime.errors import MigrationError
from runtime.migrations import ledger
from runtime.migrations.ledger import Entry, Step

NOW = datetime(2026, 1, 1, tzinfo=UTC)
FILES = [
    ("0001_a", ledger.checksum("a"), ("CREATE a",)),
    ("0002_b", ledger.checksum("b"), ("CREATE b1", "CREATE b2")),
]


def applied(version: str, digest: str) -> Entry:
    return Entry(version, digest, NOW, "me@host", statements=1)


def test_checksum_is_sha256_hex_of_the_text_or_bytes():
    assert ledger.checksum("abc") == ledger.checksum(b"abc")
    assert ledger.checksum("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_everything_is_pending_on_an_empty_ledger():
    assert ledger.pending("cql", FILES, {}) == [Step("0001_a"), Step("0002_b")]


def test_nothing_is_pending_when_every_checksum_matches():
    book = {v: applied(v, d) for v, d, _ in FILES}

    assert ledger.pending("cql", FILES, book) == []


def test_an_edited_applied_migration_is_refused_with_both_checksums():
    book = {"0001_a": applied("0001_a", ledger.checksum("a, before the edit"))}

    with pytest.raises(MigrationError) as caught:
        ledger.pending("cql", FILES, book)

    message = str(caught.value)
    assert "applied migration 0001_a has changed" in message
    assert ledger.checksum("a, before the edit") in message
    assert ledger.checksum("a") in message
    assert "put the change in a new migration" in message


def test_a_migration_the_ledger_lists_but_the_files_lack_is_refused():
    book = {"0000_gone": applied("0000_gone", "x")}

    with pytest.raises(MigrationError, match="lists 0000_gone but no such migration exists"):
        ledger.pending("cql", FILES, book)


def test_a_new_migration_sorting_before_an_applied_one_is_refused():
    book = {"0002_b": applied("0002_b", ledger.checksum("b"))}

    with pytest.raises(MigrationError, match="0001_a is new but sorts before 0002_b"):
        ledger.pending("cql", FILES, book)


def test_a_failed_migration_resumes_after_the_statements_that_applied():
    done = ledger.prefix_checksum(["CREATE b1"])
    book = {
        "0001_a": applied("0001_a", ledger.checksum("a")),
        "0002_b": Entry("0002_b", "old", NOW, "me", ledger.FAILED, 1, done, "boom"),
    }

    assert ledger.pending("cql", FILES, book) == [Step("0002_b", start=1)]


def test_a_failed_migration_whose_applied_statements_changed_is_refused():
    done = ledger.prefix_checksum(["CREATE b1, as it was"])
    book = {
        "0001_a": applied("0001_a", ledger.checksum("a")),
        "0002_b": Entry("0002_b", "old", NOW, "me", ledger.FAILED, 1, done, "boom"),
    }

    with pytest.raises(MigrationError, match="stopped after 1 statement"):
        ledger.pending("cql", FILES, book)


def test_the_identity_prefers_the_variable_the_job_sets(monkeypatch):
    monkeypatch.setenv("DATASPACE_MIGRATOR", "migrate-abc123")
    assert ledger.identity() == "migrate-abc123"
    monkeypatch.delenv("DATASPACE_MIGRATOR")
    assert "@" in ledger.identity()


def test_a_migration_whose_migrator_stopped_half_way_resumes_after_what_applied():
    done = ledger.prefix_checksum(["CREATE b1"])
    book = {
        "0001_a": applied("0001_a", ledger.checksum("a")),
        "0002_b": Entry("0002_b", ledger.checksum("b"), NOW, "me", ledger.RUNNING, 1, done),
    }

    assert ledger.pending("cql", FILES, book) == [Step("0002_b", start=1)]
