"""The shared table shapes: a pipe in a cell cannot split a markdown row, figures align right."""

from __future__ import annotations

from rich.console import Console

from docpipe.rendering import markdown_table, rich_table


def test_markdown_table_escapes_pipes_in_every_cell() -> None:
    lines = markdown_table(("source", "seconds"), [("http://127.0.0.1/a|b", "1.500"), ("x", 2)])
    assert lines == ["| source | seconds |", "|---|---|", "| http://127.0.0.1/a%7Cb | 1.500 |", "| x | 2 |"]
    assert all(line.count("|") == 3 for line in lines)


def test_rich_table_puts_figures_right_and_labels_left() -> None:
    console = Console(record=True, width=60)
    console.print(rich_table("t", ("what", "stage", "count"), [("a", "fetch", "1"), ("bbbbbb", "clean", "1,000")],
                             left=("what", "stage")))
    text = console.export_text()
    assert "│ a      │ fetch │     1 │" in text, text
    assert "│ bbbbbb │ clean │ 1,000 │" in text, text


def test_rich_table_folds_long_cells_only_when_asked() -> None:
    long = "m" * 50
    for fold, whole in ((True, True), (False, False)):
        console = Console(record=True, width=30)
        console.print(rich_table("t", ("message", "n"), [(long, "1")], fold=fold))
        text = console.export_text()
        body = text.split("┡", 1)[1]  # below the header, whose "message" holds an m too
        assert (body.count("m") == 50) is whole, text
