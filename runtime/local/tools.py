"""Run the build tools the install step uses: Maven, the go command and apt-get."""

import hashlib
import logging
import os
import shutil
import subprocess
from pathlib import Path

from runtime.local.errors import LocalServerError

log = logging.getLogger(__name__)

MAVEN_POM_DIR = Path(__file__).resolve().parent / "maven"
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"


def run(
    argv: list[str],
    *,
    what: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 1800,
) -> str:
    """Run ``argv``; on failure raise with ``what`` and the last lines of its output."""
    if shutil.which(argv[0]) is None:
        raise LocalServerError(f"{what}: {argv[0]} is not installed; install it and retry")
    log.info("%s", what)
    try:
        done = subprocess.run(
            argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise LocalServerError(f"{what}: {argv[0]} did not finish in {timeout:.0f}s") from None
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip().splitlines()
        last = "\n".join(output[-15:])
        raise LocalServerError(f"{what}: {argv[0]} exited {done.returncode}:\n{last}")
    return done.stdout


def _mvn(repo: Path, args: list[str], what: str) -> None:
    run(["mvn", "-B", "-q", f"-Dmaven.repo.local={repo}", *args], what=what, cwd=repo.parent)


def maven_copy_dependencies(
    pom: str, out_dir: Path, repo: Path, properties: dict[str, str]
) -> None:
    """Copy the runtime dependencies of ``maven/<pom>`` into ``out_dir``."""
    repo.mkdir(parents=True, exist_ok=True)
    props = [f"-D{k}={v}" for k, v in properties.items()]
    _mvn(
        repo,
        [
            "-f",
            str(MAVEN_POM_DIR / pom),
            *props,
            f"{DEPENDENCY_PLUGIN}:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={out_dir}",
        ],
        what=f"maven dependencies of {pom}",
    )


def maven_copy_artifact(coordinates: str, out_dir: Path, repo: Path) -> None:
    """Copy one artifact (``group:artifact:version:type[:classifier]``) into ``out_dir``."""
    repo.mkdir(parents=True, exist_ok=True)
    _mvn(
        repo,
        [f"{DEPENDENCY_PLUGIN}:copy", f"-Dartifact={coordinates}", f"-DoutputDirectory={out_dir}"],
        what=f"maven artifact {coordinates}",
    )


def go_env(cache_dir: Path) -> dict[str, str]:
    """The go command's environment: module and build caches under ``cache_dir``."""
    env = dict(os.environ)
    env.update(
        GOMODCACHE=str(cache_dir / "go" / "mod"),
        GOCACHE=str(cache_dir / "go" / "build"),
        GOTOOLCHAIN="local",
        GOFLAGS="-buildvcs=false -mod=readonly",
        CGO_ENABLED="0",
    )
    return env


def apt_install(packages: list[str]) -> None:
    """Install Debian packages; only root can, anyone else is told the command."""
    command = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    if os.geteuid() != 0:
        raise LocalServerError(
            f"Debian packages {packages} are missing; run as root: {' '.join(command)}"
        )
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-q"], what="apt-get update", env=env)
    run(command, what=f"apt-get install {' '.join(packages)}", env=env)


def pom_key(pom: str, version: str) -> str:
    """An install key that changes with the version and with the pom's content."""
    digest = hashlib.sha256((MAVEN_POM_DIR / pom).read_bytes()).hexdigest()[:12]
    return f"{version}+{digest}"


def stamp_ok(directory: Path, key: str) -> bool:
    """Whether ``directory`` was completely installed for ``key`` (a version or a hash)."""
    try:
        return (directory / ".installed").read_text().strip() == key
    except FileNotFoundError:
        return False


def install_atomically(directory: Path, key: str, fill) -> None:
    """Fill a scratch copy of ``directory`` with ``fill(path)``, then move it into place.

    An interrupted install leaves only the scratch copy, which the next run removes.
    """
    scratch = directory.with_name(directory.name + ".partial")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    fill(scratch)
    (scratch / ".installed").write_text(f"{key}\n")
    shutil.rmtree(directory, ignore_errors=True)
    scratch.rename(directory)
