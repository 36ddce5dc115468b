"""Configuration: one frozen Settings object, read from a TOML file, then overridden by
DOCPIPE_* environment variables (nested with '__', e.g. DOCPIPE_FETCH__TIMEOUT=10).

Settings are passed explicitly to every stage; there is no mutable module-level config.
Each field's description is the documentation users see in the README.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from docpipe.clean.html.settings import CleanSettings
from docpipe.errors import ConfigError

ENV_PREFIX = "DOCPIPE_"
# DOCPIPE_* variables that are not settings: the object store's endpoint (export/storage.py)
# and the Chromium binary the report tests and screenshots use (tests/report/chromium.py).
OTHER_ENV_VARIABLES = frozenset({"DOCPIPE_S3_ENDPOINT", "DOCPIPE_CHROMIUM"})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FetchSettings(_Frozen):
    user_agent: str = Field(
        "docpipe/0.1 (+https://example.invalid/docpipe)",
        description="User-Agent header and the agent name matched against robots.txt",
    )
    timeout: float = Field(20.0, gt=0, description="seconds for connect/read of one request")
    total_timeout: float = Field(
        120.0, gt=0, description="seconds for a whole response, body included (stops slow drips)"
    )
    max_bytes: int = Field(
        20_000_000, gt=0, description="largest body accepted, counted after decompression"
    )
    max_redirects: int = Field(10, ge=0, description="redirects followed before redirect_loop")
    retries: int = Field(3, ge=0, description="retries on timeouts, connection errors, 429 and 5xx")
    backoff_base: float = Field(0.5, ge=0, description="first retry delay in seconds; doubles each try")
    backoff_max: float = Field(60.0, ge=0, description="longest delay between retries, Retry-After included")
    concurrency: int = Field(16, ge=1, description="requests in flight across all hosts")
    per_host_concurrency: int = Field(2, ge=1, description="requests in flight to one host")
    per_host_delay: float = Field(1.0, ge=0, description="minimum seconds between requests to one host")
    respect_robots: bool = Field(True, description="obey robots.txt (Disallow and Crawl-delay)")
    max_crawl_delay: float = Field(
        30.0, ge=0, description="longest robots.txt Crawl-delay honoured (seconds); longer ones are capped"
    )
    state_dir: str | None = Field(
        None,
        description="where fetch state (ETag, Last-Modified, hashes) lives when `out` is s3://; "
        "default: $XDG_CACHE_HOME/docpipe (~/.cache/docpipe). Local outs keep it in OUT/_state",
    )
    allowed_content_types: tuple[str, ...] = Field(
        ("text/html", "application/xhtml+xml", "text/plain"),
        description="media types fetched; others are rejected as not_html",
    )


class SourceConfig(_Frozen):
    """One entry of [[sources]] in the TOML config."""

    kind: Literal["urls", "sitemap", "feed", "listing", "path", "warc"] = Field(
        description="what `location`/`urls` point at"
    )
    urls: tuple[str, ...] = Field((), description="for kind=urls: the URLs")
    location: str | None = Field(None, description="sitemap/feed/listing URL, local path or WARC file")
    link_pattern: str | None = Field(None, description="listing: regex a followed link must match")
    article_pattern: str | None = Field(
        None, description="listing: regex of links that are documents (others are only followed)"
    )
    max_depth: int = Field(2, ge=0, description="listing: link hops from the start page")
    max_pages: int = Field(1000, ge=1, description="listing/sitemap/feed: most URLs taken from this source")
    allowed_domains: tuple[str, ...] = Field(
        (), description="listing: hosts links may lead to, subdomains included (empty: the start page's host)"
    )
    timezone: str | None = Field(
        None,
        description="IANA zone of this source's pages (Asia/Shanghai): a publication time the page states "
        "without a zone is read in it; unset: inferred from the page's language and region",
    )


    @model_validator(mode="after")
    def _usable(self) -> SourceConfig:
        """Catch at load what would otherwise fail mid-run: a missing location, a bad regex."""
        if self.kind == "urls" and not self.urls:
            raise ValueError("kind = 'urls' needs a non-empty `urls` list")
        if self.kind != "urls" and not self.location:
            raise ValueError(f"kind = '{self.kind}' needs `location`")
        if self.timezone is not None:
            from docpipe.dates import check_zone

            check_zone(self.timezone)
        for name in ("link_pattern", "article_pattern"):
            pattern = getattr(self, name)
            if pattern is not None:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(f"`{name}` is not a valid regular expression: {exc}") from exc
        return self


class NearDupSettings(_Frozen):
    """[near_dup]: near-duplicate clusters across sites and runs (docpipe.neardup)."""

    enabled: bool = Field(True, description="compute signatures, band keys and clusters for every new document")
    threshold: float = Field(
        0.8, gt=0, lt=1,
        description="similarity (see `measure`) of the shingle sets at or above which two documents are near-duplicates",
    )
    measure: Literal["containment", "jaccard"] = Field(
        "containment",
        description="containment: the share of the smaller text's shingles found in the other (a copy with a "
        "paragraph added or cut, or one site's excerpt of another's page, still scores high); jaccard: "
        "shared shingles over all shingles of both",
    )
    min_size_ratio: float = Field(
        0.45, gt=0, le=1,
        description="containment only: the smaller text must have at least this share of the larger's shingles "
        "(a short text inside a long one is a quotation, not a copy); pairs below it are scored by Jaccard. "
        "Lower values need more LSH bands (0.45 at threshold 0.8: 64 bands of 2 rows)",
    )
    verify: bool = Field(
        True,
        description="decide each candidate on the two texts (docpipe.neardup.verify): the share of the compared "
        "span covered by the other text's shingles, leaving out what one side holds beyond the other's cut "
        "point, and 0 when a numbered heading carries another number; false: the signature estimate under `measure`",
    )
    num_perm: int = Field(
        128, ge=16, le=1024,
        description="MinHash signature length; changing it (or the shingles) makes earlier signatures incomparable",
    )
    shingle: int = Field(5, ge=1, le=32, description="characters per shingle for Chinese (mainly CJK) text")
    word_shingle: int = Field(3, ge=1, le=16, description="words per shingle for other text")


class StructureSettings(_Frozen):
    """Thresholds of the structure stage (`[structure]` table), grouped by the pass that reads them.
    Each field gives the case behind its value (tuned on the tuning parts of the real scraped sets,
    never per site)."""

    # -- 目录/提纲 blocks (docpipe.structure.toc) ---------------------------------------------------
    toc_min_entries: int = Field(
        2, ge=1,
        description="toc: a 目录/提纲/目次 line heads a table of contents when at least this many entry "
        "lines (numbered, or ending in a page number) follow it",
    )
    toc_run_min_entries: int = Field(
        4, ge=2,
        description="toc: a table of contents without its 目录 line is a run of at least this many short "
        "numbered lines with no body between them (an 应急预案's 1 总则 … 8.2预案实施 above its body)",
    )
    toc_entry_max_chars: int = Field(
        40, ge=1,
        description="toc: an entry of such a run is at most this long (dotted leaders and page number "
        "left out); a longer numbered line is a heading with its lead sentence",
    )
    toc_unnumbered_max_chars: int = Field(
        20, ge=1,
        description="toc: an unnumbered line inside the run (a chapter name without its number) is at "
        "most this long",
    )
    toc_min_recurring: int = Field(
        2, ge=1,
        description="toc: the run is a table of contents when its first entry recurs below it as a line "
        "of the body, or at least this many of its entries do (excerpts are often cut soon after the "
        "table); a run that never recurs (a 主持词 agenda) stays",
    )
    toc_key_min_chars: int = Field(
        3, ge=1,
        description="toc: entries are compared with the body's lines on at least this many characters "
        "(not '1 总' against any line opening '1 总')",
    )

    # -- hard-wrapped text scrapes (docpipe.clean.text._rejoin_hard_wraps) ----------------------------
    # The case: a document site's PDF extraction that breaks lines around every run of Latin letters and
    # digits ("XX" / "镇" / "2023" / "年政府工作报告"; baijiadoc.com in tests/fixtures/structure_real_4 tuning).
    hard_wrap_min_lines: int = Field(
        12, ge=1,
        description="hard wraps: a text is looked at as hard-wrapped only with at least this many non-empty lines",
    )
    hard_wrap_short_chars: int = Field(
        4, ge=1,
        description="hard wraps: a line this long or shorter is a wrapped fragment (\"XX\", \"镇\", \"2023\")",
    )
    hard_wrap_min_share: float = Field(
        0.3, ge=0, le=1,
        description="hard wraps: … and at least this share of the non-empty lines are such short fragments",
    )
    hard_wrap_min_cut_clauses: int = Field(
        4, ge=0,
        description="hard wraps: … and at least this many lines break off inside a sentence after a comma "
        "(\"现在,我代表\"); a forum's user card of short label and count lines has none, and stays as it is",
    )
    hard_wrap_salutation_chars: int = Field(
        20, ge=1,
        description="hard wraps: a line at most this long ending in a colon is a salutation (\"各位代表:\") and "
        "is not joined to the line above",
    )

    # -- title of a text without markup (docpipe.structure.title, docpipe.structure) -----------------
    title_head_lines: int = Field(
        12, ge=1, description="title: the title is looked for among this many non-empty lines from the top of the text",
    )
    title_max_chars: int = Field(
        80, ge=1, description="title: a title line is at most this long (a longer line is body text)",
    )
    title_join_lines: int = Field(
        3, ge=1,
        description="title: a title broken over line breaks is joined when its 关于 line is at most this many "
        "title-like lines above the line naming the 文种",
    )
    title_issuer_max_chars: int = Field(
        30, ge=1,
        description="title: issuer lines above a joint title (郴州市中级人民法院 / 郴州市人民检察院 / 关于…的通告) "
        "are organisation names at most this long",
    )
    title_glued_chars: int = Field(
        100, ge=1,
        description="title: where line breaks were lost, the title is looked for in this many first characters "
        "(…的实施意见 浙政发[2009]69号 …)",
    )
    title_watermark_chars: int = Field(
        80, ge=1,
        description="title: a site's watermark glued before a title that lost its line breaks (its domain or URL, "
        "then sentences: '二心语文}创%素材[库:https://www.xinyuwenchuang.cn/。公众@号:笔杆子星域。整理汇总。XX镇2023年"
        "政府工作报告各位代表:…', structure_real_8 tuning) is at most this long; the title runs from its last "
        "sentence end to the salutation",
    )
    title_form_label_chars: int = Field(
        4, ge=0,
        description="title: a line ending in a colon ends the head (the salutation or 主送 line is below the "
        "title), except a form label of at most this many characters above the title of a government form page (主题:)",
    )
    title_section_name_chars: int = Field(
        6, ge=1,
        description="title: a line naming only its 文种 and at most this long (心得体会, 重要通告) is a category or "
        "section label when another title-like line follows it",
    )
    title_clause_chars: int = Field(
        40, ge=1,
        description="title: a line longer than this in more than title_max_commas comma-separated clauses is a "
        "body sentence that lost its 。, not a title",
    )
    title_max_commas: int = Field(1, ge=0, description="title: see title_clause_chars")
    title_copy_prefix: int = Field(
        4, ge=1,
        description="title: a page headline glued to the document's own title line is told by the title's first "
        "this many characters recurring (县长在…讲话县长在…的讲话)",
    )
    title_fallback_min_chars: int = Field(
        8, ge=1,
        description="title: a title-like line that names no 文种 is a title only with at least this many "
        "ideographs (letters in a line without any): site names (小伞文学网), authors and widget labels are "
        "shorter; the real scraped sets' titles without a 文种 word have 14-23 …",
    )
    title_alone_min_chars: int = Field(
        5, ge=1,
        description="title: … except a line alone above the body, a title with at least this many ideographs "
        "(an essay's 秋日里的老街); among several short lines (site name, author, slogan) none is the title",
    )
    title_fallback_body_lines: int = Field(
        6, ge=1, description="title: … and when a longer line follows within this many lines",
    )
    title_first_line_max_chars: int = Field(
        60, ge=1,
        description="structure: with no title from the page, a first line naming its 文种 is the title when at "
        "most this long and not a sentence",
    )
    title_repeat_window: int = Field(
        4, ge=1,
        description="structure: the title may be repeated among this many first blocks (after the 版头 "
        "XX文件 and the 文号), and a —— subtitle is looked for there",
    )


class Settings(_Frozen):
    out: str = Field("outputs", description="dataset root: a folder or s3://bucket/prefix")
    batch_size: int = Field(200, ge=1, description="documents per Prefect task run")
    workers: int = Field(2, ge=1, description="batches in flight at once (threads, or Dask tasks)")
    profiles: str | None = Field(
        None,
        description="TOML of per-domain CSS selectors (optional; docpipe/clean/profiles.py): pages "
        "are matched by URL, local files by their canonical URL",
    )
    schedule: str | None = Field(
        None,
        description="cron expression for `docpipe serve` (5 fields; a 6th field counts seconds)",
    )
    dask_address: str | None = Field(
        None,
        description="run batches on Dask: a scheduler address (tcp://host:8786), or `local` for a "
        "LocalCluster of `workers` processes; unset: threads of the flow process",
    )
    wait_for_lock: float = Field(
        0.0, ge=0, description="seconds a run waits for another run's writer lease on the same local `out` before it stops"
    )
    writer_lease: bool = Field(
        True, description="take the writer lease of a local `out` (false: only the commit's re-check guards against duplicates)"
    )
    fetch: FetchSettings = FetchSettings()
    clean: CleanSettings = Field(
        CleanSettings(),
        description="thresholds of HTML main-content detection (`[clean]` table; each field's "
        "case is in docpipe/clean/html/settings.py)",
    )
    structure: StructureSettings = Field(
        StructureSettings(),
        description="thresholds of the structure stage (`[structure]` table; each field gives its case)",
    )
    near_dup: NearDupSettings = NearDupSettings()
    sources: tuple[SourceConfig, ...] = ()

    def timezone_for(self, source: str, url: str | None = None) -> str | None:
        """The configured `timezone` of the [[sources]] entry a document came from: the entry
        listing it (urls, location), else the one whose location host or allowed_domains hold
        its host; None when no entry with a timezone matches."""
        host = _host(url or source)
        for cfg in self.sources:
            if cfg.timezone is None:
                continue
            if source in cfg.urls or (url and url in cfg.urls) or (cfg.location and source.startswith(cfg.location)):
                return cfg.timezone
            hosts = {h for h in (_host(cfg.location), *(_host(u) for u in cfg.urls)) if h} | {d.lower() for d in cfg.allowed_domains}
            if host and any(host == h or host.endswith("." + h) for h in hosts):
                return cfg.timezone
        return None


def _host(value: str | None) -> str | None:
    if not value or "://" not in value:
        return None
    return value.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower().removeprefix("www.") or None


def _env_overrides(environ: dict[str, str]) -> dict[str, Any]:
    """DOCPIPE_BATCH_SIZE=50 -> {"batch_size": "50"}; DOCPIPE_FETCH__TIMEOUT=5 -> nested.

    Variables of other parts of docpipe (OTHER_ENV_VARIABLES) are left alone; any other
    DOCPIPE_* variable that names no setting is a ConfigError, as an unknown config-file key
    is: a misspelt DOCPIPE_BATCH_SISE=10 must not run with the default silently.
    """
    tree: dict[str, Any] = {}
    for key, value in environ.items():
        if not key.startswith(ENV_PREFIX) or key in OTHER_ENV_VARIABLES:
            continue
        path = key[len(ENV_PREFIX):].lower().split("__")
        if path[0] not in Settings.model_fields:
            allowed = ", ".join(ENV_PREFIX + name.upper() for name in Settings.model_fields)
            raise ConfigError(f"environment {key}: names no setting; settings: {allowed} (nested with __)")
        node = tree
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return tree


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_settings(
    path: str | Path | None = None,
    *,
    overrides: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """TOML file < environment < explicit overrides (command-line options)."""
    data: dict[str, Any] = {}
    if path is not None:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file {p} does not exist") from exc
        except IsADirectoryError as exc:  # `--config` given the folder that holds the TOML file
            raise ConfigError(f"config file {p} is a directory, not a TOML file") from exc
        except UnicodeDecodeError as exc:  # TOML is UTF-8 (a GBK-saved file, a binary by mistake)
            raise ConfigError(f"config file {p} is not UTF-8 text (TOML must be UTF-8): {exc.reason} at byte {exc.start}") from exc
        except OSError as exc:  # unreadable: permissions, a broken mount
            raise ConfigError(f"config file {p} cannot be read: {exc.strerror or exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {p} is not valid TOML: {exc}") from exc
    data = _merge(data, _env_overrides(dict(os.environ if environ is None else environ)))
    data = _merge(data, overrides or {})
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        env = _env_overrides(dict(os.environ if environ is None else environ))
        lines = [_error_line(error, path, env, overrides or {}) for error in exc.errors()]
        raise ConfigError("\n".join(lines)) from None  # no pydantic dump, no traceback chain
    if settings.profiles:
        # A missing file or a bad selector stops the run here, before any work.
        from docpipe.clean.profiles import load_profiles

        load_profiles(settings.profiles)
    return settings


def _key_name(loc: tuple[Any, ...]) -> str:
    """('sources', 0, 'kind') -> 'sources[1].kind' (counting from 1, as a reader counts tables)."""
    name = ""
    for part in loc:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The settings model that holds the last key of `loc` (for the list of allowed keys)."""
    model: type[BaseModel] = Settings
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        inner = getattr(field, "annotation", None) if field else None
        inner = getattr(inner, "__args__", (inner,))[0] if inner is not None and not isinstance(inner, type) else inner
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            return None
        model = inner
    return model


def _origin(loc: tuple[Any, ...], path: str | Path | None, env: dict[str, Any], overrides: dict[str, Any]) -> str:
    """Where the bad value came from: an option, a DOCPIPE_* variable, or the config file."""
    keys = [k for k in loc if not isinstance(k, int)]
    if keys and keys[0] in overrides and len(keys) == 1:
        return f"option --{keys[0].replace('_', '-')}"
    node: Any = env
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            break
        node = node[key]
    else:
        return "environment " + ENV_PREFIX + "__".join(k.upper() for k in keys)
    return f"config file {path}" if path else "settings"


def _error_line(error: Any, path: str | Path | None, env: dict[str, Any], overrides: dict[str, Any]) -> str:
    """One line per bad field: where, which key, what was wrong, what is allowed."""
    loc = tuple(error["loc"])
    key = _key_name(loc) or "(top level)"
    where = _origin(loc, path, env, overrides)
    kind = error["type"]
    if kind == "extra_forbidden":
        model = _model_at(loc)
        allowed = f"; allowed keys: {', '.join(model.model_fields)}" if model else ""
        return f"{where}: {key}: unknown key{allowed}"
    if kind == "missing":
        return f"{where}: {key}: required, but not given"
    message = str(error["msg"]).removeprefix("Value error, ")
    message = message[:1].lower() + message[1:]
    if kind == "value_error":  # a model validator: its message names the keys itself
        return f"{where}: {key}: {message}"
    shown = repr(error.get("input"))
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return f"{where}: {key} = {shown}: {message.removeprefix('input ')}"
