"""The one error type the command line reports as a single line, without a traceback,
and the "did you mean" hint its messages give for a misspelt word."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class KgError(Exception):
    """A problem the user can act on (a missing model, a bad query, no graph built),
    told in one line; ``kg`` prints it as ``kg: error: …`` and exits with status 2."""


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` naming the known word closest to a misspelt ``word``, or
    nothing when none is close."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
