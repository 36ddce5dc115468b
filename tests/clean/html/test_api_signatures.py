"""An API reference's signatures are content: Sphinx writes each class and function as a definition
term named "sig" (<dt class="sig sig-object py">, its name in <span class="sig-name descname">),
the token that names a forum post's signature elsewhere (patterns.HTML_SIGNATURE_TOKENS,
settings.api_signatures). A real WCXB tuning page (tests/fixtures/wcxb, SOURCE.md): Django's
middleware reference, whose every "class ...Middleware [source]" line was pruned as chrome."""

from __future__ import annotations

from docpipe.clean.html import CleanSettings
from docpipe.evaluate import _snippet_key, prf
from tests.clean.html.test_recommendation_boxes import TRUTH, text  # the WCXB fixtures' reader

WITHOUT = CleanSettings(api_signatures=False)


def has(got: str, snippet: str) -> bool:
    return f" {_snippet_key(snippet)} " in f" {_snippet_key(got)} "


def test_a_reference_keeps_its_class_signatures() -> None:
    truth = TRUTH["0661"]
    lines = str(truth["text"]).splitlines()
    got, without = text("0661"), text("0661", WITHOUT)
    for line in ("class UpdateCacheMiddleware [source]", "class CommonMiddleware [source]", "class GZipMiddleware [source]"):
        assert line in lines
        assert has(got, line)
        assert not has(without, line)
    for snippet in truth["with"]:
        assert has(got, snippet)
    for snippet in truth["without"]:  # the site's chrome stays out
        assert not has(got, snippet)
    assert prf(got, str(truth["text"]))[2] > prf(without, str(truth["text"]))[2] + 0.005
