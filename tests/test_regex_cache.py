"""docpipe.regex_cache: a pattern rebuilt from the kept compiled form is the pattern re.compile
builds (Pattern equality compares the engine code, the flags and the text), for every pattern
of docpipe.patterns; a file from another interpreter build, or a damaged one, is not used."""

from __future__ import annotations

import marshal
import re
import sys
from pathlib import Path

import pytest

from docpipe import patterns, regex_cache

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
