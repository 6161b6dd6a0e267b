"""Search as you type: every word must appear, ignoring case and accents (jose → José)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from residence.text_rules import fold


class FoldedSearchProxy(QSortFilterProxyModel):
    """Filters on a source role that holds each row's folded text (see ``search_role``)."""

    def __init__(self, search_role: int, sort_role: int) -> None:
        super().__init__()
        self._search_role = search_role
        self._words: list[str] = []
        self.setSortRole(sort_role)
        self.setDynamicSortFilter(True)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange()

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._words:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        haystack = str(index.data(self._search_role))
        return all(word in haystack for word in self._words)
