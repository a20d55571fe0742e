"""Which hosts verification may contact, checked for every request and redirect hop.

A URL may be fetched only when
- its scheme is https, or http on a (host, port) the caller named in `endpoints`;
- its (host, port) is the host of an active endpoint (the platform hosts of
  `DEFAULT_ENDPOINTS`, or the caller's replacements), or the Mastodon instance of
  the post being verified (only with the default "https://{instance}" endpoint);
- it has no user-info part;
- the host is not, and does not resolve to, a non-public address (private,
  loopback, link-local such as 169.254.169.254, shared, reserved, multicast,
  unspecified) unless the caller's `endpoints` named that very (host, port).

The address check resolves the name before the request; the HTTP client resolves it
again when it connects, so a name whose DNS answers change between the two lookups
(DNS rebinding) is not caught. Redirect targets are never refused for being on a
different endpoint: any allowlisted host will do.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

import attrs

_DEFAULT_PORTS = {"http": 80, "https": 443}

HostPort = tuple[str, int]


class Refused(Exception):
    """The URL may not be fetched; the message says why."""


@attrs.frozen
class Target:
    """A URL split for the allowlist: scheme, host (lower case, no brackets), port."""

    scheme: str
    host: str
    port: int

    @property
    def key(self) -> HostPort:
        return (self.host, self.port)


def split_target(url: str) -> Target:
    """Scheme, host and port of an absolute http(s) URL; Refused when it has none."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise Refused(f"malformed URL {url!r}") from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise Refused(f"scheme {scheme or '(none)'!r} is not http(s): {url!r}")
    if parts.username is not None or parts.password is not None:
        raise Refused(f"URL with user-info: {url!r}")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise Refused(f"URL without a host: {url!r}")
    return Target(scheme, host, port if port is not None else _DEFAULT_PORTS[scheme])


def ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A globally routable unicast address (not private, loopback, link-local, ...)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


class Allowlist:
    """The hosts one verification run may contact (see the module doc)."""

    def __init__(self, hosts: Iterable[HostPort], named: Iterable[HostPort]) -> None:
        self.named: frozenset[HostPort] = frozenset(named)
        self.hosts: frozenset[HostPort] = frozenset(hosts) | self.named
        self._resolved: dict[HostPort, str | None] = {}

    def check(self, url: str, extra: Iterable[HostPort] = ()) -> Target:
        """The URL's target if the allowlist admits it (the address check is separate)."""
        target = split_target(url)
        named = target.key in self.named
        if target.scheme != "https" and not named:
            raise Refused(f"plain http to {target.host} (only https, or a named endpoint)")
        if target.key not in self.hosts and target.key not in set(extra):
            raise Refused(f"{target.host}:{target.port} is not on the allowlist")
        literal = ip_literal(target.host)
        if literal is not None and not named and not is_public(literal):
            raise Refused(f"{target.host} is not a public address")
        return target

    async def check_address(self, target: Target) -> None:
        """Refuse a host name that resolves to a non-public address (unless named)."""
        if target.key in self.named or ip_literal(target.host) is not None:
            return
        if target.key not in self._resolved:
            self._resolved[target.key] = await _resolve_problem(target)
        problem = self._resolved[target.key]
        if problem is not None:
            raise Refused(problem)


async def _resolve_problem(target: Target) -> str | None:
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return None  # the request itself will fail and say so
    for info in infos:
        literal = ip_literal(str(info[4][0]).split("%", 1)[0])
        if literal is not None and not is_public(literal):
            return f"{target.host} resolves to {literal}, which is not a public address"
    return None
