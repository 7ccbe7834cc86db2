"""The java command line shared by the JVM servers."""

import os
import shutil
from pathlib import Path

from runtime.local.errors import LocalServerError


def java_binary() -> str:
    """The java of ``JAVA_HOME``, else the one on PATH; the servers need Java 17 or newer."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise LocalServerError("java is not installed; install openjdk-17-jre-headless")
    return found


def java_command(
    *, classpath: list[Path], heap_mb: int, options: list[str], main: str, args: list[str]
) -> list[str]:
    """``java`` with a fixed heap, G1, an exit on OutOfMemoryError and the given options."""
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
