"""``python -m docpipe.export schema-doc [PATH]``: regenerate docs/schema.md (stdout if no PATH)."""

from __future__ import annotations

import sys

from docpipe.export.schemas import write_markdown


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[1] != "schema-doc":
        sys.stderr.write("usage: python -m docpipe.export schema-doc [PATH]\n")
        return 2
    write_markdown(argv[2] if len(argv) > 2 else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
