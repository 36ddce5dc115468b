"""news_zh (tests/fixtures/news_zh, see its SOURCE.md): real Chinese news, portal and government
articles of 21 sites outside daniel_zh and cwced_zh, with hand-labelled main text. The set lives
in the repository, so its gate runs in every clone.

By-site split (src/docpipe/data/eval_splits.json, the same parts as metadata_zh_gne). Floors =
the figures measured blind on the first run (zhnews on main aca23ec, 2026-12-02: docpipe tuning
0.911, validation 0.985; trafilatura 0.779 / 0.925 in the same run) minus 0.005.
"""

from __future__ import annotations

import pytest

from docpipe.evaluate import EXTRACTORS, load_set, run_extractor, split_parts
from tests.conftest import FIXTURES

NEWS_ZH = FIXTURES / "news_zh"
# (part, pages in it, F1 floor)
FLOORS = [("validation", 21, 0.980), ("tuning", 13, 0.906)]


def test_every_page_is_in_the_fixed_split() -> None:
    pages = load_set(NEWS_ZH)
    assert pages and {p.id for p in pages} == set(split_parts("news_zh"))
    assert {p.truth["page_type"] for p in pages} == {"article"}
    assert split_parts("news_zh") == split_parts("metadata_zh_gne")


@pytest.mark.parametrize(("part", "count", "floor"), FLOORS)
def test_part_f1_holds_its_floor(part: str, count: int, floor: float) -> None:
    result = run_extractor("docpipe", EXTRACTORS["docpipe"], load_set(NEWS_ZH, split=part))
    assert result.pages == count
    assert result.f1 >= floor, [(s.id, round(s.f1, 3)) for s in result.scores]
