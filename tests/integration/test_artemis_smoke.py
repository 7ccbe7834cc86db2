"""Artemis: the catalog's addresses, AMQP priority order, the dead-letter address, STOMP.

The broker's addresses and address settings come from ``runtime.artemis_config`` (the same
properties production brokers get), so these tests use the catalog's own addresses and
check their settings through the management API (Jolokia) before relying on them.
"""

import json
import socket
import time
import uuid

import pytest
from proton import Message
from proton.utils import BlockingConnection

from runtime.catalog import addresses
from runtime.local.artemis import jolokia

pytestmark = pytest.mark.integration

BROKER = 'org.apache.activemq.artemis:broker="dataspace-local"'


def queue_mbean(address: str, queue: str) -> str:
    return (
        f'{BROKER},component=addresses,address="{address}",subcomponent=queues,'
        f'routing-type="anycast",queue="{queue}"'
    )


def purge(endpoint, address: str, queue: str | None = None) -> None:
    mbean = queue_mbean(address, queue or address)
    jolokia(endpoint, "exec", mbean=mbean, operation="removeAllMessages()", arguments=[])


def connect(endpoint) -> BlockingConnection:
    return BlockingConnection(
        endpoint.url, timeout=20, user=endpoint.username, password=endpoint.password
    )


def catalog_address(name: str):
    return next(a for a in addresses() if a.name == name)


def test_broker_carries_the_catalog_addresses_and_settings(artemis_server):
    names = set(jolokia(artemis_server, "read", attribute="AddressNames"))
    for address in addresses():
        assert address.name in names
        assert address.dead_letter_address in names
        settings = json.loads(
            jolokia(
                artemis_server,
                "exec",
                operation="getAddressSettingsAsJSON",
                arguments=[address.name],
            )
        )
        assert settings["deadLetterAddress"] == address.dead_letter_address, address.name
        assert settings["maxDeliveryAttempts"] == address.max_delivery_attempts, address.name


def test_amqp_messages_arrive_in_priority_order(artemis_server):
    address = "notifications.webhook"
    purge(artemis_server, address)
    priorities = [1, 9, 4, 7, 0, 5]
    connection = connect(artemis_server)
    try:
        sender = connection.create_sender(address)
        for p in priorities:
            sender.send(Message(body=f"p{p}", priority=p, durable=True))
        receiver = connection.create_receiver(address, credit=len(priorities))
        got = []
        for _ in priorities:
            message = receiver.receive(timeout=20)
            receiver.accept()
            got.append(message.priority)
    finally:
        connection.close()
    assert got == sorted(priorities, reverse=True)


def fail_delivery(receiver) -> None:
    """Settle the last received message as MODIFIED with delivery-failed set.

    That is how an AMQP consumer says "could not process": the broker counts a delivery
    attempt and redelivers after the address's redelivery delay.
    """
    receiver.fetcher.unsettled[0].local.failed = True
    receiver.release(delivered=True)


def test_message_reaches_dead_letter_address_after_its_delivery_attempts(artemis_server):
    address = catalog_address("notifications.sms")
    dla = address.dead_letter_address
    purge(artemis_server, address.name)
    purge(artemis_server, dla)
    marker = uuid.uuid4().hex
    connection = connect(artemis_server)
    try:
        connection.create_sender(address.name).send(Message(body=marker, durable=True))
        receiver = connection.create_receiver(address.name, credit=1)
        attempts = 0
        for _ in range(address.max_delivery_attempts):
            # Redelivery waits redelivery_delay_ms x multiplier^n; the catalog keeps sms short.
            message = receiver.receive(timeout=30)
            assert message.body == marker
            attempts += 1
            fail_delivery(receiver)
        receiver.close()
        dead = connection.create_receiver(dla, credit=1).receive(timeout=30)
    finally:
        connection.close()
    assert attempts == address.max_delivery_attempts
    assert dead.body == marker
    assert dead.annotations.get("x-opt-ORIG-ADDRESS") == address.name


def _stomp_frame(command: str, headers: dict[str, str], body: str = "") -> bytes:
    lines = [command, *(f"{k}:{v}" for k, v in headers.items()), "", body]
    return ("\n".join(lines) + "\x00").encode()


def _read_frame(sock: socket.socket, buffer: bytearray) -> tuple[str, dict[str, str], str]:
    deadline = time.monotonic() + 20
    while b"\x00" not in buffer:
        assert time.monotonic() < deadline, "no STOMP frame within 20s"
        chunk = sock.recv(4096)
        assert chunk, "STOMP connection closed"
        buffer.extend(chunk)
    raw, _, rest = bytes(buffer).partition(b"\x00")
    buffer[:] = rest
    head, _, body = raw.decode().lstrip("\n").partition("\n\n")
    command, *header_lines = head.split("\n")
    headers = dict(line.split(":", 1) for line in header_lines)
    return command, headers, body


def test_stomp_send_and_receive(artemis_server):
    destination = f"smoke.stomp.{uuid.uuid4().hex[:8]}"
    port = artemis_server.ports["artemis_stomp"]
    with socket.create_connection((artemis_server.host, port), timeout=20) as sock:
        buffer = bytearray()
        sock.sendall(
            _stomp_frame(
                "CONNECT",
                {
                    "accept-version": "1.2",
                    "host": artemis_server.host,
                    "login": artemis_server.username,
                    "passcode": artemis_server.password,
                },
            )
        )
        assert _read_frame(sock, buffer)[0] == "CONNECTED"
        # Artemis names the routing type "subscription-type" on SUBSCRIBE and
        # "destination-type" on SEND.
        subscribe = {"destination": destination, "subscription-type": "ANYCAST"}
        sock.sendall(_stomp_frame("SUBSCRIBE", {**subscribe, "id": "1", "receipt": "sub"}))
        assert _read_frame(sock, buffer)[0] == "RECEIPT"
        send = {"destination": destination, "destination-type": "ANYCAST"}
        sock.sendall(_stomp_frame("SEND", {**send, "content-type": "text/plain"}, "hello"))
        command, headers, body = _read_frame(sock, buffer)
        sock.sendall(_stomp_frame("DISCONNECT", {}))
    assert command == "MESSAGE"
    assert body == "hello"
    assert headers["destination"] == destination
