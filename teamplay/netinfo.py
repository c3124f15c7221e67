"""Where phones can reach this server: the public URL if one is set, else this machine's address on the local network."""
import ipaddress

import ifaddr

# Interfaces that are never the Wi-Fi or cable the phones are on.
_VIRTUAL_PREFIXES = ("docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "tun", "tap", "wg", "zt", "lo")


def lan_address():
    """The best guess of this machine's IPv4 address on the local network, or None when it has none."""
    candidates = []
    for adapter in ifaddr.get_adapters():
        name = (adapter.nice_name or adapter.name or "").lower()
        for ip in adapter.ips:
            if not isinstance(ip.ip, str):
                continue  # IPv6 entries come as tuples
            address = ipaddress.ip_address(ip.ip)
            if address.is_loopback or address.is_link_local or address.is_unspecified:
                continue
            virtual = name.startswith(_VIRTUAL_PREFIXES)
            candidates.append((virtual, not address.is_private, str(address)))
    return min(candidates)[2] if candidates else None


def base_url(public_url, host, port):
    """The URL phones use. A set public URL wins; a server bound to loopback only is reachable there only."""
    if public_url:
        return public_url.rstrip("/")
    if host not in {"0.0.0.0", "::", ""}:
        return f"http://{host}:{port}"
    address = lan_address()
    return f"http://{address or '127.0.0.1'}:{port}"
