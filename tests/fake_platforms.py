"""A fake of every endpoint socialcheck.verify asks, served on 127.0.0.1, with faults.

    with FakePlatforms() as fake:
        fake.add_tweet("1141401212492890113", "MeghanStabler", "Meghan Stabler", "text",
                       dt.date(2019, 6, 19))
        result = socialcheck.verify(doc, endpoints=fake.endpoints(), cache=False)

Each endpoint name is a path prefix (`http://127.0.0.1:PORT/twitter_oembed/oembed?...`),
so `endpoints()` maps every documented name to this one server; the answers follow the
shapes of ../shared/docs/embed-formats.md (3.h X oEmbed, 4.h Bluesky AppView, 5.h
Mastodon statuses, 6.h-13.h oEmbeds, 17 Wayback availability, t.co redirects).

Faults (`fault(key, kind)`; `key` is a substring of the request path and query, URL-
decoded, e.g. a status ID; `times` limits how often it fires):
"404", "410", "403", "401", "400", "500", "503" (that status), "429" (with
`retry_after`), "slow" (answers after `slow_seconds`), "redirect-loop",
"redirect-offlist" (to http://169.254.169.254/), "oversized" (2 MiB with a
Content-Length), "oversized-stream" (2 MiB, no Content-Length), "invalid-json",
"reset" (TCP reset, no answer), "forbidden-200" (HTTP 200 with body "Forbidden").

Every request is logged in `log` (endpoint name, decoded path); `requests` counts them.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from socialcheck.platforms.urls import parse_post_url
from socialcheck.verify import ENDPOINT_NAMES

TWEPOCH_MS = 1288834974657
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
BIG = 2 * 1024 * 1024


def snowflake(when: dt.datetime, sequence: int = 0) -> str:
    """An X status ID made at `when` (UTC)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    ms = int(when.timestamp() * 1000) - TWEPOCH_MS
    return str((ms << 22) | (sequence & 0x3FFFFF))


def mastodon_id(when: dt.datetime, sequence: int = 0) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return str((int(when.timestamp() * 1000) << 16) | (sequence & 0xFFFF))


def guard_name_lookups(monkeypatch: Any) -> list[str]:
    """Make every name lookup but the loopback fail (tests never reach the internet);
    returns the list of names asked for, filled as the test runs."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(str(host))
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise OSError(f"the tests must not reach {host!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
    return asked


@dataclass
class Tweet:
    status_id: str
    handle: str
    name: str
    text: str
    date: dt.date
    media: list[str] = field(default_factory=list)


@dataclass
class BskyPost:
    did: str
    handle: str
    rkey: str
    text: str
    created_at: dt.datetime
    display_name: str | None = None
    indexed_at: dt.datetime | None = None


@dataclass
class Fault:
    key: str
    kind: str
    endpoint: str | None = None
    times: int | None = None
    retry_after: str | None = None
    hits: int = 0


def tweet_html(t: Tweet) -> str:
    body = html.escape(t.text).replace("\n", "<br>")
    links = "".join(f' <a href="https://t.co/{c}">pic.twitter.com/{c}</a>' for c in t.media)
    date = f"{MONTHS[t.date.month - 1]} {t.date.day}, {t.date.year}"
    return (
        f'<blockquote class="twitter-tweet"><p lang="en" dir="ltr">{body}{links}</p>'
        f"&mdash; {html.escape(t.name)} (@{t.handle}) "
        f'<a href="https://twitter.com/{t.handle}/status/{t.status_id}?ref_src=twsrc%5Etfw">'
        f"{date}</a></blockquote>\n"
    )


def instagram_payload(handle: str, name: str, *, when: dt.datetime | None = None) -> dict[str, Any]:
    """Instagram oEmbed after 2025-11 (no author_name): who is only in the html."""
    time_part = ""
    if when is not None:
        time_part = f' on <time datetime="{when.isoformat()}">{when:%b %d, %Y}</time>'
    markup = (
        '<blockquote class="instagram-media" data-instgrm-version="14"><div>'
        '<a href="https://www.instagram.com/p/X/">View this post on Instagram</a>'
        f"<p><a>A post shared by {html.escape(name)} (@{handle})</a>{time_part}</p>"
        "</div></blockquote>"
    )
    return {"version": "1.0", "type": "rich", "provider_name": "Instagram", "html": markup}


def threads_payload(handle: str, code: str) -> dict[str, Any]:
    permalink = f"https://www.threads.net/@{handle}/post/{code}"
    markup = (
        f'<blockquote class="text-post-media" data-text-post-permalink="{permalink}" '
        f'data-text-post-version="0"><a href="{permalink}">View on Threads</a></blockquote>'
    )
    return {"version": "1.0", "type": "rich", "provider_name": "Threads", "html": markup}


def facebook_payload(page: str, name: str, text: str, when: dt.date) -> dict[str, Any]:
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[
        when.weekday()
    ]
    date = f"{weekday}, {MONTHS[when.month - 1]} {when.day}, {when.year}"
    url = f"https://www.facebook.com/{page}/posts/1"
    markup = (
        f'<div class="fb-post" data-href="{url}"><blockquote cite="{url}" '
        f'class="fb-xfbml-parse-ignore"><p>{html.escape(text)}</p>Posted by '
        f'<a href="https://www.facebook.com/{page}">{html.escape(name)}</a> on&nbsp;'
        f'<a href="{url}">{date}</a></blockquote></div>'
    )
    return {"version": "1.0", "type": "rich", "provider_name": "Facebook", "html": markup}


def tiktok_payload(handle: str, name: str, caption: str, video_id: str) -> dict[str, Any]:
    return {
        "version": "1.0",
        "type": "video",
        "title": caption,
        "author_url": f"https://www.tiktok.com/@{handle}",
        "author_name": name,
        "author_unique_id": handle,
        "embed_product_id": video_id,
        "html": f'<blockquote class="tiktok-embed" data-video-id="{video_id}"></blockquote>',
        "provider_name": "TikTok",
    }


def youtube_payload(title: str, channel: str, handle: str) -> dict[str, Any]:
    return {
        "title": title,
        "author_name": channel,
        "author_url": f"https://www.youtube.com/@{handle}",
        "type": "video",
        "html": '<iframe src="https://www.youtube.com/embed/x"></iframe>',
        "provider_name": "YouTube",
    }


def reddit_payload(user: str, title: str) -> dict[str, Any]:
    return {
        "type": "rich",
        "author_name": user,
        "title": title,
        "html": '<blockquote class="reddit-embed-bq"><a href="https://www.reddit.com/">x</a>'
        "</blockquote>",
        "provider_name": "reddit",
    }


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # resets and clients that gave up are part of the script


class FakePlatforms:
    """The fake server; see the module doc."""

    def __init__(self) -> None:
        self.tweets: dict[str, Tweet] = {}
        self.redirects: dict[str, str] = {}
        self.bsky_posts: dict[tuple[str, str], BskyPost] = {}
        self.bsky_handles: dict[str, str] = {}
        self.statuses: dict[tuple[str, str], dict[str, Any]] = {}
        self.oembeds: dict[tuple[str, str], dict[str, Any]] = {}
        self.archives: dict[str, str] = {}
        self.faults: list[Fault] = []
        self.log: list[tuple[str, str]] = []
        self.user_agents: list[str] = []
        self.active = 0
        self.max_active = 0
        self.slow_seconds = 5.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakePlatforms:
        self._server = _Server(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakePlatforms:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def endpoints(self, **overrides: str | None) -> dict[str, str | None]:
        """Every endpoint name -> this server (overrides replace single entries)."""
        found: dict[str, str | None] = {name: f"{self.url}/{name}" for name in ENDPOINT_NAMES}
        found.update(overrides)
        return found

    @property
    def requests(self) -> int:
        with self._lock:
            return len(self.log)

    # ------------------------------------------------------------------ data

    def add_tweet(
        self,
        status_id: str,
        handle: str,
        name: str,
        text: str,
        date: dt.date,
        media: list[str] | None = None,
    ) -> Tweet:
        tweet = Tweet(status_id, handle, name, text, date, list(media or []))
        self.tweets[status_id] = tweet
        for code in tweet.media:
            self.redirects[code] = f"https://twitter.com/{handle}/status/{status_id}/photo/1"
        return tweet

    def add_bluesky(self, post: BskyPost) -> BskyPost:
        self.bsky_posts[(post.did, post.rkey)] = post
        self.bsky_handles[post.handle.lower()] = post.did
        return post

    def add_status(self, endpoint: str, status: dict[str, Any]) -> None:
        self.statuses[(endpoint, str(status["id"]))] = status

    def add_oembed(self, endpoint: str, key: str, payload: dict[str, Any]) -> None:
        self.oembeds[(endpoint, key)] = payload

    def fault(
        self,
        key: str,
        kind: str,
        *,
        endpoint: str | None = None,
        times: int | None = None,
        retry_after: str | None = None,
    ) -> Fault:
        found = Fault(key, kind, endpoint, times, retry_after)
        self.faults.append(found)
        return found

    def _match(self, endpoint: str, target: str) -> Fault | None:
        with self._lock:
            for f in self.faults:
                if f.endpoint not in (None, endpoint) or f.key not in target:
                    continue
                if f.times is not None and f.hits >= f.times:
                    continue
                f.hits += 1
                return f
        return None


def mastodon_status(
    status_id: str,
    username: str,
    content: str,
    created_at: dt.datetime,
    *,
    instance: str = "mastodon.example.com",
    acct: str | None = None,
    display_name: str = "",
) -> dict[str, Any]:
    return {
        "id": status_id,
        "created_at": created_at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "url": f"https://{instance}/@{username}/{status_id}",
        "uri": f"https://{instance}/users/{username}/statuses/{status_id}",
        "content": content,
        "spoiler_text": "",
        "account": {
            "id": "1",
            "username": username,
            "acct": acct or username,
            "display_name": display_name,
            "url": f"https://{instance}/@{username}",
        },
    }


def _handler(fake: FakePlatforms) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "FakePlatforms/1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        # -------------------------------------------------------------- plumbing

        def send(
            self,
            status: int,
            body: bytes | str | Any = b"",
            *,
            ctype: str = "",
            headers: dict[str, str] | None = None,
        ) -> None:
            if isinstance(body, (dict, list)):
                body = json.dumps(body).encode()
                ctype = ctype or "application/json"
            elif isinstance(body, str):
                body = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", ctype or "application/json")
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            target = unquote(self.path)
            endpoint = self.path.lstrip("/").split("/", 1)[0].split("?", 1)[0]
            with fake._lock:
                fake.log.append((endpoint, target))
                fake.user_agents.append(self.headers.get("User-Agent", ""))
                fake.active += 1
                fake.max_active = max(fake.max_active, fake.active)
            fault = fake._match(endpoint, target)
            try:
                if fault is not None and self.apply(fault):
                    return
                self.route(endpoint)
            except (ConnectionError, OSError):
                pass
            finally:
                with fake._lock:
                    fake.active -= 1

        def apply(self, fault: Fault) -> bool:
            """Answer with the fault; False when the fault only delays the answer."""
            kind = fault.kind
            if kind.isdigit():
                status = int(kind)
                headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                error = {"error": "Record not found" if status in (404, 410) else f"E{status}"}
                self.send(status, error, headers=headers)
                return True
            if kind == "slow":
                deadline = time.monotonic() + fake.slow_seconds
                while time.monotonic() < deadline and not fake._stop.is_set():
                    time.sleep(0.02)
                return False
            if kind == "redirect-loop":
                self.send(302, b"", headers={"Location": self.path})
                return True
            if kind == "redirect-offlist":
                loc = "http://169.254.169.254/latest/meta-data/"
                self.send(302, b"", headers={"Location": loc})
                return True
            if kind == "oversized":
                self.send(200, b'{"html": "' + b"x" * BIG + b'"}')
                return True
            if kind == "oversized-stream":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                chunk = b"x" * 65536
                for _ in range(BIG // len(chunk)):
                    self.wfile.write(chunk)
                return True
            if kind == "invalid-json":
                self.send(200, b'{"html": "<blockquote>unterminated')
                return True
            if kind == "forbidden-200":
                self.send(200, b"Forbidden", ctype="text/plain")
                return True
            if kind == "reset":
                linger = struct.pack("ii", 1, 0)
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                self.connection.close()
                self.close_connection = True
                return True
            raise AssertionError(f"unknown fault {kind!r}")

        def query(self) -> dict[str, str]:
            parsed = parse_qs(urlsplit(self.path).query)
            return {k: v[0] for k, v in parsed.items()}

        # -------------------------------------------------------------- routes

        def route(self, endpoint: str) -> None:
            path = urlsplit(self.path).path
            rest = path[len(endpoint) + 1 :]
            if endpoint in ("twitter_oembed", "x_oembed") and rest == "/oembed":
                return self.x_oembed()
            if endpoint in ("tco", "pic_twitter"):
                code = unquote(rest.strip("/"))
                if code in fake.redirects:
                    return self.send(301, b"", headers={"Location": fake.redirects[code]})
                return self.send(404, b"", ctype="text/html")
            if endpoint == "bluesky_appview":
                return self.bluesky(rest)
            if endpoint in ("mastodon", "truthsocial"):
                m = re.fullmatch(r"/api/v1/statuses/(\d+)", rest)
                status = fake.statuses.get((endpoint, m.group(1))) if m else None
                if status is None:
                    return self.send(404, {"error": "Record not found"})
                return self.send(200, status)
            if endpoint.endswith("_oembed"):
                return self.oembed(endpoint)
            if endpoint == "wayback" and rest == "/wayback/available":
                url = self.query().get("url", "")
                for key, snapshot in fake.archives.items():
                    if key in url:
                        closest = {
                            "available": True,
                            "url": snapshot,
                            "timestamp": "20180120000000",
                            "status": "200",
                        }
                        return self.send(200, {"archived_snapshots": {"closest": closest}})
                return self.send(200, {"archived_snapshots": {}})
            return self.send(404, {"error": f"no route {path}"})

        def x_oembed(self) -> None:
            url = self.query().get("url", "")
            m = re.search(r"/status(?:es)?/(\d+)", url)
            tweet = fake.tweets.get(m.group(1)) if m else None
            if tweet is None:
                return self.send(404, b"", ctype="text/html")
            return self.send(
                200,
                {
                    "url": f"https://twitter.com/{tweet.handle}/status/{tweet.status_id}",
                    "author_name": tweet.name,
                    "author_url": f"https://twitter.com/{tweet.handle}",
                    "html": tweet_html(tweet),
                    "width": 550,
                    "height": None,
                    "type": "rich",
                    "cache_age": "3153600000",
                    "provider_name": "Twitter",
                    "provider_url": "https://twitter.com",
                    "version": "1.0",
                },
            )

        def bluesky(self, rest: str) -> None:
            q = self.query()
            if rest == "/xrpc/com.atproto.identity.resolveHandle":
                did = fake.bsky_handles.get(q.get("handle", "").lower())
                if did is None:
                    error = {"error": "InvalidRequest", "message": "Unable to resolve handle"}
                    return self.send(400, error)
                return self.send(200, {"did": did})
            if rest == "/xrpc/app.bsky.feed.getPostThread":
                m = re.fullmatch(r"at://([^/]+)/app\.bsky\.feed\.post/([^/]+)", q.get("uri", ""))
                post = fake.bsky_posts.get((m.group(1), m.group(2))) if m else None
                if post is None:
                    error = {"error": "NotFound", "message": f"Post not found: {q.get('uri')}"}
                    return self.send(400, error)
                view = {
                    "uri": f"at://{post.did}/app.bsky.feed.post/{post.rkey}",
                    "cid": "bafyreib",
                    "author": {
                        "did": post.did,
                        "handle": post.handle,
                        "displayName": post.display_name,
                    },
                    "record": {
                        "$type": "app.bsky.feed.post",
                        "text": post.text,
                        "createdAt": post.created_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                    },
                    "indexedAt": (post.indexed_at or post.created_at).strftime(
                        "%Y-%m-%dT%H:%M:%S.%fZ"
                    ),
                }
                thread = {"$type": "app.bsky.feed.defs#threadViewPost", "post": view}
                return self.send(200, {"thread": thread})
            return self.send(404, {"error": "MethodNotImplemented"})

        def oembed(self, endpoint: str) -> None:
            url = self.query().get("url", "")
            parsed = parse_post_url(url)
            key = parsed.post_id if parsed is not None and parsed.post_id else url
            payload = fake.oembeds.get((endpoint, key))
            if payload is None:
                return self.send(404, {"error": {"message": "not found", "code": 24}})
            return self.send(200, payload)

    return Handler
