"""An article's URL as the graph can hold it: an absolute http(s) IRI, or nothing.

Pages and records give URLs as written: relative (a canonical link ``/news/1.html``),
without a scheme (``www.workercn.cn/…``), with spaces, quotation marks or braces. A
page's relative URL is resolved against the page's own address where the page gives
one (``resolved``), a ``www.`` address is read as the web address it is, and what an
IRI cannot hold is percent-encoded (Chinese stays as it is: IRIs hold it); what is
still no absolute web address is dropped (``web_iri``), and ingest says so.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin, urlsplit

import pyoxigraph

_WEB_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_BARE_WEB_HOST = re.compile(r"www\.[^/\s]+\.", re.IGNORECASE)
# ASCII an IRI cannot hold anywhere (RFC 3987), besides controls; encoded as %XX.
_NOT_IN_IRI = frozenset(' "<>\\^`{|}')
_BARE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def resolved(url: str, base: str | None) -> str:
    """``url`` made absolute against ``base`` (the page's own address) where it is
    relative and ``base`` is absolute; else as it is."""
    url = _with_scheme(url)
    if base is None or _SCHEME.match(url):
        return url
    base = _with_scheme(base)
    return urljoin(base, url) if _SCHEME.match(base) else url


def web_iri(url: str) -> str | None:
    """``url`` as an absolute http(s) IRI, what an IRI cannot hold percent-encoded;
    None when it is no absolute web address."""
    url = _with_scheme(url)
    scheme = _SCHEME.match(url)
    if scheme is None or scheme.group(1).lower() not in _WEB_SCHEMES:
        return None
    iri = "".join(_encoded(char) for char in _BARE_PERCENT.sub("%25", url))
    try:
        pyoxigraph.NamedNode(iri)
        host = urlsplit(iri).netloc
    except ValueError:  # a broken IPv6 address, a bad port…
        return None
    return iri if host else None


def _with_scheme(url: str) -> str:
    """A scheme-relative (``//host/…``) or bare ``www.`` address with the web's scheme."""
    url = url.strip()
    if url.startswith("//"):
        return "http:" + url
    return "http://" + url if _BARE_WEB_HOST.match(url) else url


def _encoded(char: str) -> str:
    code = ord(char)
    if char in _NOT_IN_IRI or code < 0x20 or code == 0x7F:
        return f"%{code:02X}"
    if code > 0x7F and unicodedata.category(char)[0] in "ZC":  # spaces, controls
        return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return char
