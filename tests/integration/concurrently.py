"""Run one migrator several times at once, as racing deploys would."""

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def run_concurrently(migrate: Callable[[], T], count: int,
                     timeout: float = 120) -> tuple[list[T], list[Exception]]:
    """Start ``count`` threads calling ``migrate`` together; their results and errors."""
    results: list[T] = []
    errors: list[Exception] = []

    def one() -> None:
        try:
            results.append(migrate())
        except Exception as exc:  # noqa: BLE001 - the caller asserts on the errors
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results, errors
