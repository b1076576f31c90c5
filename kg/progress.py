"""Progress of long work on standard error: a bar per stage on a terminal (done, rate,
time left); elsewhere nothing until the final line; with ``quiet`` not even that.

One helper for every command that works long (``kg extract --run``, ``kg build``):
extraction, loading the store and drawing the page are its stages.
"""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from tqdm import tqdm


class Progress:
    def __init__(self, label: str, *, quiet: bool = False, stream: IO[str] | None = None):
        self.label = label
        self.quiet = quiet
        self.stream = stream if stream is not None else sys.stderr
        self._bar: tqdm | None = None

    @property
    def drawing(self) -> bool:
        """Whether bars are drawn (a terminal, not quiet)."""
        return not self.quiet and self.stream.isatty()

    def start(self, total: float, *, stage: str = "", unit: str = "B") -> None:
        """A new stage of ``total`` units (bytes are shown as kB, MB…); the bar of the
        stage before is left as it stood."""
        self._close()
        if not self.drawing:
            return
        from tqdm import tqdm

        self._bar = tqdm(
            total=total,
            desc=f"{self.label}: {stage}" if stage else self.label,
            unit=unit,
            unit_scale=unit == "B",
            file=self.stream,
            dynamic_ncols=True,
        )

    def advance(self, amount: float, status: str = "") -> None:
        if self._bar is not None:
            if status:
                self._bar.set_postfix_str(status, refresh=False)
            self._bar.update(amount)

    def tell(self, line: str) -> None:
        """A line for the user (a problem met), above the bar if one is drawn."""
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream)

    def finish(self, line: str | None = None) -> None:
        """The end: the bar closed, and ``line`` (as "label: line") unless quiet."""
        self._close()
        if line is not None and not self.quiet:
            print(f"{self.label}: {line}", file=self.stream)

    def _close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
