"""HTTP(S) fetching of a single URL with httpx: timeouts, redirects, size cap, status mapping."""

from __future__ import annotations

import httpx

from docpipe.config import FetchSettings
from docpipe.errors import TerminalError, TransientError
from docpipe.fetch.decode import decode_bytes
from docpipe.models import FetchedDocument, Stage


def _media_type(header: str | None) -> str:
    return (header or "").split(";")[0].strip().lower()


def fetch_url(url: str, settings: FetchSettings) -> FetchedDocument:
    """GET `url`, following redirects; raise Transient/TerminalError with a reason code."""
    try:
        with httpx.Client(
            follow_redirects=True,
            max_redirects=settings.max_redirects,
            timeout=settings.timeout,
            headers={"User-Agent": settings.user_agent},
        ) as client, client.stream("GET", url) as response:
            if response.status_code == 429 or response.status_code >= 500:
                raise TransientError(
                    Stage.fetch, f"http_{response.status_code if response.status_code == 429 else '5xx'}",
                    f"server answered {response.status_code}", source=url,
                )
            if response.status_code >= 400:
                raise TerminalError(
                    Stage.fetch, f"http_{response.status_code}",
                    f"server answered {response.status_code}", source=url,
                )
            media = _media_type(response.headers.get("content-type"))
            if media and media not in settings.allowed_content_types:
                raise TerminalError(Stage.fetch, "not_html", f"content-type is {media}", source=url)
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > settings.max_bytes:
                    raise TerminalError(
                        Stage.fetch, "too_large", f"body exceeds {settings.max_bytes} bytes", source=url
                    )
    except httpx.TooManyRedirects as exc:
        raise TerminalError(Stage.fetch, "redirect_loop", str(exc), source=url) from exc
    except httpx.UnsupportedProtocol as exc:
        raise TerminalError(Stage.fetch, "bad_redirect_scheme", str(exc), source=url) from exc
    except httpx.TimeoutException as exc:
        raise TransientError(Stage.fetch, "timeout", f"no answer within {settings.timeout}s", source=url) from exc
    except httpx.TransportError as exc:
        raise TransientError(Stage.fetch, "connection_error", str(exc) or type(exc).__name__, source=url) from exc
    data = bytes(body)
    is_html = media != "text/plain"
    decoded = decode_bytes(data, http_content_type=response.headers.get("content-type"), is_html=is_html, source=url)
    return FetchedDocument(
        source=url,
        url=url,
        final_url=str(response.url),
        status=response.status_code,
        content_type="text/html" if is_html else "text/plain",
        declared_encoding=decoded.declared,
        detected_encoding=decoded.detected,
        encoding=decoded.encoding,
        content=data,
        text=decoded.text,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )
