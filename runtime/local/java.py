"""The java command line shared by the JVM servers.

Cassandra 5.0 runs on Java 11 or 17 only, so Java 17 is preferred even where ``JAVA_HOME``
or PATH name a newer one: ``DATASPACE_JAVA_HOME`` first, then an installed OpenJDK 17,
then ``JAVA_HOME``, then ``java`` on PATH.
"""

import os
import shutil
from pathlib import Path

from runtime.local.errors import LocalServerError

_JDK17_GLOBS = ("java-17-openjdk-*", "openjdk-17", "temurin-17-*")


def java_binary() -> str:
    """The java binary the servers run on."""
    homes = [os.environ.get("DATASPACE_JAVA_HOME", "")]
    for pattern in _JDK17_GLOBS:
        homes += [str(p) for p in sorted(Path("/usr/lib/jvm").glob(pattern))]
    homes.append(os.environ.get("JAVA_HOME", ""))
    for home in filter(None, homes):
        if (Path(home) / "bin" / "java").exists():
            return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise LocalServerError("java is not installed; install openjdk-17-jre-headless")
    return found


def java_command(
    *, classpath: list[Path], heap_mb: int, options: list[str], main: str, args: list[str]
) -> list[str]:
    """``java`` with a bounded heap, G1, an exit on OutOfMemoryError and the given options."""
    return [
        java_binary(),
        f"-Xms{min(heap_mb, 256)}m",
        f"-Xmx{heap_mb}m",
        "-XX:+UseG1GC",
        "-XX:+ExitOnOutOfMemoryError",
        *options,
        "-cp",
        os.pathsep.join(str(p) for p in classpath),
        main,
        *args,
    ]
