"""The README's picture, docs/demo-graph.png: the demo's graph page searched for one
union. ``make demo-picture`` takes it from the current demo graph (output/, built by
``make demo``); the page tests take the same picture on every run.

    python -m tests.screenshot DIR PNG
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from tests.browser import launch_chromium

PICTURED = "大兴区总工会"
VIEWPORT = {"width": 1400, "height": 900}
FOCUS_ANIMATION_MS = 600


def open_page(browser: Any, page_file: Path, before: Any = None) -> Any:
    """A tab with ``page_file`` open and drawn; ``before(page)`` runs before it loads."""
    page = browser.new_page(viewport=VIEWPORT)
    if before is not None:
        before(page)
    page.goto(page_file.as_uri())
    page.wait_for_function("window.kgPage && kgPage.firstDraw !== null")
    return page


def search(page: Any, text: str, pick: str) -> None:
    """Type ``text`` in the search box and pick the suggestion ``pick``."""
    page.fill("#search-input", text)
    option = page.locator("#suggestions li", has_text=pick).first
    option.wait_for()
    option.dispatch_event("mousedown")
    page.wait_for_function("!document.getElementById('panel').hidden")


def take(browser: Any, page_file: Path, target: Path) -> None:
    page = open_page(browser, page_file)
    search(page, PICTURED, PICTURED)
    page.wait_for_timeout(FOCUS_ANIMATION_MS)
    page.screenshot(path=target)
    page.close()


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        take(browser, Path(argv[0]) / "graph.html", Path(argv[1]))
        browser.close()
    print(f"wrote {argv[1]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
