"""A user's clone is self-contained: nothing it ships refers to a file it does not have.

The README, docs/, the Makefile, pyproject.toml, every module under src/, flows/ and
benchmarks/ (docstrings and comments alike) and every `--help` text are scanned for file
names (`*.md`, `*.py`, `*.toml`, `*.json(l)`, `*.yaml`, `*.sh`); each must be a file of the
repository. The names that are not meant to be repository files are listed with the reason.
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import tokenize
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docpipe.cli import app
from tests.conftest import REPO

FILE_NAME = re.compile(r"(?<![\w/.:-])((?:\.{1,2}/)?[\w.-]+(?:/[\w.-]+)*\.(?:md|py|toml|ya?ml|jsonl?|sh))\b")

# Names that are not files of the repository, by design.
NOT_REPOSITORY_FILES = {
    "docpipe.toml": "the user's own settings file (`docpipe run --config docpipe.toml`)",
    "profiles.toml": "the user's own site profiles (`profiles = ...`)",
}
# Prefixes of paths outside the repository that are documented as optional: the developers'
# evaluation data beside the checkout (tests that need it skip when it is absent).
OPTIONAL_OUTSIDE = ("../shared/", "shared/eval/", "eval/", "structure_real/")
# Upper-case stems that stand for a name the user chooses (`--reference FILE.jsonl`).
PLACEHOLDER_STEMS = {"FILE", "TRAF_OUT", "GOLD", "GOLD2", "NAME", "PATH", "SET", "DIR", "OUT", "DATA", "PAGE"}


def shipped_text_files() -> list[Path]:
    if (REPO / ".git").exists():
        listed = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    else:  # an unpacked source archive
        listed = [str(p.relative_to(REPO)) for p in REPO.rglob("*") if p.is_file()]
    wanted = []
    for name in listed:
        top = name.split("/")[0]
        if (name.endswith(".py") and top in ("src", "flows", "benchmarks")) or name in ("README.md", "Makefile", "pyproject.toml", "prefect.yaml") or (
            top == "docs" and name.endswith(".md")
        ):
            wanted.append(REPO / name)
    return wanted


def help_texts() -> dict[str, str]:
    runner = CliRunner()
    texts = {"docpipe --help": runner.invoke(app, ["--help"]).output}
    for command in app.registered_commands:
        name = command.name or command.callback.__name__.replace("_cmd", "")  # type: ignore[union-attr]
        texts[f"docpipe {name} --help"] = runner.invoke(app, [name, "--help"]).output
    return texts


def is_repository_file(token: str, cited_in: Path | None) -> bool:
    name = token.removeprefix("./")
    candidates = [REPO / name, REPO / "src" / name, REPO / "src" / "docpipe" / name]
    if cited_in is not None:
        candidates.append(cited_in.parent / token)
    if any(c.is_file() for c in candidates):
        return True
    if "/" not in name:  # a bare module or file name: somewhere in the repository
        return any(REPO.rglob(name))
    return False


def dangling(text: str, cited_in: Path | None) -> list[str]:
    found = []
    for match in FILE_NAME.finditer(text):
        token = match.group(1)
        stem = Path(token).stem
        if token in NOT_REPOSITORY_FILES or token.startswith(OPTIONAL_OUTSIDE):
            continue
        if stem in PLACEHOLDER_STEMS or stem.startswith("_") or re.match(r"[A-Z][a-z]+[A-Z]", stem):
            continue  # a placeholder (FILE.jsonl), a dataset's own file (_COMMIT.json), Class.attr
        if not is_repository_file(token, cited_in):
            found.append(token)
    return found


def test_the_scan_finds_a_missing_file() -> None:
    # The shapes the old README and docstrings used: a design document, a contract, a tool.
    assert dangling("see DESIGN.md and tools/score_extraction.py (CONTRACT.md §3)", None) == [
        "DESIGN.md", "tools/score_extraction.py", "CONTRACT.md",
    ]
    assert dangling("docs/interface.md, docpipe/data/eval_splits.json, docpipe.toml", None) == []


def prose(path: Path) -> str:
    """What a file says to its reader: a module's docstrings and comments (its code's own
    strings, such as a temporary file's name, are not citations); other files whole."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix != ".py":
        return text
    parts = [tok.string for tok in tokenize.generate_tokens(io.StringIO(text).readline) if tok.type == tokenize.COMMENT]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            parts.append(ast.get_docstring(node) or "")
    return "\n".join(parts)


@pytest.mark.parametrize("path", shipped_text_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_files_cite_only_files_of_the_repository(path: Path) -> None:
    assert dangling(prose(path), path) == []


def test_help_texts_cite_only_files_of_the_repository() -> None:
    texts = help_texts()
    assert len(texts) >= 7  # docpipe, extract, run, serve, compact, inspect, eval, ...
    assert {where: dangling(text, None) for where, text in texts.items() if dangling(text, None)} == {}


def test_no_comment_points_to_an_issue_tracker_the_clone_does_not_have() -> None:
    cited = [
        f"{p.relative_to(REPO)}:{n}"
        for p in shipped_text_files()
        for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if re.search(r"\bissues? \d+\b", line, flags=re.I)
    ]
    assert cited == []


def test_every_documented_module_entry_point_does_something() -> None:
    """`python -m docpipe.X` in the docs must name a module that runs something when executed
    (a package's __main__.py, or a module with a __main__ block) — not a silent no-op."""
    cited = {
        m.group(1)
        for p in shipped_text_files()
        for m in re.finditer(r"python -m (docpipe[\w.]*)", p.read_text(encoding="utf-8", errors="replace"))
    }
    assert "docpipe.export" in cited  # the schema-doc generator
    for module in sorted(cited):
        path = REPO / "src" / Path(*module.split("."))
        if (path / "__main__.py").is_file():
            continue
        source = path.with_suffix(".py").read_text(encoding="utf-8")
        assert 'if __name__ == "__main__":' in source, f"python -m {module} does nothing"


def test_extras_the_readme_names_exist_and_hold_what_its_queries_import() -> None:
    import tomllib

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    named = set(re.findall(r"docpipe\[(\w+)\]|\.\[(\w+)\]", readme))
    named_extras = {a or b for a, b in named}
    assert "analysis" in named_extras and named_extras <= set(extras), (named_extras, sorted(extras))
    wanted = {re.split(r"[<>=\[]", dep, maxsplit=1)[0] for dep in extras["analysis"]}
    assert {"duckdb", "polars", "pandas"} <= wanted


# An absolute path of a developer's machine (/work/cache/…, /home/me/…) names a file no clone has;
# the file-name scan above cannot see it (a name after '/' is not a citation start).
MACHINE_PATH = re.compile(r"(?<![\w:/.~-])/(?:work|home|root|Users|mnt|srv|opt|data)/[\w.-]+")


def test_the_machine_path_scan_finds_one() -> None:
    assert MACHINE_PATH.findall("--reference /work/cache/trafilatura/wcxb_dev.jsonl or /home/me/x") == [
        "/work/cache", "/home/me"]
    assert MACHINE_PATH.findall("s3://bucket/work/x, http://host/home/y, ../shared/eval, /usr/bin/chromium") == []


@pytest.mark.parametrize("path", shipped_text_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_files_name_no_path_of_a_developers_machine(path: Path) -> None:
    assert MACHINE_PATH.findall(prose(path)) == []
