"""Browser-test fixtures: the built editions served over HTTP, and one Debian Chromium driven by Playwright.

Playwright cannot download browsers here, so we drive the system Chromium. Without it the browser tests are
skipped on a workstation but fail in CI (where ``CI`` is set), so a CI image that lost Chromium cannot pass quietly.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import axe_playwright_python
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EDITIONS = ("learner", "trainer")
SCHEMES = ("light", "dark")
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 A and AA, plus Deque's best practices. We keep best-practice on: its rules (landmarks with
# unique names, one h1, heading order, content inside landmarks...) are what screen-reader users navigate by, and the
# site passes them, so a regression shows up here instead of in a learner's screen reader.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
TIMEOUT_MS = 15_000


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def unavailable(reason: str) -> NoReturn:
    """Skip on a workstation, fail in CI: a CI run must never pass by skipping the browser tests."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def built_pages(site_dir: Path) -> list[str]:
    """Every page of a built site as a URL path ("/", "/start/trainees/"), except the 404 page."""
    paths = []
    for html in site_dir.rglob("*.html"):
        relative = html.relative_to(site_dir).as_posix()
        if relative == "404.html":
            continue
        if html.name == "index.html":
            paths.append("/" + relative.removesuffix("index.html"))
        else:
            paths.append("/" + relative)
    return sorted(paths)


def is_local(url: str) -> bool:
    """True for data:/blob: URLs and requests to this machine; anything else leaves the site."""
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob"} or parts.hostname in LOCAL_HOSTS


# --- Serving a built site ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServedSite:
    edition: str
    root: Path
    base_url: str
    pages: tuple[str, ...]

    def url(self, path: str) -> str:
        return self.base_url + path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean: no line per request."""


@dataclass
class _Server:
    root: Path
    httpd: http.server.ThreadingHTTPServer = field(init=False)

    def __enter__(self) -> str:
        handler = functools.partial(_QuietHandler, directory=str(self.root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, name=f"serve {self.root}", daemon=True).start()
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _serve(edition: str, root: Path) -> Iterator[ServedSite]:
    with _Server(root) as base_url:
        yield ServedSite(edition, root, base_url, tuple(built_pages(root)))


@pytest.fixture(scope="session")
def learner_server(learner_site: Path) -> Iterator[ServedSite]:
    yield from _serve("learner", learner_site)


@pytest.fixture(scope="session")
def trainer_server(trainer_site: Path) -> Iterator[ServedSite]:
    yield from _serve("trainer", trainer_site)


@pytest.fixture(params=EDITIONS)
def site(request: pytest.FixtureRequest, browser: Browser) -> ServedSite:
    """Each edition in turn, served. Asks for the browser first, so a missing Chromium skips before any build."""
    return request.getfixturevalue(f"{request.param}_server")


@pytest.fixture(params=SCHEMES)
def scheme(request: pytest.FixtureRequest) -> str:
    """Each colour scheme in turn: the site's palette follows prefers-color-scheme."""
    return request.param


# --- The browser ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        unavailable(f"browser tests need Chromium at {CHROMIUM}: run `make chromium` or `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Tab:
    """A page that records every request and every console error or uncaught exception."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._on_request)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_pageerror)

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location
            self.errors.append(f"console error: {message.text} ({where['url']}:{where['lineNumber']})")

    def _on_pageerror(self, error: Exception) -> None:
        self.errors.append(f"uncaught exception: {error}")

    def __enter__(self) -> Tab:
        return self

    def __exit__(self, *exc: object) -> None:
        self.page.close()

    def goto(self, url: str) -> Response | None:
        """Open ``url`` and wait until the network is idle and Material's transitions have finished."""
        response = self.page.goto(url, wait_until="networkidle")
        self.settle()
        return response

    def settle(self) -> None:
        """Wait for running CSS transitions: axe measures colours mid-fade otherwise (the search dialog fades in)."""
        self.page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")

    def palette(self) -> str | None:
        return self.page.evaluate("() => document.body.dataset.mdColorScheme ?? null")

    def axe(self) -> list[dict[str, Any]]:
        """Run axe-core on the page as it is now and return its violations."""
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            self.page.add_script_tag(path=AXE_JS)
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        result = self.page.evaluate("(options) => axe.run(document, options)", options)
        return result["violations"]

    def offsite_requests(self) -> list[str]:
        return [url for url in self.requests if not is_local(url)]

    def describe(self, violations: list[dict[str, Any]], label: str) -> str:
        """One block per violated axe rule: id, impact, what to fix, and each failing node's selector."""
        lines = [f"{len(violations)} axe rule(s) violated on {self.page.url} ({label}):"]
        for violation in violations:
            lines.append(f"- {violation['id']} [{violation['impact']}]: {violation['help']} ({violation['helpUrl']})")
            for node in violation["nodes"]:
                target = " >>> ".join(str(part) for part in node["target"])
                summary = " ".join(node.get("failureSummary", "").split())
                lines.append(f"    at {target}: {summary}")
        return "\n".join(lines)


@pytest.fixture(scope="session")
def open_tab(browser: Browser) -> Iterator[Callable[[str], Tab]]:
    """``open_tab(scheme)`` opens a page in a context that emulates that prefers-color-scheme; close it (``with``)."""
    contexts: dict[str, BrowserContext] = {}

    def _open(scheme: str = "light") -> Tab:
        if scheme not in contexts:
            contexts[scheme] = browser.new_context(color_scheme=scheme)
            contexts[scheme].set_default_timeout(TIMEOUT_MS)
        return Tab(contexts[scheme].new_page())

    yield _open
    for context in contexts.values():
        context.close()
