"""What ``start`` says when it cannot start a server: taken ports and servers that die.

These use a scratch state directory and their own ports, so they never touch the servers
the other tests share.
"""

import os
import socket

import pytest

from runtime.local import manager
from runtime.local.redis_server import Redis
from runtime.local.settings import load

pytestmark = pytest.mark.integration


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def scratch_settings(tmp_path):
    def make(**ports: int):
        env = dict(os.environ, DATASPACE_STATE_DIR=str(tmp_path / "state"))
        env.update({f"DATASPACE_PORT_{k.upper()}": str(v) for k, v in ports.items()})
        return load(env)

    return make


class RedisWithBadConfig(Redis):
    """A real redis-server given a directive it does not know, so it exits at once."""

    def prepare(self) -> None:
        super().prepare()
        with open(self.dir / "redis.conf", "a") as conf:
            conf.write("no-such-directive yes\n")


def test_taken_port_is_reported_not_fought_over(scratch_settings):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        server = Redis(scratch_settings(redis=port))
        outcome = manager.start([server], timeout=10)[0]
    assert not outcome.ok
    assert f"port {port}" in outcome.message
    assert "DATASPACE_PORT_REDIS" in outcome.message
    assert server.pid() is None


def test_server_that_dies_is_named_with_its_log_tail(scratch_settings):
    server = RedisWithBadConfig(scratch_settings(redis=free_port()))
    outcome = manager.start([server], timeout=30)[0]
    assert not outcome.ok and outcome.name == "redis"
    assert outcome.message.startswith("exited with code")
    assert "no-such-directive" in outcome.message  # from redis-server's own log


def test_status_of_a_server_never_started_is_down(scratch_settings):
    server = Redis(scratch_settings(redis=free_port()))
    assert manager.status(server).state == "down"
