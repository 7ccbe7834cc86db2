"""CQL over TLS: the SSL context built from the operator's CA bundle and client certificate.

The handshakes run in memory (no server): a server like a Scylla node on 9142, whose
certificate names its member Service's IP and which requires a client certificate.
"""

import ssl

import pytest

from runtime.errors import ConfigError
from runtime.migrations.cql import CqlSettings, connect
from runtime.migrations.cql_tls import PemFile, client_context
from runtime.migrations.targets import Target, load_stack
from runtime.secrets import SecretSource
from tests.runtime.pki import TestCA

MEMBER_IP = "10.0.12.7"  # a member Service's ClusterIP, which the serving certificate names
CA_ENV, CERT_ENV, KEY_ENV = (
    "DATASPACE_SCYLLA_CA_FILE", "DATASPACE_SCYLLA_CERT_FILE", "DATASPACE_SCYLLA_KEY_FILE")


@pytest.fixture
def pki(tmp_path):
    """The operator's two CAs, a node's serving certificate and the admin client's."""
    serving = TestCA(tmp_path, "serving-ca")
    clients = TestCA(tmp_path, "client-ca")
    return {
        "serving_ca": serving.bundle,
        "client_ca": clients.bundle,
        "node": serving.issue("node", ips=(MEMBER_IP,)),
        "admin": clients.issue("admin", dns=("admin",), client=True),
        "stranger": TestCA(tmp_path, "other-ca").issue("stranger", dns=("admin",), client=True),
    }


def _node(pki) -> ssl.SSLContext:
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(pki["node"].cert, pki["node"].key)
    server.verify_mode = ssl.CERT_REQUIRED  # require_client_auth
    server.load_verify_locations(cafile=pki["client_ca"])
    return server


def _handshake(client: ssl.SSLContext, server: ssl.SSLContext, dialled: str) -> None:
    """Complete a TLS handshake in memory; raise what either side raises."""
    c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
    ends = [client.wrap_bio(c_in, c_out, server_hostname=dialled),
            server.wrap_bio(s_in, s_out, server_side=True)]
    done = set()
    for _ in range(10):
        for end in ends:
            try:
                end.do_handshake()
                done.add(id(end))
            except ssl.SSLWantReadError:
                pass
        s_in.write(c_out.read())
        c_in.write(s_out.read())
        if len(done) == 2:
            return
    raise AssertionError("the handshake did not finish")


def _files(pki, who: str = "admin") -> dict:
    return {"ca": PemFile(CA_ENV, str(pki["serving_ca"])),
            "cert": PemFile(CERT_ENV, str(pki[who].cert)),
            "key": PemFile(KEY_ENV, str(pki[who].key))}


def test_the_context_requires_tls_1_2_and_trusts_only_the_clusters_ca(pki):
    context = client_context(**_files(pki))

    assert context.minimum_version == ssl.TLSVersion.TLSv1_2
    assert context.check_hostname
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert [c["subject"] for c in context.get_ca_certs()] == [((("commonName", "serving-ca"),),)]


def test_a_node_named_by_the_dialled_ip_accepts_the_admin_certificate(pki):
    _handshake(client_context(**_files(pki)), _node(pki), MEMBER_IP)


def test_a_name_the_serving_certificate_lacks_fails_the_hostname_check(pki):
    # The operator's serving certificate names member IPs, not the <cluster>-client Service.
    with pytest.raises(ssl.SSLCertVerificationError, match="mismatch"):
        _handshake(client_context(**_files(pki)), _node(pki), "10.0.0.1")


def test_a_node_is_not_trusted_through_the_system_store_alone(pki):
    files = _files(pki)
    with pytest.raises(ssl.SSLCertVerificationError):
        _handshake(client_context(cert=files["cert"], key=files["key"]), _node(pki), MEMBER_IP)


@pytest.mark.parametrize("who", ["stranger", None])
def test_the_node_refuses_a_client_certificate_of_another_ca_or_none(pki, who):
    files = _files(pki, who or "admin")
    if who is None:
        files = {"ca": files["ca"]}
    with pytest.raises(ssl.SSLError):
        _handshake(client_context(**files), _node(pki), MEMBER_IP)


@pytest.mark.parametrize("missing", ["ca", "cert", "key"])
def test_a_missing_file_names_its_variable_and_path(pki, tmp_path, missing):
    files = _files(pki)
    gone = str(tmp_path / "not-mounted" / f"{missing}.pem")
    files[missing] = PemFile(files[missing].setting, gone)

    with pytest.raises(ConfigError) as caught:
        client_context(**files)

    assert f"{files[missing].setting}={gone!r}: cannot read the file" in str(caught.value)


def test_a_file_that_is_not_pem_names_its_variable_and_path(pki, tmp_path):
    garbage = tmp_path / "ca-bundle.crt"
    garbage.write_text("not a certificate\n")
    files = _files(pki) | {"ca": PemFile(CA_ENV, str(garbage))}

    with pytest.raises(ConfigError, match=f"{CA_ENV}='{garbage}': not a PEM CA bundle"):
        client_context(**files)


def test_a_key_that_does_not_match_the_certificate_names_both_files(pki):
    files = _files(pki) | {"key": PemFile(KEY_ENV, str(pki["node"].key))}

    with pytest.raises(ConfigError) as caught:
        client_context(**files)

    assert CERT_ENV in str(caught.value) and KEY_ENV in str(caught.value)


def test_a_key_without_a_certificate_is_refused(pki):
    with pytest.raises(ConfigError, match=f"{KEY_ENV}=.* without a client certificate"):
        client_context(key=_files(pki)["key"])


def _target(stack: str = "prod-eu") -> Target:
    env = {"DATASPACE_SCYLLA_HOSTS": "a.scylla.svc,b.scylla.svc",
           "DATASPACE_SCYLLA_PASSWORD": "x"}
    return Target(stack, load_stack(stack), SecretSource(env, client=object()))


def test_a_cloud_target_reads_the_port_and_pem_files_from_the_environment(pki, monkeypatch):
    files = _files(pki)
    for pem in files.values():
        monkeypatch.setenv(pem.setting, pem.path)
    monkeypatch.setenv("DATASPACE_SCYLLA_PORT", "9142")

    settings = _target().cql()

    assert settings.port == 9142
    assert settings.hosts == ("a.scylla.svc", "b.scylla.svc")
    _handshake(settings.ssl_context, _node(pki), MEMBER_IP)


def test_without_the_variables_a_cloud_target_keeps_9042_and_the_system_store(monkeypatch):
    for name in ("DATASPACE_SCYLLA_PORT", CA_ENV, CERT_ENV, KEY_ENV):
        monkeypatch.delenv(name, raising=False)

    settings = _target().cql()

    assert settings.port == 9042
    assert settings.ssl_context.check_hostname
    assert settings.ssl_context.verify_mode == ssl.CERT_REQUIRED


def test_a_cloud_target_names_the_variable_of_an_unmounted_ca(monkeypatch, tmp_path):
    monkeypatch.setenv(CA_ENV, str(tmp_path / "ca-bundle.crt"))

    with pytest.raises(ConfigError, match=f"{CA_ENV}="):
        _target().cql()


def test_the_driver_dials_contact_points_by_ip_so_tls_checks_the_ip():
    # What lets member Service names work as contact points: the certificate names IPs.
    cluster = connect(CqlSettings(("localhost",), 9142, "dc1", 1, ssl_context=client_context()))

    assert {e.address for e in cluster.endpoints_resolved} <= {"127.0.0.1", "::1"}
