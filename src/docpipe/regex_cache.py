"""The `re` module, with compiled patterns kept from one process to the next.

`re.compile` parses a pattern and compiles it to the regex engine's code in Python: for the
~300 patterns docpipe compiles at import (301 on 2026-12-02, plus 22 derived values) that was the largest part of `docpipe extract`'s
start-up (≈ 0.1 s of CPU on a quiet machine, 0.2 s under load). The code depends only on the
pattern, its flags and the interpreter, so it is kept in a file beside this module's bytecode
and handed back to the engine (`_sre.compile`, what `re.compile` calls last) in the next
process. The file follows the rules of a .pyc: it is written (at exit, when a pattern was not in
it) only where bytecode is written, it is read only by the interpreter build that wrote it, and
a missing, stale or unreadable file costs the compilation it would have saved, nothing more.

`compile(pattern, flags)` gives a pattern equal to `re.compile(pattern, flags)` (Pattern
equality compares the engine code, flags and pattern text); every other name is `re`'s own,
so a module imports this one as `re` and reads as it did.
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
from importlib.util import cache_from_source
from re import *  # noqa: F401,F403 - this module stands in for `re`
from re import Match, Pattern, RegexFlag  # noqa: F401 - (not in re.__all__ of every version)
from re import compile as _re_compile
from collections.abc import Callable
from typing import Any

import _sre
from re import _compiler, _parser

__all__ = ["compile", "derived"]

# What the engine code depends on besides the pattern: a file written by another interpreter
# build is not read.
_STAMP = (sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)
# The interpreter versions whose re._compiler.compile this module repeats step by step (its
# last call, _sre.compile, takes the same arguments there); on any other, compile is re's own.
_SUPPORTED = sys.version_info[:2] in ((3, 11), (3, 12), (3, 13))
# Flags re.compile treats apart (debug output, the deprecated TEMPLATE flag): passed to it.
_SPECIAL_FLAGS = _compiler.SRE_FLAG_DEBUG | getattr(_compiler, "SRE_FLAG_TEMPLATE", 0)
# Entries the file keeps at most: the ones used by the writing process always, those of earlier
# processes (other commands use other modules' patterns) while there is room. It also bounds
# what a process records in _used: a long-running `docpipe serve` that compiled patterns built
# at run time would otherwise keep every one of them (their engine code) for the file.
MAX_ENTRIES = 4096

# (pattern, flags) -> (flags, code, groups, groupindex, indexgroup): _sre.compile's arguments
Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
_stored: dict[tuple[str, int], Entry] | None = None
_used: dict[tuple[str, int], Entry] = {}
_missed = False


def cache_path() -> str | None:
    """The cache file: beside this module's .pyc (sys.pycache_prefix respected)."""
    try:
        pyc = cache_from_source(__file__)
    except (NotImplementedError, ValueError):  # no bytecode cache for this interpreter
        return None
    return pyc.removesuffix(".pyc") + ".regex"


def _load() -> dict[tuple[str, int], Entry]:
    path = cache_path()
    if path is None:
        return {}
    try:
        with open(path, "rb") as fh:
            # (read whole, then decoded: marshal.load on the file reads it object by object,
            # 70-100 ms for the 0.5 MB of ~300 patterns, against 2 ms this way)
            stamp, entries = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if stamp == _STAMP and isinstance(entries, dict) else {}


def _compiled_form(pattern: str, flags: int) -> Entry:
    """What re._compiler.compile passes to _sre.compile, as plain values marshal can store."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | p.state.flags), [int(c) for c in code], p.state.groups - 1, groupindex, tuple(indexgroup)


def compile(pattern: Any, flags: int | RegexFlag = 0) -> Pattern[Any]:  # noqa: A001 - re's name
    """re.compile, from the compiled form kept by an earlier process when there is one."""
    global _stored
    flags = int(flags)
    if not _SUPPORTED or not isinstance(pattern, str) or flags & _SPECIAL_FLAGS:
        return _re_compile(pattern, flags)
    if _stored is None:
        _stored = _load()
    key = (pattern, flags)
    entry = _stored.get(key)
    if entry is not None:
        try:
            compiled = _sre.compile(pattern, *entry)
        except (RuntimeError, TypeError, ValueError, OverflowError):  # a damaged entry
            entry = None
        else:
            _record(key, entry)
            return compiled
    entry = _compiled_form(pattern, flags)  # raises re.error as re.compile does
    _note_missing()
    _record(key, entry)
    return _sre.compile(pattern, *entry)


def _record(key: tuple[Any, ...], entry: Any) -> None:
    """Keep an entry for the file, up to MAX_ENTRIES (past that a pattern is compiled, not kept)."""
    if key in _used or len(_used) < MAX_ENTRIES:
        _used[key] = entry


def derived(kind: str, pattern: Pattern[str], derive: Callable[[], Any]) -> Any:
    """A value computed from a pattern (e.g. its character gate, docpipe/pattern_gate.py), kept
    in the same file under (kind, pattern text, flags). `kind` names the derivation and must
    change with its code (pattern_gate passes a hash of its source), so a value computed by
    other code is never read; the value must be marshal-able (tuples, frozensets, str, bool)."""
    global _stored
    if not _SUPPORTED or not isinstance(pattern.pattern, str):
        return derive()
    if _stored is None:
        _stored = _load()
    key = (kind, pattern.pattern, int(pattern.flags))
    value = _stored.get(key)
    if value is None:
        value = derive()
        _note_missing()
    _record(key, value)
    return value


def _note_missing() -> None:
    global _missed
    if not _missed:
        _missed = True
        atexit.register(_save)


def _save() -> None:
    """Write the compiled forms used (and, room permitting, those kept before) at exit."""
    path = cache_path()
    if path is None or sys.dont_write_bytecode:
        return
    entries = dict(_used)
    for key, entry in (_stored or {}).items():
        if len(entries) >= MAX_ENTRIES:
            break
        entries.setdefault(key, entry)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(marshal.dumps((_STAMP, entries)))
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
