"""Keeping the engine's secret markers on the properties a validator sees.

The engine sends secret inputs to an analyzer wrapped in Pulumi's secret signature
(``MarshalProperties`` with ``KeepSecrets``), but pulumi_policy's ``Analyze`` and
``AnalyzeStack`` unwrap them (``deserialize_properties`` without ``proxy_secrets``), so a
rule cannot tell a Pulumi secret from a plain string (pulumi/pulumi-policy#241). The pack
swaps in a deserializer that keeps each secret as a ``pulumi_policy.Secret``; rules read
properties through ``policies.support.props.view``, which reveals them unless asked not
to. Offline, ``policies.offline`` turns the plan's ``"[secret]"`` into the same marker.
"""

from typing import Any

from pulumi_policy import Secret
from pulumi_policy import deserialize as sdk_deserialize
from pulumi_policy import policy as sdk_policy

_SIG = sdk_deserialize.SPECIAL_SIG_KEY
_SECRET = sdk_deserialize.SPECIAL_SECRET_SIG


def _keep(prop: Any) -> Any:
    if isinstance(prop, list):
        return [_keep(item) for item in prop]
    if isinstance(prop, dict):
        sig = prop.get(_SIG)
        if sig == _SECRET:
            return Secret(_keep(prop.get("value")))
        if sig is not None:
            # Assets and archives: the SDK's own handling.
            return sdk_deserialize._deserialize_property(prop)
        return {key: _keep(item) for key, item in prop.items()}
    return prop


def deserialize_keeping_secrets(props: dict[str, Any], proxy_secrets: bool = False) -> dict:
    """``deserialize_properties`` as the SDK has it, but secrets stay marked as
    ``Secret`` when it would have unwrapped them (remediations keep the SDK's way)."""
    if proxy_secrets:
        return _ORIGINAL(props, True)
    return {key: _keep(item) for key, item in props.items()}


_ORIGINAL = sdk_policy.deserialize_properties


def keep_secret_markers() -> None:
    """Make the SDK's analyzer hand validators secrets as ``Secret`` (idempotent).

    Note: this replaces ``pulumi_policy.policy.deserialize_properties``, a module global
    the SDK's servicer calls; when pulumi-policy#241 gives policies a way to see
    secretness, drop it."""
    sdk_policy.deserialize_properties = deserialize_keeping_secrets
