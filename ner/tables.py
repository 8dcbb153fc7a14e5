"""Table cells: which column each sits in (by the HTML table model), its header, and whether it opens its row."""

from __future__ import annotations

from lxml import etree

from ner.lexicon import column_kind
from ner.markup import collapse, tag_of, text_content


class TableColumns:
    """Column headers and cell positions per table, worked out once per table."""

    def __init__(self) -> None:
        self._headers: dict[etree._Element, list[str]] = {}
        self._columns: dict[etree._Element, dict[etree._Element, int]] = {}

    def column(self, cell: etree._Element) -> str:
        """The lowercased header text of a table cell's column, or empty."""
        table = next(cell.iterancestors("table"), None)
        if table is None:
            return ""
        headers = self._headers.get(table)
        if headers is None:
            headers = self._headers[table] = _table_headers(table)
        index = self._grid(table).get(cell, 0)
        return headers[index] if index < len(headers) else ""

    def first_cell(self, cell: etree._Element) -> bool:
        """True when no earlier cell of the row has text (an avatar cell may come first), counting a cell
        that spans down into the row from above (``rowspan``): then the row's first cell is not its first column."""
        if not _first_with_text(cell):
            return False
        table = next(cell.iterancestors("table"), None)
        return table is None or self._grid(table).get(cell, 0) == 0 or cell.getprevious() is not None

    def _grid(self, table: etree._Element) -> dict[etree._Element, int]:
        grid = self._columns.get(table)
        if grid is None:
            grid = self._columns[table] = _column_positions(table)
        return grid


def _first_with_text(cell: etree._Element) -> bool:
    """True when no earlier cell of the row has text (an avatar cell may come first)."""
    return not any(text_content(sibling).strip() for sibling in cell.itersiblings("td", "th", preceding=True))


def _own_rows(table: etree._Element) -> list[etree._Element]:
    """The table's rows, not those of tables nested in its cells."""
    return [row for row in table.iter("tr") if next((a for a in row.iterancestors() if tag_of(a) == "table"), None)
            is table]


def _column_positions(table: etree._Element) -> dict[etree._Element, int]:
    """Each cell's column, as the HTML table model places it: after the columns its earlier cells span
    (``colspan``) and those that cells of rows above still fill (``rowspan``: "<td rowspan=3>Kanzlei</td>" puts
    the next two rows' first cells in the second column)."""
    positions: dict[etree._Element, int] = {}
    filled: dict[int, set[int]] = {}
    for row_index, row in enumerate(_own_rows(table)):
        taken = filled.pop(row_index, set())
        column = 0
        for cell in row:
            if tag_of(cell) not in ("td", "th"):
                continue
            while column in taken:
                column += 1
            positions[cell] = column
            width = _span(cell)
            for below in range(row_index + 1, row_index + _span(cell, "rowspan")):
                filled.setdefault(below, set()).update(range(column, column + width))
            column += width
    return positions


def _table_headers(table: etree._Element) -> list[str]:
    """Header texts by column: the first row of ``<thead>``, else a first row made only of ``<th>``, or only of
    bold cells one of which names a column the lexicon knows ("<td><strong>Pareigos</strong></td>")."""
    rows = _own_rows(table)
    header_row = next((row for row in rows if any(tag_of(a) == "thead" for a in row.iterancestors())), None)
    if header_row is None and rows:
        cells = [cell for cell in rows[0] if tag_of(cell) in ("td", "th")]
        if cells and (all(tag_of(cell) == "th" for cell in cells) or _bold_header(cells)):
            header_row = rows[0]
    if header_row is None:
        return []
    headers: list[str] = []
    for cell in header_row:
        if tag_of(cell) in ("td", "th"):
            headers.extend([collapse(text_content(cell)).lower()] * _span(cell))
    return headers


def _bold_header(cells: list[etree._Element]) -> bool:
    """Are the cells a header written in bold: all their text in ``<b>``/``<strong>``, one of them a known header?"""
    texts = [collapse(text_content(cell)) for cell in cells]
    bold = [collapse(" ".join(text_content(b) for b in cell.iter("b", "strong"))) for cell in cells]
    return bold == texts and any(text and column_kind(text) is not None for text in texts)


def _span(cell: etree._Element, attribute: str = "colspan") -> int:
    try:
        return max(1, min(int(cell.get(attribute) or 1), 100))
    except ValueError:
        return 1
