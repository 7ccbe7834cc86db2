"""Artemis broker properties rendered from the catalog.

The same lines configure the ArtemisCloud broker (``spec.brokerProperties``) and the
local broker (``etc/broker.properties``), so both carry identical addresses and settings.
"""

from runtime.catalog import Address, addresses

EXPIRY_ADDRESS = "ExpiryQueue"


def _quoted(name: str) -> str:
    return f'"{name}"'


def address_lines(address: Address) -> list[str]:
    """Address, queue and address-setting properties for one catalog address."""
    a = f"addressConfigurations.{_quoted(address.name)}"
    s = f"addressSettings.{_quoted(address.name)}"
    routing = address.routing.upper()
    lines = [f"{a}.routingTypes={routing}"]
    for queue in address.queue_names:
        q = f"{a}.queueConfigs.{_quoted(queue)}"
        lines += [f"{q}.address={address.name}", f"{q}.routingType={routing}", f"{q}.durable=true"]
    dla = address.dead_letter_address
    lines += [
        f"addressConfigurations.{_quoted(dla)}.routingTypes=ANYCAST",
        f"addressConfigurations.{_quoted(dla)}.queueConfigs.{_quoted(dla)}.address={dla}",
        f"addressConfigurations.{_quoted(dla)}.queueConfigs.{_quoted(dla)}.routingType=ANYCAST",
        f"{s}.deadLetterAddress={dla}",
        f"{s}.maxDeliveryAttempts={address.max_delivery_attempts}",
        f"{s}.redeliveryDelay={address.redelivery_delay_ms}",
        f"{s}.redeliveryMultiplier={address.redelivery_multiplier}",
        f"{s}.maxRedeliveryDelay={address.max_redelivery_delay_ms}",
        f"{s}.expiryAddress={EXPIRY_ADDRESS}",
        f"{s}.autoCreateQueues=false",
        f"{s}.autoDeleteQueues=false",
    ]
    if address.expiry_ms is not None:
        lines.append(f"{s}.expiryDelay={address.expiry_ms}")
    if address.consumer_window_size is not None:
        lines.append(f"{s}.defaultConsumerWindowSize={address.consumer_window_size}")
    return lines


def broker_properties(region: str) -> list[str]:
    """All catalog properties for a region's broker, in catalog order.

    Every region carries every address today; ``region`` keeps the signature ready
    for region-only addresses and names the broker in logs.
    """
    del region
    lines = [
        f"addressConfigurations.{EXPIRY_ADDRESS}.routingTypes=ANYCAST",
        f"addressConfigurations.{EXPIRY_ADDRESS}.queueConfigs.{EXPIRY_ADDRESS}.address={EXPIRY_ADDRESS}",
        f"addressConfigurations.{EXPIRY_ADDRESS}.queueConfigs.{EXPIRY_ADDRESS}.routingType=ANYCAST",
    ]
    for address in addresses():
        lines += address_lines(address)
    return lines
