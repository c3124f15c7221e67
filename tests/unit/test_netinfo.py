"""The address phones are given: a set public URL, else this machine's address on the local network."""
from types import SimpleNamespace

from teamplay import netinfo


def adapter(name, *ips):
    return SimpleNamespace(name=name, nice_name=name, ips=[SimpleNamespace(ip=ip) for ip in ips])


def test_public_url_wins(monkeypatch):
    assert netinfo.base_url("https://teamplay.example.org/", "0.0.0.0", 5000) == "https://teamplay.example.org"


def test_server_bound_to_one_address_is_reached_there():
    assert netinfo.base_url("", "127.0.0.1", 5000) == "http://127.0.0.1:5000"


def test_wifi_address_is_preferred_over_loopback_virtual_and_link_local(monkeypatch):
    monkeypatch.setattr(netinfo.ifaddr, "get_adapters", lambda: [
        adapter("lo", "127.0.0.1"),
        adapter("docker0", "172.17.0.1"),
        adapter("eth1", "169.254.3.4"),
        adapter("wlan0", "192.168.1.23", ("fe80::1", 0, 0)),
    ])
    assert netinfo.base_url("", "0.0.0.0", 5000) == "http://192.168.1.23:5000"


def test_no_network_falls_back_to_this_laptop(monkeypatch):
    monkeypatch.setattr(netinfo.ifaddr, "get_adapters", lambda: [adapter("lo", "127.0.0.1")])
    assert netinfo.base_url("", "0.0.0.0", 5000) == "http://127.0.0.1:5000"
