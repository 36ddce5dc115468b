"""Tables printed for people: rich tables on the terminal, markdown tables in run artifacts.

`docpipe run`, `inspect` and `compact` print label/count summaries and small grouped counts;
the run's Prefect artifact shows the same figures as markdown. One home for both shapes keeps
their alignment and escaping the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.table import Table


def rich_table(
    title: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    left: Sequence[str] | None = None,
    fold: bool = False,
) -> Table:
    """A rich table of `rows` under `columns`. Columns named in `left` (default: the first one)
    are left-aligned, the rest hold figures and are right-aligned; `fold` wraps long cells
    instead of cutting them."""
    left_columns = set(columns[:1] if left is None else left)
    table = Table(title=title)
    for column in columns:
        justify = "left" if column in left_columns else "right"
        if fold:
            table.add_column(column, justify=justify, overflow="fold")
        else:
            table.add_column(column, justify=justify)
    for row in rows:
        table.add_row(*row)
    return table


def markdown_table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """The lines of a markdown table; a `|` inside a cell is written %7C so it cannot split
    the row (a source URL may hold one)."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(cell).replace("|", "%7C") for cell in row) + " |" for row in rows]
    return lines
