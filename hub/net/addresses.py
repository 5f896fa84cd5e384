"""Which network addresses an outbound fetch may connect to.

Public (globally routable) addresses only, unless an address falls inside one of the
networks the operator allows (``HUB_HARVEST_ALLOWED_NETWORKS``, comma-separated CIDRs,
e.g. ``127.0.0.0/8`` for a harvester of a service on the same machine). IPv4 addresses
embedded in IPv6 ones (``::ffff:10.0.0.1``, 6to4 ``2002:0a00:0001::``) are judged as the
IPv4 address they carry.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from hub.errors import BadRequest

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(value: str | Iterable[str] | None) -> tuple[IPNetwork, ...]:
    """``"127.0.0.0/8, ::1/128"`` -> networks; a wrong entry names itself."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    networks = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise BadRequest(
                f"HUB_HARVEST_ALLOWED_NETWORKS: '{item}' is not a network such as 127.0.0.0/8."
            ) from None
    return tuple(networks)


def _embedded(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address):
        return address.ipv4_mapped or address.sixtofour or address
    return address


def _public(address: IPAddress) -> bool:
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def is_allowed(address: IPAddress, allowed: Iterable[IPNetwork] = ()) -> bool:
    """True for a public address, or one inside an allowed network."""
    candidates = {address, _embedded(address)}
    for network in allowed:
        if any(a.version == network.version and a in network for a in candidates):
            return True
    return all(_public(a) for a in candidates)
