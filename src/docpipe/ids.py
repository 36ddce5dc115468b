"""Stable identifiers: doc_id from the normalised URL (or path), content_hash from the text."""

from __future__ import annotations

import hashlib
from pathlib import Path


def is_url(source: str) -> bool:
    """http(s) URLs, whatever the case of the scheme ("HTTP://host/x" too): the one test every
    stage uses to tell a URL from a path."""
    return source[:8].lower().startswith(("http://", "https://"))


def normalise_url(url: str) -> str:
    """Canonical form used for identity: sorted query, no fragment, normalised percent-escapes."""
    # Imported here: w3lib (and the urllib.request/http.client it loads) is a tenth of
    # `docpipe extract`'s start-up, and a run over local files never normalises a URL.
    from w3lib.url import canonicalize_url

    return canonicalize_url(url.strip(), keep_fragments=False)


def doc_id_for(url: str | None, source: str) -> str:
    """sha256 (first 32 hex digits) of the normalised URL, else of the resolved path."""
    if url and is_url(url):
        key = normalise_url(url)
    elif is_url(source):
        key = normalise_url(source)
    else:
        key = "file:" + Path(source).resolve().as_posix()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def content_hash(text: str) -> str:
    """Whitespace-insensitive hash of the body: reflowed but unchanged text is not a new version."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
