"""HTML main-content detection on lxml — the hot path (no BeautifulSoup tree per page).

One page goes through these passes (a module each), every pass a single walk over the tree:

1. parse (parse.py): libxml2's HTML parser, network and huge-tree mode off (it expands no DTD
   entities, so entity-expansion payloads stay inert); junk (scripts, styles, form controls,
   embeds, images) dropped and presentational inline tags unwrapped inside libxml2;
2. metadata (clean/metadata.py): meta tags, JSON-LD, title, byline, read before anything is
   removed;
3. prune (prune.py): chrome — nav/aside/footer and hidden elements, and elements whose
   class/id tokens say nav/footer/sidebar/comment/share/related/… (dom.py) — is removed unless
   it holds most of the page's text;
4. statistics (statistics.py): one bottom-up pass computes, per element, its text length,
   link-text length and punctuation count (whole subtree and inline part);
5. selection (selection.py): readability-style container scores, a climb to an enclosing
   container, widening to siblings and repeated records (forum posts);
6. emission (emission.py): inside the chosen subtrees, link boxes and weakly-named chrome are
   skipped (prune.inner_chrome); the rest is walked in document order into blocks (heading,
   paragraph, list_item, table, quote), then link-dense blocks, chrome lines and the byline
   are filtered out.

Every numeric threshold is a field of `CleanSettings` (settings.py), with the case behind it.
"""

from docpipe.clean.html.page import clean_html
from docpipe.clean.html.parse import parse_html
from docpipe.clean.html.settings import CleanSettings

__all__ = ["CleanSettings", "clean_html", "parse_html"]
