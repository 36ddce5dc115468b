"""Near-duplicate matching against the dataset: band keys in, cluster roots out.

Nothing here holds an index of the corpus in memory. The committed band keys live in the
dataset's ``near_dup_bands`` table; a batch's lookup is a semi-join of the batch's keys
against that table (a pyarrow scan of the ``key``/``doc_id``/``run_id`` columns filtered on the
batch's keys inside the scan, ids read as dictionary indices — the same on a local folder, on
s3:// and in a Dask worker), followed by a read of the candidates' signatures from only the
``documents`` files that hold their latest versions.

Who is whose near-duplicate (deterministic, whatever ran where and in what order):

- documents are taken in run order: committed documents first, then this run's by
  (batch number, position in the batch);
- a document's near-duplicates are the earlier documents sharing a band key whose score is at
  least ``threshold``. With ``verify`` (the default) the score is decided on the two texts
  (:func:`docpipe.neardup.verify.compare`) for the candidates whose signature estimate of
  containment reaches VERIFY_FLOOR — their texts are read from only the files holding their
  latest versions; without it, it is the signature estimate
  (:func:`docpipe.neardup.minhash.score`);
- it joins the cluster of the closest one (highest score; ties: a committed one, then the
  earliest), unless that cluster holds a candidate whose numbering tells the document apart
  (``Verdict.renumbered``: another edition, or another document of the same template):
  ``near_dup_of`` is that cluster's root — its earliest member — and ``near_dup_score`` the
  score. The root itself keeps ``near_dup_of`` null, so a cluster id is
  ``coalesce(near_dup_of, doc_id)``.

The writer runs :func:`committed_matches` per batch (in parallel, against the dataset as the
run found it), then :func:`stage_matches` (against the run's batches staged before it, and within
the batch), and :func:`resolve_run` once at commit, which re-resolves only what was staged out of
run order (batches in parallel) or changed since: a run staged in order is final when staged.
"""

from __future__ import annotations

import itertools
import json
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from docpipe.config import NearDupSettings
from docpipe.export.dataset import latest_only, latest_version_files, open_dataset
from docpipe.export.schemas import SCHEMAS, parquet_options, with_file_metadata
from docpipe.export.storage import Storage
from docpipe.models import StructuredDocument
from docpipe.neardup.minhash import MIN_SHINGLES, band_keys, containment, jaccard_floor, lsh_params, score, signature_of, similarity
from docpipe.neardup.verify import Body, Verdict, body, compare

BANDS_TABLE = "near_dup_bands"
# A band key shared by very many documents of one run (a boilerplate-only page copied a
# thousand times) would make pair checks quadratic; each document is compared with at most
# this many earlier holders of one key — enough, since all of them are near-duplicates of
# each other and any one of them leads to the same cluster.
MAX_PEERS_PER_KEY = 32
# With [near_dup] verify, a candidate is verified on the texts when its signature estimate of
# containment (the share of the smaller shingle set in the larger, whatever their size ratio)
# is at least this: real copies whose cut points differ estimate as low as 0.45 (two excerpts of
# one 纲要, tests/fixtures/neardup); different documents of one topic mostly stay under 0.2.
VERIFY_FLOOR = 0.3


@dataclass(frozen=True)
class Sketch:
    """A document's signature, shingle count and band keys (None/() when its text is too short),
    and what verification compares it by (None when it is not verified on its text)."""

    doc_id: str
    minhash: list[int] | None
    keys: tuple[int, ...]
    size: int | None = None
    body: Body | None = None
    content_hash: str | None = None


@dataclass(frozen=True)
class Match:
    root: str
    score: float


def band_params(settings: NearDupSettings) -> tuple[int, int]:
    """(bands, rows) of the LSH bands for ``settings``: tuned to the lowest Jaccard similarity a
    pair scoring ``threshold`` under ``measure`` can have."""
    return lsh_params(jaccard_floor(settings.threshold, settings.measure, settings.min_size_ratio), settings.num_perm)


def pair_score(a: list[int], size_a: int | None, b: list[int], size_b: int | None, settings: NearDupSettings) -> float:
    return score(a, size_a, b, size_b, measure=settings.measure, min_size_ratio=settings.min_size_ratio)


def body_of(text: str | None, settings: NearDupSettings) -> Body | None:
    return body(text, shingle=settings.shingle, word_shingle=settings.word_shingle) if text else None


def judge(
    a: list[int], size_a: int | None, body_a: Body | None, b: list[int], size_b: int | None, body_b: Body | None,
    settings: NearDupSettings, *, same_text: bool = False,
) -> Verdict:
    """The score of a candidate pair: with ``verify`` and both texts at hand, the verified
    similarity of the texts (docpipe.neardup.verify) for pairs whose signature estimate of
    containment reaches VERIFY_FLOOR — 1 for the same body (equal content_hash, no text read);
    otherwise the signature estimate under ``measure``."""
    if settings.verify and same_text:
        return Verdict(1.0)
    if not settings.verify or body_a is None or body_b is None:
        return Verdict(pair_score(a, size_a, b, size_b, settings))
    if not needs_text(a, size_a, b, size_b):
        return Verdict(0.0)
    return compare(body_a, body_b)


def sketch(doc: StructuredDocument, settings: NearDupSettings) -> Sketch:
    folded = body_of(doc.text, settings)
    grams = folded.fresh_grams() if folded is not None else ()
    size = len(set(grams))  # distinct shingles
    if size < MIN_SHINGLES:
        return Sketch(doc.doc_id, None, ())
    # All the shingles, repeats too: each slot keeps its minimum, so a repeat changes nothing,
    # and hashing it costs less than making a de-duplicated copy.
    sig = signature_of(grams, settings.num_perm)
    bands, rows = band_params(settings)
    return Sketch(doc.doc_id, sig, tuple(band_keys(sig, bands, rows)), size, folded if settings.verify else None, doc.content_hash)


def bands_table(sketches: Sequence[Sketch], run_id: str) -> pa.Table:
    # Columns built in arrow/numpy (one Python string per document, not one per band row: a
    # batch of 200 has ~12,800 band rows).
    mine = [s for s in sketches if s.keys]
    counts = np.fromiter((len(s.keys) for s in mine), np.int64, len(mine))
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(mine)), counts)
    starts = np.cumsum(counts) - counts
    columns = {
        "key": pa.array(list(itertools.chain.from_iterable(s.keys for s in mine)), pa.int64()),
        "band": pa.array((np.arange(total) - starts[owner]).astype(np.int16)),
        "doc_id": pa.array([s.doc_id for s in mine], pa.string()).take(pa.array(owner)),
        "run_id": pa.repeat(pa.scalar(run_id, pa.string()), total),
    }
    schema = with_file_metadata(SCHEMAS[BANDS_TABLE], BANDS_TABLE)
    return pa.Table.from_arrays([columns[f.name].cast(f.type) for f in schema], schema=schema)


def _best(current: Match | None, candidate: Match) -> Match:
    return candidate if current is None or candidate.score > current.score else current


def committed_matches(
    storage: Storage, sketches: Sequence[Sketch], committed_runs: Sequence[str], settings: NearDupSettings
) -> dict[str, Match]:
    """doc_id → its closest committed near-duplicate's cluster (for the documents that have one)."""
    mine = [s for s in sketches if s.keys]
    if not mine or not committed_runs:
        return {}
    # The doc_id/run_id strings are read as dictionary indices: the filter on the batch's keys
    # runs inside the scan, and only the matching rows' ids are ever made into strings.
    dataset = open_dataset(storage, BANDS_TABLE, dictionary_columns=("doc_id", "run_id"))
    if dataset is None:
        return {}
    wanted = pa.array(sorted({k for s in mine for k in s.keys}), pa.int64())
    runs = pa.array(sorted(committed_runs), pa.string())
    hits = dataset.to_table(columns=["key", "doc_id", "run_id"], filter=pc.field("key").isin(wanted))
    hits = pa.table(
        {"key": hits.column("key"), "doc_id": hits.column("doc_id").cast(pa.string()), "run_id": hits.column("run_id").cast(pa.string())}
    )
    hits = hits.filter(pc.is_in(hits.column("run_id"), runs)).select(["key", "doc_id"])
    if hits.num_rows == 0:
        return {}
    ours = pa.table(
        {
            "key": pa.array([k for s in mine for k in s.keys], pa.int64()),
            "new_id": pa.array([s.doc_id for s in mine for _ in s.keys], pa.string()),
        }
    )
    pairs = ours.join(hits, "key", join_type="inner").select(["new_id", "doc_id"]).group_by(["new_id", "doc_id"]).aggregate([])
    by_new: dict[str, set[str]] = {}
    for new_id, old_id in zip(pairs.column("new_id").to_pylist(), pairs.column("doc_id").to_pylist()):
        if new_id != old_id:  # an earlier version of the same document is not a near-duplicate
            by_new.setdefault(new_id, set()).add(old_id)
    if not by_new:
        return {}
    olds = committed_signatures(storage, sorted(set().union(*by_new.values())), runs)
    bodies = committed_bodies(storage, mine, by_new, olds, runs, settings)
    found: dict[str, Match] = {}
    for s in mine:
        scored: list[Match] = []
        barred: set[str] = set()  # clusters holding a document this one is told apart from
        # Sorted: equal scores resolve to the same (smallest-id) root in every process.
        for old_id in sorted(by_new.get(s.doc_id, ())):
            old = olds.get(old_id)
            if old is None or old[0] is None or s.minhash is None:
                continue
            verdict = judge(
                s.minhash, s.size, s.body, old[0], old[2], bodies.get(old_id), settings, same_text=_same_text(s.content_hash, old[4])
            )
            root = old[1] or old_id
            if verdict.renumbered:
                barred.add(root)
            elif verdict.score >= settings.threshold:
                scored.append(Match(root, verdict.score))
        best = closest(scored, barred)
        if best is not None:
            found[s.doc_id] = best
    return found


def _same_text(a: str | None, b: str | None) -> bool:
    """Two bodies with the same content_hash are the same text: verified without reading it."""
    return a is not None and a == b


def needs_text(a: list[int], size_a: int | None, b: list[int] | None, size_b: int | None) -> bool:
    """Whether a candidate pair's signature estimate is high enough to verify it on the texts."""
    return b is not None and bool(size_a) and bool(size_b) and containment(similarity(a, b), size_a or 0, size_b or 0) >= VERIFY_FLOOR


def committed_bodies(
    storage: Storage, mine: Sequence[Sketch], by_new: dict[str, set[str]],
    olds: dict[str, tuple[list[int] | None, str | None, int | None, str | None, str | None]], runs: pa.Array,
    settings: NearDupSettings,
) -> dict[str, Body | None]:
    """The verification bodies of the committed candidates some document of the batch is to be
    verified against (their texts read from the files of their latest versions only)."""
    if not settings.verify:
        return {}
    wanted = sorted({
        old_id for s in mine if s.body is not None and s.minhash is not None
        for old_id in by_new.get(s.doc_id, ())
        if old_id in olds and not _same_text(olds[old_id][4], s.content_hash) and needs_text(s.minhash, s.size, olds[old_id][0], olds[old_id][2])
    })
    if not wanted:
        return {}
    texts = committed_signatures(storage, wanted, runs, text=True)
    return {d: body_of(v[3], settings) for d, v in texts.items()}


def closest(scored: Sequence[Match], barred: set[str]) -> Match | None:
    """The highest-scoring match (the first of equal ones) outside the barred clusters: a
    document does not join a cluster holding a document its numbering tells it apart from."""
    best: Match | None = None
    for match in scored:
        if match.root not in barred:
            best = _best(best, match)
    return best


def committed_signatures(
    storage: Storage, doc_ids: Sequence[str], runs: pa.Array, *, text: bool = False
) -> dict[str, tuple[list[int] | None, str | None, int | None, str | None, str | None]]:
    """doc_id → (minhash, near_dup_of, near_dup_size, text, content_hash) of the latest committed
    version of each doc_id given (text only when asked for: the verification's input; else None).

    The latest versions' files are found from the identity columns (cached per file, see
    docpipe.export.dataset.latest_version_files); only those files' signature columns (and the
    text of the rows asked for) are read."""
    files = latest_version_files(storage, doc_ids, runs.to_pylist())
    by_file: dict[str, list[str]] = {}
    for doc_id, path in files.items():
        by_file.setdefault(path, []).append(doc_id)
    columns = list(_SIGNATURE_COLUMNS) + (["text"] if text else [])
    schema = _TEXT_SCHEMA if text else _SIGNATURE_SCHEMA
    found: dict[str, tuple[list[int] | None, str | None, int | None, str | None, str | None]] = {}
    for path, ids in sorted(by_file.items()):
        table = pq.read_table(
            path,
            filesystem=storage.fs,
            columns=columns,
            schema=schema,  # a file written before near_dup_size reads it as null
            filters=pc.field("doc_id").isin(pa.array(sorted(ids), pa.string())) & pc.field("run_id").isin(runs),
        )
        table = latest_only(table)
        texts = table.column("text").to_pylist() if text else [None] * table.num_rows
        cols = ("doc_id", "minhash", "near_dup_of", "near_dup_size", "content_hash")
        for d, m, r, n, h, t in zip(*(table.column(c).to_pylist() for c in cols), texts):
            found[d] = (m, r, n, t, h)
    return found


_SIGNATURE_COLUMNS = ("doc_id", "minhash", "near_dup_of", "near_dup_size", "content_hash", "run_id", "ingested_at")
_SIGNATURE_SCHEMA = pa.schema([SCHEMAS["documents"].field(c) for c in _SIGNATURE_COLUMNS])
_TEXT_SCHEMA = pa.schema([SCHEMAS["documents"].field(c) for c in (*_SIGNATURE_COLUMNS, "text")])


# part-<run>-b<batch>-<writer>.parquet; the run part may itself contain "-b", and so may the
# writer token (hex), so the batch is the last "-b<digits>-" before the token.
_PART_NAME = re.compile(r"-b(\d+)-[0-9A-Za-z]+\.parquet$")


def _batch_no(path: str) -> int:
    """Batch number from a staged part file name (see DatasetWriter._file_rel)."""
    match = _PART_NAME.search(path.rpartition("/")[2])
    if match is None:
        raise ValueError(f"not a staged part file name: {path!r}")
    return int(match.group(1))


# -- between the run's batches ----------------------------------------------------------------
# A batch is matched, when it is staged, against the run's documents files staged before it (in
# run order: batch number, then file name) and within itself, so its near_dup columns are final
# when they are written: the commit re-writes no documents file of a run whose batches were staged
# in order. What the batch saw is recorded beside its files (JSON, which the commit never moves
# into the dataset), with its documents' committed matches; the commit resolves again — and
# re-writes the files whose values change — only from the first file whose record does not hold:
# a file that precedes it in run order was staged after it (batches in parallel), or a document
# was dropped at commit, or a committed match lost to a barred cluster (see stage_matches).
SETTLED_DIR = "_near_dup"
# A batch staged after more than this many documents files of its run leaves its matches with
# them to the commit: each batch reads the files before it, which grows with the square of the
# run's batches (32 files: 6,400 documents at the default batch size).
MAX_STAGED_FILES = 32


def _order_key(path: str) -> tuple[int, str]:
    """Run order of a staged part file: batch number, then path (as resolve_run has always sorted)."""
    return (_batch_no(path), path)


def settled_rel(staging: str, documents_rel: str) -> str:
    """Where the record of a staged documents file (relative to ``staging``) is kept."""
    name = documents_rel.rpartition("/")[2].removesuffix(".parquet")
    return f"{staging}/{SETTLED_DIR}/{name}.json"


def _f32(value: float) -> float:
    """The value as the documents table stores it (near_dup_score is float32)."""
    return struct.unpack("<f", struct.pack("<f", value))[0]


def _kept_value(best: Match | None, base: Match | None) -> Match | None:
    """What a document's near_dup columns hold: the committed match (``base``, as stored) unless the
    run's closest match differs from it (another root, or a score more than 1e-6 apart)."""
    if best is None or (base is not None and best.root == base.root and abs(best.score - base.score) <= 1e-6):
        return base
    return Match(best.root, _f32(best.score))


def _decide(
    doc_id: str,
    base: Match | None,
    sig: list[int] | None,
    size: int | None,
    others: Sequence[str],
    info: dict[str, tuple[list[int] | None, int | None, str | None]],
    digest: str | None,
    roots: dict[str, str],
    bodies: dict[str, Body | None],
    settings: NearDupSettings,
) -> Match | None:
    """The closest match of one document of the run: its committed one (``base``) or an earlier
    document of the run (``others``, in run order; ``roots`` gives their clusters' roots)."""
    scored = [base] if base is not None else []
    barred: set[str] = set()
    for other in others:
        other_sig, other_size, other_digest = info[other]
        if sig is None or other_sig is None:
            continue
        same = _same_text(digest, other_digest)
        verdict = judge(sig, size, bodies.get(doc_id), other_sig, other_size, bodies.get(other), settings, same_text=same)
        other_root = roots.get(other, other)
        if verdict.renumbered:
            barred.add(other_root)
        elif verdict.score >= settings.threshold:
            scored.append(Match(other_root, verdict.score))
    return closest(scored, barred)


def _earlier_peers(holder_sets: set[frozenset[str]], order: dict[str, tuple[int, str, int]], of: set[str]) -> dict[str, set[str]]:
    """doc_id (of ``of``) → the earlier documents of the run it is compared with: for each band key
    it shares, the MAX_PEERS_PER_KEY holders just before it in run order."""
    earlier: dict[str, set[str]] = {}
    for ids in holder_sets:
        members = sorted((d for d in ids if d in order), key=order.__getitem__)
        for i, doc_id in enumerate(members):
            if doc_id in of and i:
                earlier.setdefault(doc_id, set()).update(members[max(0, i - MAX_PEERS_PER_KEY) : i])
    return earlier


def _holder_sets(pairs: pa.Table) -> set[frozenset[str]]:
    """The distinct sets of documents holding one band key, for the keys held by more than one."""
    # Grouped after a count: most keys have one holder, and counting is ~7x cheaper than
    # grouping their ids into lists.
    counts = pc.value_counts(pairs.column("key"))
    repeated = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1))
    pairs = pairs.filter(pc.is_in(pairs.column("key"), repeated))
    groups = pairs.group_by("key").aggregate([("doc_id", "list")])
    groups = groups.filter(pc.greater(pc.list_value_length(groups.column("doc_id_list")), 1))
    # Each distinct set of holders once: most shared keys are one pair again, band after band
    # (16,304 shared keys, 307 distinct holder sets over the 1,000 bench_flow documents).
    return {frozenset(ids) for ids in groups.column("doc_id_list").to_pylist()}


def _staged_rows(
    storage: Storage, path: str, wanted: pa.Array | None
) -> list[tuple[int, str, list[int] | None, str | None, float | None, int | None, str | None]]:
    """(row, doc_id, minhash, near_dup_of, near_dup_score, near_dup_size, content_hash) of the rows
    of a staged documents file whose doc_id is in ``wanted`` (only those become Python values;
    None: every row)."""
    names = ("minhash", "near_dup_of", "near_dup_score", "near_dup_size", "content_hash")
    part = _read_staged(storage, path, ["doc_id", *names])
    if wanted is None:
        rows = list(range(part.num_rows))
    else:
        indices = pc.indices_nonzero(pc.is_in(part.column("doc_id"), wanted))
        part, rows = part.take(indices), indices.to_pylist()
    return list(zip(rows, *(part.column(c).to_pylist() for c in ("doc_id", *names))))


def _read_staged(storage: Storage, path: str, columns: list[str]) -> pa.Table:
    """Columns of one staged file of this run (one file, read directly: a third of the time of
    pq.read_table, which sets up a dataset for it)."""
    with storage.fs.open_input_file(path) as stream:
        return pq.ParquetFile(stream).read(columns=columns, use_threads=False)


def _staged_texts(storage: Storage, path: str, ids: set[str], settings: NearDupSettings) -> dict[str, Body | None]:
    part = _read_staged(storage, path, ["doc_id", "text"])
    part = part.filter(pc.is_in(part.column("doc_id"), pa.array(sorted(ids), pa.string())))
    return {d: body_of(t, settings) for d, t in zip(part.column("doc_id").to_pylist(), part.column("text").to_pylist())}


def stage_matches(
    storage: Storage,
    staging: str,
    documents_rel: str,
    sketches: Sequence[Sketch],
    bands: pa.Table,
    committed: dict[str, Match],
    settings: NearDupSettings,
) -> tuple[list[Match | None], str]:
    """The near_dup values of a batch about to be staged as ``documents_rel`` (relative to
    ``staging``), per sketch, and the record to stage beside it (JSON text).

    Its documents are matched against their committed matches (``committed``), the run's
    documents files that precede it in run order and are staged already (their near_dup
    columns final, as this batch's will be), and its own earlier documents — the same rule,
    and the same values, as resolve_run at commit. Only those files' band rows and the rows of
    the documents that share a key are read."""
    own_path = storage.path(f"{staging}/{documents_rel}")
    own_key = _order_key(own_path)
    files = sorted((f for f in storage.list_files(f"{staging}/documents") if _order_key(f.path) < own_key), key=lambda f: _order_key(f.path))
    seen = [storage.rel(f.path)[len(staging) + 1 :] for f in files]
    base = {d: Match(m.root, _f32(m.score)) for d, m in committed.items()}
    record: dict[str, object] = {"seen": seen, "committed": {d: [m.root, m.score] for d, m in sorted(base.items())}, "settled": True}
    values: dict[str, Match | None] = {s.doc_id: base.get(s.doc_id) for s in sketches}
    mine = [s for s in sketches if s.keys]
    if len(files) > MAX_STAGED_FILES:
        record["settled"] = False  # left to the commit
        mine = []
    own = {s.doc_id for s in mine}
    order: dict[str, tuple[int, str, int]] = {}
    info: dict[str, tuple[list[int] | None, int | None, str | None]] = {}
    roots: dict[str, str] = {}
    holder_sets: set[frozenset[str]] = set()
    where: dict[str, str] = {}  # earlier doc_id → its documents file
    if mine:
        pairs = [bands.select(["key", "doc_id"])]
        wanted = pc.unique(bands.column("key"))  # the batch's own keys
        band_dir = f"{staging}/{BANDS_TABLE}"
        present = {storage.rel(i.path)[len(band_dir) + 1 :] for i in storage.list_files(band_dir)}
        for f, rel in zip(files, seen):
            sub = rel.removeprefix("documents/")
            if sub not in present:
                continue  # a batch with no document long enough to have band keys
            hits = _read_staged(storage, storage.path(f"{band_dir}/{sub}"), ["key", "doc_id"])
            hits = hits.filter(pc.is_in(hits.column("key"), wanted))
            for doc_id in hits.column("doc_id").unique().to_pylist():
                where.setdefault(doc_id, f.path)
            pairs.append(hits)
        holder_sets = _holder_sets(pa.concat_tables(pairs))
        needed = set().union(*holder_sets) - own if holder_sets else set()
        by_file: dict[str, list[str]] = {}
        for doc_id in needed:
            by_file.setdefault(where[doc_id], []).append(doc_id)
        for path in sorted(by_file, key=_order_key):
            for row, doc_id, sig, root, _score, size, digest in _staged_rows(storage, path, pa.array(sorted(by_file[path]), pa.string())):
                if doc_id not in order:
                    order[doc_id] = (_batch_no(path), path, row)
                    info[doc_id] = (sig, size, digest)
                    if root is not None:
                        roots[doc_id] = root
    for position, s in enumerate(mine):
        order[s.doc_id] = (own_key[0], own_key[1], position)
        info[s.doc_id] = (s.minhash, s.size, s.content_hash)
    earlier = _earlier_peers(holder_sets, order, own)
    # The texts of the earlier documents some pair is verified on (the batch's own are at hand).
    bodies: dict[str, Body | None] = {s.doc_id: s.body for s in mine}
    if settings.verify:
        texts: dict[str, set[str]] = {}
        for s in mine:
            for other in earlier.get(s.doc_id, ()):
                if other not in own and s.minhash is not None and not _same_text(s.content_hash, info[other][2]) \
                        and needs_text(s.minhash, s.size, info[other][0], info[other][1]):
                    texts.setdefault(order[other][1], set()).add(other)
        for path, ids in sorted(texts.items()):
            bodies.update(_staged_texts(storage, path, ids, settings))
    for s in mine:
        others = sorted(earlier.get(s.doc_id, ()), key=order.__getitem__)
        best = _decide(s.doc_id, base.get(s.doc_id), s.minhash, s.size, others, info, s.content_hash, roots, bodies, settings)
        roots.pop(s.doc_id, None)
        if best is not None:
            roots[s.doc_id] = best.root
        elif s.doc_id in base:
            # A committed match barred by a document of the run: the columns keep the committed
            # match while later documents take this one as a root of its own (resolve_run's rule,
            # which the commit applies again from this file on).
            record["settled"] = False
        values[s.doc_id] = _kept_value(best, base.get(s.doc_id))
    return [values[s.doc_id] for s in sketches], json.dumps(record)


def _record(storage: Storage, staging: str, documents_rel: str) -> dict | None:
    """The record staged beside a documents file (None: a file staged without one)."""
    rel = settled_rel(staging, documents_rel)
    return json.loads(storage.read_text(rel)) if storage.exists(rel) else None


def unsettle(storage: Storage, staging: str, documents_rel: str) -> None:
    """Mark a staged documents file's near_dup columns as no longer final (its rows are about to
    change): the commit resolves the run's matches again from it on."""
    record = _record(storage, staging, documents_rel)
    if record is not None and record.get("settled"):
        storage.write_text(settled_rel(staging, documents_rel), json.dumps({**record, "settled": False}))


def resolve_run(storage: Storage, staging: str, settings: NearDupSettings) -> int:
    """Matches between this run's batches, at commit: rewrite the staged documents files whose
    near_dup_of / near_dup_score change. Returns the number of documents changed.

    The files whose records hold (see stage_matches) are final: when every one does, nothing
    else is read. From the first that does not, the run's own staged band keys and signatures
    are read (never the whole corpus); only documents that share a key with another document
    of the run are looked at, and only the files holding a changed document are rewritten."""
    doc_files = sorted(storage.list_files(f"{staging}/documents"), key=lambda f: _order_key(f.path))
    rels = [storage.rel(f.path)[len(staging) + 1 :] for f in doc_files]
    records = [_record(storage, staging, rel) for rel in rels]
    first = 0  # the first file whose near_dup columns may not be final
    while first < len(rels) and records[first] is not None and records[first]["settled"] and records[first]["seen"] == rels[:first]:
        first += 1
    if first == len(rels):
        return 0
    band_dir = f"{staging}/{BANDS_TABLE}"
    present = {i.path for i in storage.list_files(band_dir)}
    # The band keys of the staged documents files (not those of a killed attempt's orphans).
    band_paths = [p for p in (storage.path(f"{band_dir}/{rel.removeprefix('documents/')}") for rel in rels) if p in present]
    if not band_paths:
        return 0  # no document has band keys: every one holds its committed match
    bands = pa.concat_tables(_read_staged(storage, p, ["key", "doc_id"]) for p in band_paths)
    holder_sets = _holder_sets(bands)
    shared = set().union(*holder_sets) if holder_sets else set()

    # Run order and values: of the documents that share a key in the final files, of every
    # document in the others (staged values, and the committed matches their records keep).
    order: dict[str, tuple[int, str, int]] = {}
    info: dict[str, tuple[list[int] | None, int | None, str | None]] = {}
    roots: dict[str, str] = {}
    staged: dict[str, Match | None] = {}
    base: dict[str, Match | None] = {}
    wanted = pa.array(sorted(shared), pa.string())
    for i, (f, rel, record) in enumerate(zip(doc_files, rels, records)):
        final = i < first
        for row, doc_id, sig, root, score, size, digest in _staged_rows(storage, f.path, wanted if final else None):
            if doc_id in order:
                continue
            order[doc_id] = (_batch_no(f.path), f.path, row)
            info[doc_id] = (sig, size, digest)
            value = Match(root, float(score)) if root is not None and score is not None else None
            if final:
                if value is not None:
                    roots[doc_id] = value.root
                continue
            staged[doc_id] = value
            if record is None:  # staged without a record: its columns hold the committed match
                base[doc_id] = value
            else:
                kept = record["committed"].get(doc_id)
                base[doc_id] = Match(kept[0], float(kept[1])) if kept else None

    earlier = _earlier_peers(holder_sets, order, set(staged))
    bodies = staged_bodies(storage, order, info, earlier, settings)
    changed: dict[str, dict[int, Match | None]] = {}
    for doc_id in sorted(staged, key=order.__getitem__):
        sig, size, digest = info[doc_id]
        best = base[doc_id]
        if doc_id in shared:
            others = sorted(earlier.get(doc_id, ()), key=order.__getitem__)
            best = _decide(doc_id, base[doc_id], sig, size, others, info, digest, roots, bodies, settings)
        roots.pop(doc_id, None)
        if best is not None:
            roots[doc_id] = best.root
        value = _kept_value(best, base[doc_id])
        if value != staged[doc_id]:
            changed.setdefault(order[doc_id][1], {})[order[doc_id][2]] = value

    for path, updates in changed.items():
        _rewrite_matches(storage, path, updates)
    return sum(len(u) for u in changed.values())


def staged_bodies(
    storage: Storage,
    order: dict[str, tuple[int, str, int]],
    info: dict[str, tuple[list[int] | None, int | None, str | None]],
    earlier: dict[str, set[str]],
    settings: NearDupSettings,
) -> dict[str, Body | None]:
    """Verification bodies of the staged documents of a pair to be verified on the texts (read
    from only the staged files that hold them)."""
    if not settings.verify:
        return {}
    wanted: set[str] = set()
    for doc_id, others in earlier.items():
        sig, size, digest = info[doc_id]
        for other in others:
            if sig is not None and not _same_text(digest, info[other][2]) and needs_text(sig, size, info[other][0], info[other][1]):
                wanted.update((doc_id, other))
    by_file: dict[str, set[str]] = {}
    for doc_id in wanted:
        by_file.setdefault(order[doc_id][1], set()).add(doc_id)
    bodies: dict[str, Body | None] = {}
    for path, ids in sorted(by_file.items()):
        part = pq.read_table(path, filesystem=storage.fs, columns=["doc_id", "text"])
        for row, (doc_id, text) in enumerate(zip(part.column("doc_id").to_pylist(), part.column("text").to_pylist())):
            if doc_id in ids and order[doc_id][2] == row:
                bodies[doc_id] = body_of(text, settings)
    return bodies


def _rewrite_matches(storage: Storage, path: str, updates: dict[int, Match | None]) -> None:
    table = pq.read_table(path, filesystem=storage.fs)
    roots = table.column("near_dup_of").to_pylist()
    scores = table.column("near_dup_score").to_pylist()
    for row, match in updates.items():
        roots[row], scores[row] = (match.root, match.score) if match is not None else (None, None)
    schema = table.schema
    table = table.set_column(schema.get_field_index("near_dup_of"), schema.field("near_dup_of"), pa.array(roots, pa.string()))
    table = table.set_column(schema.get_field_index("near_dup_score"), schema.field("near_dup_score"), pa.array(scores, pa.float32()))
    storage.write_parquet(storage.rel(path), table, **parquet_options("documents"))
