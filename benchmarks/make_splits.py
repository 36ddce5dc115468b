"""Write the fixed tuning/validation split of every dev set (src/docpipe/data/eval_splits.json).

Pages are split by site, never by page: every page of one registrable domain lands in the same
part, so a rule tuned on one site's template cannot leak into the part that is reported. The
part depends only on the domains: they are ranked by sha1 of the domain and every `parts`-th one
goes to validation, so the split is the same on every machine and the parts are balanced by site. structure_real keeps a third as validation
(the issue that introduced it asks for a third), and so does structure_real_more (the further real scraped
texts in tests/fixtures/structure_real_more, split the same way) and structure_real_3 (a third set of
them, tests/fixtures/structure_real_3) and structure_real_4, _5, _6, _7, _8, _9 and _10 (tests/fixtures: _5, _6, _7, _8, _9 and _10 are later batches kept apart, because
adding its sites to _4 would have re-ranked _4's sites and moved texts between its parts); the other sets are halved.

A page without a URL or site is its own group (keyed by its id).

Near-duplicate sets (tests/fixtures/neardup: copies of one text on different sites) are split by
group *and* site: a pair is scored inside one part, so all texts of a copy group must stay
together, and so must groups that share a site (one site's chrome must not be seen in tuning and
scored in validation). Groups linked by a shared registrable domain form one unit; units are
ranked by sha1 of their smallest group name and every `parts`-th one goes to validation.

    python benchmarks/make_splits.py ../shared/eval            # rewrite the file
    python benchmarks/make_splits.py ../shared/eval --check    # exit 1 when it is stale
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "docpipe" / "data" / "eval_splits.json"

# How many parts a set's sites are hashed into, and which part is validation.
PARTS = {
    "wcxb_dev": 2,
    "cwced_zh": 2,
    "daniel_zh": 2,
    "scrapinghub_aeb": 2,
    "cleaneval_final_en": 2,
    "structure_real": 3,
    "structure_real_more": 3,
    "structure_real_3": 3,
    "structure_real_4": 3,
    "structure_real_5": 3,
    "structure_real_6": 3,
    "structure_real_7": 3,
    "structure_real_8": 3,
    "structure_real_9": 3,
    "structure_real_10": 3,
    "forum_zh": 2,
    "metadata_zh_gne": 2,
    "news_zh": 2,
    "neardup_fanwen": 2,
    "neardup_copies": 2,
}
# Sets that live in the repository (labelled fixtures) rather than under the eval root: the
# folder, and the labels file when it is not truth.jsonl / gold.jsonl.
REPO_SETS = {
    "structure_real_more": REPO / "tests" / "fixtures" / "structure_real_more",
    "structure_real_3": REPO / "tests" / "fixtures" / "structure_real_3",
    "structure_real_4": REPO / "tests" / "fixtures" / "structure_real_4",
    "structure_real_5": REPO / "tests" / "fixtures" / "structure_real_5",
    "structure_real_6": REPO / "tests" / "fixtures" / "structure_real_6",
    "structure_real_7": REPO / "tests" / "fixtures" / "structure_real_7",
    "structure_real_8": REPO / "tests" / "fixtures" / "structure_real_8",
    "structure_real_9": REPO / "tests" / "fixtures" / "structure_real_9",
    "structure_real_10": REPO / "tests" / "fixtures" / "structure_real_10",
    "forum_zh": REPO / "tests" / "fixtures" / "forum_zh",
    "metadata_zh_gne": REPO / "tests" / "fixtures" / "metadata_zh_gne",
    "news_zh": REPO / "tests" / "fixtures" / "news_zh",
    "neardup_fanwen": REPO / "tests" / "fixtures" / "neardup",
    "neardup_copies": REPO / "tests" / "fixtures" / "neardup",
}
LABEL_FILES = {"neardup_fanwen": "fanwen.jsonl", "neardup_copies": "copies.jsonl"}
# Sets grown for tuning after their first split (forum_zh: more forum engines for the
# tuning part): the split is made over the sites the set had then, and every site added later
# goes to tuning. Ranking the new sites with the old ones would move old pages between the parts
# (flarum.org.cn ranks between tiancity.com and ruby-china.org and would push the tuning thread
# into validation), and the validation part has to stay the pages reported blind.
GROWN_SETS = {"forum_zh": frozenset({"tiancity.com", "ruby-china.org"})}
# Sets of copy groups (rows carry `group`): split by group and site (see the module docstring).
GROUPED_SETS = {"neardup_fanwen", "neardup_copies"}
# Sets whose labels are a gold.jsonl (structure gold format) rather than a truth.jsonl.
GOLD_SETS = {"structure_real", "structure_real_more", "structure_real_3", "structure_real_4", "structure_real_5", "structure_real_6", "structure_real_7", "structure_real_8", "structure_real_9",
             "structure_real_10"}
VALIDATION_PART = 0

# Second-level labels under which the registrable domain has three labels (gov.cn, co.uk ...).
SECOND_LEVEL = {"com", "net", "org", "gov", "edu", "co", "ac", "or", "ne", "go"}


def site_of(row: dict) -> str:
    """The registrable domain of a page (www. and sub-domains folded), or its id when unknown."""
    host = row.get("site") or ""
    if not host and row.get("url"):
        host = urlsplit(str(row["url"])).hostname or ""
    host = host.lower().strip(".")
    if not host:
        return f"id:{row['id']}"
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def assign(sites: set[str], parts: int) -> dict[str, str]:
    ranked = sorted(sites, key=lambda s: hashlib.sha1(s.encode("utf-8")).hexdigest())
    return {s: "validation" if i % parts == VALIDATION_PART else "tuning" for i, s in enumerate(ranked)}


def assign_grouped(rows: list[dict], parts: int) -> tuple[dict[str, str], dict[str, str]]:
    """(group → part, site → part) for a set of copy groups: groups that share a registrable
    domain are one unit (union-find over groups and sites), units ranked by sha1 of their
    smallest group name."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for row in rows:
        a, b = find("g:" + str(row["group"])), find("s:" + site_of(row))
        if a != b:
            parent[max(a, b)] = min(a, b)
    units: dict[str, list[str]] = {}
    for node in list(parent):
        units.setdefault(find(node), []).append(node)
    unit_key = {root: min(n[2:] for n in nodes if n.startswith("g:")) for root, nodes in units.items()}
    part = assign(set(unit_key.values()), parts)
    groups = {n[2:]: part[unit_key[find(n)]] for n in parent if n.startswith("g:")}
    sites = {n[2:]: part[unit_key[find(n)]] for n in parent if n.startswith("s:")}
    return dict(sorted(groups.items())), dict(sorted(sites.items()))


def build(eval_root: Path) -> dict:
    out: dict = {
        "rule": "by registrable domain: domains ranked by sha1(domain); rank % parts == 0 -> validation",
        "sets": {},
    }
    for name, parts in PARTS.items():
        folder = REPO_SETS.get(name, eval_root / name)
        truth = folder / LABEL_FILES.get(name, "gold.jsonl" if name in GOLD_SETS else "truth.jsonl")
        if not truth.is_file():
            continue
        rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").split("\n") if line.strip()]
        entry: dict = {"parts": parts}
        if name in GROUPED_SETS:
            groups, sites = assign_grouped(rows, parts)
            ids = {str(row["id"]): groups[str(row["group"])] for row in rows}
            entry["groups"] = groups
        else:
            page_site = {str(row["id"]): site_of(row) for row in rows}
            first = GROWN_SETS.get(name)
            if first is None:
                sites = assign(set(page_site.values()), parts)
            else:
                later = set(page_site.values()) - first
                sites = assign(set(page_site.values()) & first, parts) | {s: "tuning" for s in later}
            ids = {pid: sites[site] for pid, site in page_site.items()}
        entry.update({"counts": dict(sorted(Counter(ids.values()).items())), "sites": dict(sorted(sites.items())), "ids": ids})
        out["sets"][name] = entry
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_root", type=Path)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    data = build(args.eval_root)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if args.check:
        return 0 if OUT.is_file() and OUT.read_text(encoding="utf-8") == text else 1
    OUT.write_text(text, encoding="utf-8")
    for name, s in data["sets"].items():
        print(f"{name:20s} {s['counts']}  sites={len(s['sites'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
