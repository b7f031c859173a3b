"""Browser fixtures: the built book served on 127.0.0.1 and opened in Debian's chromium
with every other host blocked, so a page that needs the network fails its test."""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import BUILD, build_book

ALLOWED_HOSTS = {"127.0.0.1"}


@pytest.fixture(scope="session")
def book_html(request) -> Path:
    """The built book: this session's build if there was one, else ``$YATLIB_BOOK_HTML`` (a
    built ``html`` folder elsewhere), else an existing ``_build/html``, else a fresh build."""
    built = getattr(request.config, "_yat_book_html", None)
    if built is None and os.environ.get("YATLIB_BOOK_HTML"):
        built = Path(os.environ["YATLIB_BOOK_HTML"])
    if built is not None:
        return built
    if (BUILD / "html" / "index.html").exists():
        return BUILD / "html"
    return build_book()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def server(book_html: Path):
    """Base URL (ending in ``/``) of ``book_html`` served over http in a thread."""
    handler = functools.partial(_QuietHandler, directory=str(book_html))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def page(browser):
    """A fresh page. Requests to any host but 127.0.0.1 are aborted and recorded in
    ``page.yat_blocked``; console errors go to ``page.yat_console_errors`` and
    uncaught exceptions to ``page.yat_page_errors`` (see ``helpers.assert_clean``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.yat_blocked, page.yat_console_errors, page.yat_page_errors = [], [], []

    def route(route):
        url = route.request.url
        if urlparse(url).hostname in ALLOWED_HOSTS:
            route.continue_()
        else:
            page.yat_blocked.append(url)
            route.abort()

    context.route("**/*", route)
    page.on(
        "console",
        lambda msg: (
            msg.type == "error"
            and page.yat_console_errors.append(
                f"{msg.text} @ {msg.location.get('url', '')}:{msg.location.get('lineNumber', '')}"
            )
        ),
    )
    page.on("pageerror", lambda exc: page.yat_page_errors.append(str(exc)))
    yield page
    context.close()


# ---------------------------------------------------------------- book-wide report (issue #12)

REPORTS = BUILD / "reports"


class BookReport:
    """Rows that the book-wide tests (axe audit, keyboard, themes, page weight, motion) print as
    tables at the end of the session and keep in ``_build/reports/<section>.json`` (one row per
    key, so runs of a few pages update the rows of those pages)."""

    def __init__(self) -> None:
        self.sections: dict[str, dict[str, dict]] = {}

    def add(self, section: str, key: str, **row) -> None:
        self.sections.setdefault(section, {})[key] = row
        import json

        REPORTS.mkdir(parents=True, exist_ok=True)
        path = REPORTS / f"{section}.json"
        kept = json.loads(path.read_text()) if path.exists() else {}
        kept[key] = row
        path.write_text(json.dumps(kept, indent=1, ensure_ascii=False))

    def table(self, section: str) -> str:
        rows = self.sections.get(section, {})
        if not rows:
            return ""
        cols = ["page"] + [c for c in next(iter(rows.values()))]
        body = [[k] + [str(r.get(c, "")) for c in cols[1:]] for k, r in rows.items()]
        widths = [max(len(c), *(len(b[i]) for b in body)) for i, c in enumerate(cols)]
        line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
        return "\n".join([line(cols), line(["-" * w for w in widths])] + [line(b) for b in body])


_REPORT = BookReport()


@pytest.fixture(scope="session")
def book_report() -> BookReport:
    """The session's :class:`BookReport`."""
    return _REPORT


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    for section in _REPORT.sections:
        terminalreporter.write_sep("=", section)
        terminalreporter.write_line(_REPORT.table(section))
