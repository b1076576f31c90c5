"""Knowledge graphs from Chinese trade-union news."""

__version__ = "0.1.0"
