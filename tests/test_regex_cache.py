"""docpipe.regex_cache: a pattern rebuilt from the kept compiled form is the pattern re.compile
builds, for every pattern the package compiles through it (the modules that import it as `re`,
patterns inside tuples included, with the flags they are compiled with): the file one process
writes gives the next process exactly the arguments re's own compiler hands the engine. A file
from another interpreter build, a damaged one, or a place where it cannot be written is not used."""

from __future__ import annotations

import json
import marshal
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from docpipe import patterns, regex_cache
from tests.conftest import REPO

ALL_PATTERNS = [(name, value) for name, value in vars(patterns).items() if isinstance(value, re.Pattern)]
needs_support = pytest.mark.skipif(not regex_cache._SUPPORTED, reason="regex_cache falls back to re.compile here")


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache in tmp_path, restored afterwards."""
    path = tmp_path / "patterns.regex"
    monkeypatch.setattr(regex_cache, "cache_path", lambda: str(path))
    monkeypatch.setattr(regex_cache, "_stored", None)
    monkeypatch.setattr(regex_cache, "_used", {})
    monkeypatch.setattr(regex_cache, "_missed", True)  # (no atexit registration from tests)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


def _reload() -> None:
    regex_cache._stored = None
    regex_cache._used = {}


@needs_support
def test_every_pattern_of_the_module_comes_back_equal_from_the_file(cache_file: Path) -> None:
    assert ALL_PATTERNS
    for _, value in ALL_PATTERNS:
        assert regex_cache.compile(value.pattern, value.flags) == re.compile(value.pattern, value.flags)
    regex_cache._save()
    _reload()
    for name, value in ALL_PATTERNS:
        again = regex_cache.compile(value.pattern, value.flags)
        assert again == value, name
        assert (again.groups, again.groupindex) == (value.groups, value.groupindex), name
    # all of them (bytes patterns are re.compile's alone) were read from the file
    assert set(regex_cache._stored or {}) >= {(v.pattern, int(v.flags)) for _, v in ALL_PATTERNS if isinstance(v.pattern, str)}


@needs_support
def test_a_file_of_another_interpreter_build_is_ignored(cache_file: Path) -> None:
    pattern = patterns.STRUCT_DOC_NUMBER
    stale = (("another build",), {(pattern.pattern, int(pattern.flags)): (0, [0], 0, {}, ())})
    cache_file.write_bytes(marshal.dumps(stale))
    assert regex_cache.compile(pattern.pattern, pattern.flags) == pattern


@needs_support
def test_a_damaged_entry_or_file_costs_only_the_compilation(cache_file: Path) -> None:
    pattern = patterns.STRUCT_DOC_NUMBER
    key = (pattern.pattern, int(pattern.flags))
    cache_file.write_bytes(marshal.dumps((regex_cache._STAMP, {key: (int(pattern.flags), [1, 2, 3], 0, {}, ())})))
    assert regex_cache.compile(pattern.pattern, pattern.flags) == pattern
    _reload()
    cache_file.write_bytes(b"not marshal data")
    assert regex_cache.compile(pattern.pattern, pattern.flags) == pattern


def test_bad_patterns_fail_as_in_re_and_other_names_are_res() -> None:
    with pytest.raises(re.error):
        regex_cache.compile("(unclosed")
    assert regex_cache.IGNORECASE is re.IGNORECASE and regex_cache.escape is re.escape
    compiled = re.compile("a+")
    assert regex_cache.compile(compiled) is compiled


# The modules that compile their patterns through regex_cache (they import it as `re`).
USERS = sorted(
    ".".join(path.relative_to(REPO / "src").with_suffix("").parts).removesuffix(".__init__")
    for path in (REPO / "src" / "docpipe").rglob("*.py")
    if "from docpipe import regex_cache as re" in path.read_text(encoding="utf-8")
)
# A fresh process: the cache file put where the test says, the USERS imported (their patterns
# compiled through regex_cache), the keys compiled and whether any was missing from the file.
_PROCESS = """
import importlib, json, sys
sys.dont_write_bytecode = False
from docpipe import regex_cache
regex_cache.cache_path = lambda: sys.argv[1]
for name in sys.argv[2:]:
    importlib.import_module(name)
print(json.dumps({"keys": sorted(regex_cache._used), "missed": regex_cache._missed}))
"""


def _run(path: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", _PROCESS, str(path), *USERS], capture_output=True, text=True,
                         cwd=REPO, timeout=600, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def _engine_arguments(pattern: str, flags: int) -> tuple[Any, ...]:
    """What re's own compiler passes to _sre.compile for the pattern (past re's cache)."""
    from re import _compiler

    seen: list[tuple[Any, ...]] = []
    real = _compiler._sre

    class Spy:
        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        @staticmethod
        def compile(*args: Any) -> Any:
            seen.append(args)
            return real.compile(*args)

    _compiler._sre = Spy()  # type: ignore[assignment]
    try:
        _compiler.compile(pattern, flags)
    finally:
        _compiler._sre = real
    (args,) = seen
    return args[1], list(args[2]), args[3], dict(args[4]), tuple(args[5])


@needs_support
def test_the_file_one_process_writes_gives_the_next_every_pattern_as_re_compiles_it(tmp_path: Path) -> None:
    assert "docpipe.patterns" in USERS and len(USERS) >= 2
    path = tmp_path / "patterns.regex"
    first = _run(path)
    assert first["missed"] and path.is_file()
    second = _run(path)
    assert not second["missed"]  # every pattern came from the file
    # (compiled forms are kept under (pattern, flags); values derived from patterns, such as
    # pattern_gate's gates, under (kind, pattern, flags))
    keys = [(key[0], key[1]) for key in second["keys"] if len(key) == 2]
    assert keys == [(key[0], key[1]) for key in first["keys"] if len(key) == 2]
    assert [k for k in second["keys"] if len(k) == 3] == [k for k in first["keys"] if len(k) == 3]
    # every pattern object of docpipe.patterns, those inside tuples too, was compiled through it
    compiled = set(keys)
    nested = [v for value in vars(patterns).values() if isinstance(value, tuple)
              for item in value for v in (item if isinstance(item, tuple) else (item,)) if isinstance(v, re.Pattern)]
    assert nested
    for value in [*(v for _, v in ALL_PATTERNS), *nested]:
        if isinstance(value.pattern, str):
            assert any(pattern == value.pattern for pattern, _ in compiled), value.pattern[:60]
    stamp, stored = marshal.loads(path.read_bytes())
    assert stamp == regex_cache._STAMP
    for pattern, flags in keys:
        entry = stored[(pattern, flags)]
        # the same arguments re's compiler gives the engine (code, flags, groups, both group maps) ...
        assert tuple(entry) == _engine_arguments(pattern, flags), pattern[:60]
        # ... so the same pattern as re.compile's
        rebuilt = regex_cache._sre.compile(pattern, *entry)
        expected = re.compile(pattern, flags)
        assert rebuilt == expected and rebuilt.groupindex == expected.groupindex, pattern[:60]


@needs_support
def test_a_place_where_the_file_cannot_be_written_costs_nothing(cache_file: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # (a read-only install: the directory cannot be made; as root, permissions would not stop a write)
    blocker = tmp_path / "site-packages"
    blocker.write_text("a file where the cache directory would be")
    path = blocker / "__pycache__" / "regex_cache.regex"
    monkeypatch.setattr(regex_cache, "cache_path", lambda: str(path))
    pattern = patterns.STRUCT_DOC_NUMBER
    assert regex_cache.compile(pattern.pattern, pattern.flags) == pattern
    regex_cache._save()  # no error
    assert not path.exists() and list(tmp_path.iterdir()) == [blocker]


GATED = [(name, value) for name, value in ALL_PATTERNS if isinstance(value.pattern, str)] + [
    (f"NOISE_CHROME_LINES[{reason}]", value) for reason, value in patterns.NOISE_CHROME_LINES
]


@needs_support
def test_gates_come_back_from_the_file_as_derived_and_only_for_the_same_code(cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docpipe import pattern_gate

    assert pattern_gate._KEPT_KIND is not None
    # by position: a reason may name several lines (two 'disclaimer' patterns), so a name is no key
    fresh = [set(pattern_gate._derive(p).clauses) for _, p in GATED]
    assert any(fresh)
    for (name, p), derived in zip(GATED, fresh):
        assert set(pattern_gate.gate(p).clauses) == derived, name
    regex_cache._save()
    _reload()
    for (name, p), derived in zip(GATED, fresh):
        assert set(pattern_gate.gate(p).clauses) == derived, name
    kept = {k for k in regex_cache._stored or {} if k[0] == pattern_gate._KEPT_KIND}
    assert len(kept) == len({(p.pattern, p.flags) for _, p in GATED})  # every gate was read from the file
    # Gates kept by other code (another hash of pattern_gate.py) are not read: a wrong stored
    # value under the old kind changes nothing.
    _reload()
    stale = {(pattern_gate._KEPT_KIND, p.pattern, int(p.flags)): ((frozenset("x"), False),) for _, p in GATED}
    cache_file.write_bytes(marshal.dumps((regex_cache._STAMP, stale)))
    monkeypatch.setattr(pattern_gate, "_KEPT_KIND", "pattern_gate another-hash")
    for (name, p), derived in zip(GATED, fresh):
        assert set(pattern_gate.gate(p).clauses) == derived, name


@needs_support
def test_what_a_process_keeps_for_the_file_is_bounded(cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # patterns built at run time (a long `docpipe serve`) must not pile up in memory
    monkeypatch.setattr(regex_cache, "MAX_ENTRIES", 8)
    for n in range(20):
        assert regex_cache.compile(rf"row{n}\d+") == re.compile(rf"row{n}\d+")
    assert len(regex_cache._used) == 8
    regex_cache._save()
    _reload()
    assert len(regex_cache._load()) == 8
