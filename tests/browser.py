"""How the page tests and benchmarks/bench_page.py start a browser: Debian's headless Chromium
(``apt-get install chromium``, the Makefile's ``browser`` target), never a browser
that Playwright would download."""

from __future__ import annotations

from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def launch_chromium(playwright: Any) -> Any:
    """A Playwright ``Browser`` on Debian's Chromium."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
