"""The callback policy's address rules, one by one (the delivery itself is tested end to end in
test_callbacks.py)."""

from __future__ import annotations

import ipaddress

import pytest

from codecollab.judge0.callbacks import CallbackPolicy, CallbackRefused

REFUSED = [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",  # noqa: S104 - an address refused, not bound
    "224.0.0.1",
    "::1",
    "fe80::1",
    "fc00::1",
    "::ffff:127.0.0.1",
    "::",
]


@pytest.mark.parametrize("address", REFUSED)
def test_a_non_public_address_is_refused(address: str) -> None:
    assert not CallbackPolicy([]).allows("example.com", ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_a_public_address_is_allowed(address: str) -> None:
    assert CallbackPolicy([]).allows("example.com", ipaddress.ip_address(address))


def test_an_allow_listed_network_is_allowed() -> None:
    policy = CallbackPolicy(["10.0.0.0/8"])
    assert policy.allows("hooks.internal", ipaddress.ip_address("10.9.8.7"))
    assert not policy.allows("hooks.internal", ipaddress.ip_address("192.168.0.1"))


def test_an_allow_listed_host_name_is_allowed_whatever_it_resolves_to() -> None:
    policy = CallbackPolicy(["hooks.internal"])
    assert policy.allows("HOOKS.internal.", ipaddress.ip_address("10.9.8.7"))


async def test_a_literal_private_address_in_the_url_is_refused() -> None:
    with pytest.raises(CallbackRefused):
        await CallbackPolicy([]).target("http://169.254.169.254/latest/meta-data")


async def test_a_host_resolving_to_loopback_is_refused() -> None:
    with pytest.raises(CallbackRefused, match="not allowed"):
        await CallbackPolicy([]).target("http://localhost:8080/x")


async def test_the_checked_address_is_what_gets_called() -> None:
    target = await CallbackPolicy(["localhost"]).target("http://localhost:8080/x?y=1")
    assert target.host_header == "localhost:8080"
    assert all(url.endswith(":8080/x?y=1") for url in target.urls)
    assert all("localhost" not in url for url in target.urls)
