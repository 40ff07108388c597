"""Delivering a finished submission to its ``callback_url`` without becoming an SSRF proxy.

The host is resolved and every address it resolves to is checked: loopback, private,
link-local, multicast, reserved and unspecified addresses are refused unless the host or the
address is on the operator's allow-list (``CODECOLLAB_JUDGE0_CALLBACK_ALLOW``: host names,
addresses, CIDRs). The request then goes to the address that was checked (the host name kept in
``Host`` and in TLS's SNI and certificate check), so a second DNS answer cannot point it
elsewhere; redirects are never followed. A callback is a ``PUT`` of the submission as JSON,
tried a few times with growing pauses; a refused URL is not retried.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

logger = logging.getLogger(__name__)

CALLBACK_ATTEMPTS = 3
CALLBACK_TIMEOUT_S = 5.0
FIRST_PAUSE_S = 0.5

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class CallbackRefused(Exception):
    """The URL may not be called: why, for the log."""


def is_callback_url(url: str) -> bool:
    """Whether ``url`` is an http(s) URL with a host (checked when a submission is made)."""
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_unspecified
    )


@dataclass(frozen=True, slots=True)
class Target:
    """Where a checked callback goes: the URL with each checked address in place of the host,
    tried in order until one connects."""

    urls: list[str]
    host: str
    host_header: str
    https: bool


class CallbackPolicy:
    """Which callback URLs may be called: public addresses, and what the operator allows."""

    def __init__(self, allow: Iterable[str]) -> None:
        self._hosts: set[str] = set()
        self._networks: list[Network] = []
        for entry in allow:
            try:
                self._networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                self._hosts.add(entry.lower().rstrip("."))

    def allows(self, host: str, address: Address) -> bool:
        if host.lower().rstrip(".") in self._hosts:
            return True
        if any(address in network for network in self._networks):
            return True
        return _public(address)

    async def target(self, url: str) -> Target:
        """The URL resolved and checked (CallbackRefused when it may not be called)."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.scheme not in ("http", "https") or not host:
            raise CallbackRefused(f"not an http(s) URL: {url[:200]!r}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = await _resolve(host, port)
        refused = [str(address) for address in addresses if not self.allows(host, address)]
        if refused:
            raise CallbackRefused(f"{host} resolves to {', '.join(refused)}, not allowed")
        urls = []
        for address in addresses:
            shown = f"[{address}]" if address.version == 6 else str(address)
            netloc = f"{shown}:{port}"
            urls.append(urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")))
        host_header = parts.netloc.rsplit("@", 1)[-1]
        return Target(urls, host, host_header, parts.scheme == "https")


async def _resolve(host: str, port: int) -> list[Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise CallbackRefused(f"{host} does not resolve: {exc}") from exc
    addresses: list[Address] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise CallbackRefused(f"{host} does not resolve")
    return addresses


async def deliver(
    policy: CallbackPolicy,
    url: str,
    body: dict[str, Any],
    *,
    attempts: int = CALLBACK_ATTEMPTS,
    timeout_s: float = CALLBACK_TIMEOUT_S,
    first_pause_s: float = FIRST_PAUSE_S,
) -> bool:
    """PUT ``body`` to ``url``; True once a 2xx answers. A refused URL is not retried."""
    for attempt in range(attempts):
        try:
            target = await policy.target(url)
        except CallbackRefused as exc:
            logger.warning("judge0 callback refused: %s", exc)
            return False
        if await _put(target, body, timeout_s):
            return True
        if attempt + 1 < attempts:
            await asyncio.sleep(first_pause_s * 2**attempt)
    logger.warning("judge0 callback to %s failed %d times", url[:200], attempts)
    return False


async def _put(target: Target, body: dict[str, Any], timeout_s: float) -> bool:
    extensions = {"sni_hostname": target.host} if target.https else {}
    async with httpx.AsyncClient(
        timeout=timeout_s, follow_redirects=False, trust_env=False
    ) as client:
        for url in target.urls:
            try:
                response = await client.put(
                    url, json=body, headers={"Host": target.host_header}, extensions=extensions
                )
            except httpx.ConnectError:
                continue  # the host's next address
            except httpx.HTTPError as exc:
                logger.info("judge0 callback to %s: %s", target.host, exc)
                return False
            return response.is_success
    return False
