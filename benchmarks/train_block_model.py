#!/usr/bin/env python3
"""Train the learned block scorer (docpipe.clean.learned) on the TUNING halves of the dev sets
and export it as src/docpipe/data/block_model.json.

usage: python benchmarks/train_block_model.py [SET_DIR ...] [--out FILE] [--trees N]
       python benchmarks/train_block_model.py --check     (small offline run, exit 1 on failure)

Only pages the fixed by-site split (docpipe/data/eval_splits.json) puts in the tuning part are
read; the validation part is never opened. Each page is run through docpipe's own parse, prune
and selection; every text block gets the features of docpipe.clean.learned and a label: content
when most of its tokens, in order, are in the truth text (word trigrams for blocks of three
tokens or more, the whole token sequence for shorter ones). Blocks are weighted by their token
count, normalised per page, since the metric is a per-page macro average of token overlap.

A fifth of the tuning sites (by a hash of the domain) is held out to pick the number of trees
and the threshold by page F1; the exported model is then refit on all tuning pages with that
number of trees. The export holds plain arrays (split feature, threshold, children, leaf
value) that docpipe evaluates with numpy: lightgbm is needed here, not at run time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import numpy as np  # noqa: E402

from docpipe.clean import learned  # noqa: E402
from docpipe.evaluate import TOKEN, load_set, tokens  # noqa: E402

DEFAULT_SETS = ("wcxb_dev", "cwced_zh", "daniel_zh", "scrapinghub_aeb", "cleaneval_final_en")
EMITTED = learned.FEATURE_NAMES.index("rule_emitted")
OUT = REPO / "src" / "docpipe" / "data" / learned.MODEL_FILE
# A block is content when at least this share of its trigrams (or its whole token sequence)
# is in the truth: truth texts are lightly edited (quotes, spacing), never rewritten.
LABEL_MIN_SHARE = 0.5
PARAMS = {
    "objective": "binary",
    "learning_rate": 0.1,
    "num_leaves": 15,
    "max_depth": 6,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "verbose": -1,
    "seed": 7,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 1,
}


@dataclass
class PageData:
    set_name: str
    page_id: str
    site: str
    x: np.ndarray
    y: np.ndarray
    w: np.ndarray
    texts: list[str]
    truth: str
    page_type: str | None
    share: float  # the gate's measure: the rules' emitted share of the page text


def _toks(text: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(text)]


def labels(block_texts: list[str], truth: str) -> np.ndarray:
    """Per block 1.0 when it is (mostly) in the truth text, else 0.0."""
    t = _toks(truth)
    trigrams = {tuple(t[i:i + 3]) for i in range(len(t) - 2)}
    joined = " " + " ".join(t) + " "
    out = np.zeros(len(block_texts))
    for i, text in enumerate(block_texts):
        b = _toks(text)
        if not b:
            continue
        if len(b) >= 3:
            grams = [tuple(b[j:j + 3]) for j in range(len(b) - 2)]
            share = sum(1 for g in grams if g in trigrams) / len(grams)
            out[i] = 1.0 if share >= LABEL_MIN_SHARE else 0.0
        else:
            out[i] = 1.0 if (" " + " ".join(b) + " ") in joined else 0.0
    return out


def site_of(url: str | None, page_id: str) -> str:
    host = urlsplit(url or "").hostname or page_id
    return ".".join(host.split(".")[-2:])


def page_data(set_name: str, page: object) -> PageData | None:
    truth = str(page.truth.get("text") or "")  # type: ignore[attr-defined]
    if not _toks(truth):
        return None
    seg, marks, share = learned.analyse(page.html, page.url)  # type: ignore[attr-defined]
    if not seg.blocks:
        return None
    x = learned.features(seg, marks)
    texts = [b.text for b in seg.blocks]
    y = labels(texts, truth)
    ntok = np.array([len(_toks(t)) for t in texts], dtype=float)
    w = ntok / max(ntok.sum(), 1.0)
    return PageData(set_name, page.id, site_of(page.url, page.id), x, y, w, texts, truth,  # type: ignore[attr-defined]
                    page.truth.get("page_type"), share)  # type: ignore[attr-defined]


def load(sets: list[Path], limit: int | None) -> list[PageData]:
    out: list[PageData] = []
    for set_dir in sets:
        start = time.perf_counter()
        pages = load_set(set_dir, limit, split="tuning")
        for page in pages:
            d = page_data(set_dir.name, page)
            if d is not None:
                out.append(d)
        print(f"{set_dir.name}: {len(pages)} tuning pages, {time.perf_counter() - start:.0f}s", file=sys.stderr)
    return out


def held_out(site: str) -> bool:
    return int(hashlib.sha1(site.encode()).hexdigest(), 16) % 5 == 0


# The decision searched on the held-out tuning sites: the model judges a page only when the rules
# emitted less than GATE of its text; there, a block the rules emitted stays unless the model
# gives it less than DROP, and a block they left out joins when the model gives it at least ADD.
GATES = (0.2, 0.3, 0.4, 0.6)
ADDS = (0.5, 0.6, 0.7, 0.8, 0.9)
DROPS = (0.0, 0.2, 0.4)
# Sets whose figures must not fall (held-out mean F1 change, by set, may not go below this).
GUARDED = ("cwced_zh", "daniel_zh", "scrapinghub_aeb", "cleaneval_final_en")
GUARD_MIN_CHANGE = -0.002


@dataclass
class Held:
    page: PageData
    block_tokens: list[Counter[str]]
    truth_tokens: Counter[str]
    rules_f1: float


def mask_f1(mask: np.ndarray, h: Held) -> float:
    got: Counter[str] = Counter()
    for toks, keep in zip(h.block_tokens, mask):
        if keep:
            got.update(toks)
    n, ng = sum(got.values()), sum(h.truth_tokens.values())
    overlap = sum((got & h.truth_tokens).values())
    if not n or not overlap:
        return 0.0
    p, r = overlap / n, overlap / ng
    return 2 * p * r / (p + r)


def decide(d: PageData, prob: np.ndarray, gate: float, add: float, drop: float) -> np.ndarray:
    """Which blocks the extraction keeps (the rule clean_html applies, docpipe.clean.learned)."""
    emitted = d.x[:, EMITTED] > 0.5
    return learned.decide(emitted, prob, d.share, gate=gate, add=add, drop=drop)


def search(held: list[Held], probs: list[np.ndarray]) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """The gate/add/drop with the largest mean gain on the held-out pages whose sets are not
    guarded, none of the guarded sets losing more than GUARD_MIN_CHANGE."""
    best: tuple[float, dict[str, float], dict[str, dict[str, float]]] | None = None
    for gate in GATES:
        for add in ADDS:
            for drop in DROPS:
                groups: dict[str, list[tuple[float, float]]] = {}
                for h, prob in zip(held, probs):
                    f = mask_f1(decide(h.page, prob, gate, add, drop), h)
                    for key in (h.page.set_name, f"{h.page.set_name}:{h.page.page_type}" if h.page.page_type else None):
                        if key:
                            groups.setdefault(key, []).append((h.rules_f1, f))
                table = {k: {"pages": len(v), "rules": statistics.mean(a for a, _ in v),
                             "learned": statistics.mean(b for _, b in v)} for k, v in groups.items()}
                free = [mask_f1(decide(h.page, pr, gate, add, drop), h) - h.rules_f1
                        for h, pr in zip(held, probs) if h.page.set_name not in GUARDED]
                gain = statistics.mean(free) if free else 0.0
                worst = min((t["learned"] - t["rules"] for k, t in table.items() if k in GUARDED), default=0.0)
                if worst < GUARD_MIN_CHANGE:
                    continue
                if best is None or gain > best[0] + 1e-9:
                    best = (gain, {"gate": gate, "add": add, "drop": drop, "gain": gain}, table)
    if best is None:  # nothing keeps the guarded sets: the model stays off (gate 0)
        return {"gate": 0.0, "add": 1.0, "drop": 0.0, "gain": 0.0}, {}
    return best[1], best[2]


def stack(pages: list[PageData]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (np.concatenate([d.x for d in pages]), np.concatenate([d.y for d in pages]),
            np.concatenate([d.w for d in pages]))


def export(booster: object) -> dict[str, object]:
    """LightGBM trees as the flat node lists docpipe.clean.learned.model_from_json reads."""
    dump = booster.dump_model()  # type: ignore[attr-defined]
    trees = []
    depth = 0
    for info in dump["tree_info"]:
        nodes: list[list[float]] = []

        def add(node: dict[str, object], level: int) -> int:
            nonlocal depth
            idx = len(nodes)
            nodes.append([0, 0.0, idx, idx, 0.0])
            if "leaf_value" in node:
                nodes[idx][4] = float(node["leaf_value"])  # type: ignore[arg-type]
                depth = max(depth, level)
                return idx
            if node.get("decision_type") != "<=":
                raise ValueError(f"unsupported split {node.get('decision_type')}")
            left = add(node["left_child"], level + 1)  # type: ignore[arg-type]
            right = add(node["right_child"], level + 1)  # type: ignore[arg-type]
            nodes[idx] = [int(node["split_feature"]), float(node["threshold"]), left, right, 0.0]  # type: ignore[arg-type]
            return idx

        add(info["tree_structure"], 0)
        trees.append({"nodes": nodes})
    data = {
        "feature_version": learned.FEATURE_VERSION,
        "feature_names": list(learned.FEATURE_NAMES),
        "bias": 0.0,
        "depth": depth,
        "trees": trees,
        "trained_on": "tuning halves of the dev sets (eval_splits.json), benchmarks/train_block_model.py",
    }
    return data


def train(pages: list[PageData], trees: int, out: Path | None) -> tuple[dict[str, object], dict[str, object]]:
    import lightgbm as lgb

    fit = [d for d in pages if not held_out(d.site)]
    hold = [d for d in pages if held_out(d.site)] or pages
    x, y, w = stack(fit)
    booster = lgb.train(PARAMS, lgb.Dataset(x, y, weight=w), num_boost_round=trees)
    held = []
    for d in hold:
        h = Held(d, [tokens(t) for t in d.texts], tokens(d.truth), 0.0)
        h.rules_f1 = mask_f1(d.x[:, EMITTED] > 0.5, h)
        held.append(h)
    probs = [booster.predict(d.x) for d in hold]
    decision, table = search(held, probs)
    xa, ya, wa = stack(pages)
    final = lgb.train(PARAMS, lgb.Dataset(xa, ya, weight=wa), num_boost_round=trees)
    data = export(final)
    data["decision"] = {k: decision[k] for k in ("gate", "add", "drop")}
    if out is not None:
        out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    # the exported arrays must give lightgbm's own answer
    model = learned.model_from_json(data)
    diff = float(np.max(np.abs(model.predict(xa[:5000]) - final.predict(xa[:5000]))))
    report: dict[str, object] = {"decision": decision, "held_out": table, "export_max_diff": diff,
                                 "held_out_pages": len(hold), "fit_pages": len(fit)}
    return data, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--limit", type=int, default=None, help="pages per set")
    parser.add_argument("--check", action="store_true", help="small offline run on the test fixtures; writes nothing")
    args = parser.parse_args(argv)
    if args.check:
        sets = [REPO / "tests" / "fixtures" / "eval_subset" / name for name in ("cwced_zh", "scrapinghub_aeb")]
        pages = []
        for set_dir in sets:  # the fixture subsets are not in the split file: all their pages
            for page in load_set(set_dir):
                d = page_data(set_dir.name, page)
                if d is not None:
                    pages.append(d)
        data, report = train(pages, 20, None)
        print(json.dumps(report, indent=1))
        ok = float(report["export_max_diff"]) < 1e-9 and len(data["trees"]) == 20  # type: ignore[arg-type]
        return 0 if ok else 1
    sets = args.sets or [REPO.parent / "shared" / "eval" / name for name in DEFAULT_SETS]
    sets = [s for s in sets if (s / "truth.jsonl").exists()]
    if not sets:
        print("no evaluation sets found (pass SET_DIR)", file=sys.stderr)
        return 2
    pages = load(sets, args.limit)
    pos = float(np.mean(np.concatenate([d.y for d in pages])))
    print(f"{len(pages)} pages, {sum(len(d.y) for d in pages)} blocks, {pos:.2f} content", file=sys.stderr)
    data, report = train(pages, args.trees, args.out)
    print(json.dumps(report, indent=1))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB, {len(data['trees'])} trees)")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
