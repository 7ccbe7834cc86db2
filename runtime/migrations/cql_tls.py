"""The SSL context CQL clients use: a CA bundle to trust, and a client certificate to show.

The Scylla Operator serves CQL over TLS on 9142 with a certificate its own CA signs, and
requires a client certificate there (see components/scylla.py). A file that cannot be read
or parsed is a ConfigError naming the setting that pointed at it and the path.
"""

import ssl
from dataclasses import dataclass

from runtime.errors import ConfigError


@dataclass(frozen=True)
class PemFile:
    """A PEM file and the setting (an environment variable) that named it."""

    setting: str
    path: str

    def named(self) -> str:
        """``SETTING='path'``, for messages."""
        return f"{self.setting}={self.path!r}"


def client_context(
    ca: PemFile | None = None, cert: PemFile | None = None, key: PemFile | None = None
) -> ssl.SSLContext:
    """TLS 1.2 or later, hostname checked, trusting only ``ca`` (else the system CA store).

    ``cert`` and ``key`` are the client certificate and its private key; ``key`` may be left
    out when ``cert`` holds both.
    """
    if key is not None and cert is None:
        raise ConfigError(f"{key.named()} is set without a client certificate; set the "
                          "certificate's variable too, or unset this one")
    for pem in (ca, cert, key):
        if pem is not None:
            _readable(pem)

    # With a CA bundle, trust it alone: the cluster's CA, not every public one.
    context = ssl.create_default_context() if ca is None else ssl.SSLContext(
        ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    if ca is not None:
        try:
            context.load_verify_locations(cafile=ca.path)
        except ssl.SSLError as exc:
            raise ConfigError(f"{ca.named()}: not a PEM CA bundle ({exc.reason})") from None
    if cert is not None:
        try:
            context.load_cert_chain(cert.path, key.path if key else None)
        except ssl.SSLError as exc:
            files = ", ".join(p.named() for p in (cert, key) if p is not None)
            raise ConfigError(
                f"{files}: not a PEM client certificate and its private key ({exc.reason})"
            ) from None
    return context


def _readable(pem: PemFile) -> None:
    try:
        with open(pem.path, "rb"):
            pass
    except OSError as exc:
        raise ConfigError(
            f"{pem.named()}: cannot read the file ({exc.strerror}); mount it at that path or "
            "point the variable at it"
        ) from None
