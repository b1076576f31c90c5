"""The one error type the command line reports as a single line, without a traceback."""


class KgError(Exception):
    """A problem the user can act on (a missing model, a bad query, no graph built),
    told in one line; ``kg`` prints it as ``kg: error: …`` and exits with status 2."""
