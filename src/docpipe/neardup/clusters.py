"""``latest/clusters.parquet``: one row per near-duplicate cluster of the latest versions.

Written by ``docpipe compact`` beside ``latest/documents.parquet``. A cluster's id is the
doc_id of its earliest member (``coalesce(near_dup_of, doc_id)`` of every member); a document
without near-duplicates is a cluster of one, so the row count is the number of distinct
documents. Sites are URL hosts (the site name when a document has no URL).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.compute as pc

from docpipe.export.schemas import CLUSTERS


def site_of(url: str | None, site_name: str | None) -> str | None:
    """The site a document was found on: its URL's host (without www.), else its site name."""
    host = urlsplit(url).hostname if url and "://" in url else None
    if host:
        return host[4:] if host.startswith("www.") else host
    return site_name or None


def clusters_table(latest: pa.Table, first_seen: dict[str, datetime]) -> pa.Table:
    """Clusters of ``latest`` (doc_id, url, site_name, near_dup_of of the latest versions);
    ``first_seen`` maps doc_id → the ingested_at of its first committed version."""
    ids = latest.column("doc_id").to_pylist()
    roots = pc.coalesce(latest.column("near_dup_of"), latest.column("doc_id")).to_pylist()
    sites = [site_of(u, s) for u, s in zip(latest.column("url").to_pylist(), latest.column("site_name").to_pylist())]
    members: dict[str, list[str]] = {}
    cluster_sites: dict[str, set[str]] = {}
    for doc_id, root, site in zip(ids, roots, sites):
        members.setdefault(root, []).append(doc_id)
        if site:
            cluster_sites.setdefault(root, set()).add(site)
    order = sorted(members, key=lambda r: (min(first_seen[d] for d in members[r]), r))
    columns = {
        "cluster_id": order,
        "size": [len(members[r]) for r in order],
        "sites": [sorted(cluster_sites.get(r, ())) for r in order],
        "first_seen": [min(first_seen[d] for d in members[r]) for r in order],
        "doc_ids": [sorted(members[r], key=lambda d: (first_seen[d], d)) for r in order],
    }
    return pa.Table.from_arrays([pa.array(columns[f.name], type=f.type) for f in CLUSTERS], schema=CLUSTERS)
