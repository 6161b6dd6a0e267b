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
        # The matching rows, worked out in one pass over the model's haystacks (when it offers
        # them) rather than one call into the model per row: ten years of residents.
        self._matches: set[int] = set()
        self._matched: tuple[list[str], list[str]] | None = None  # for (haystacks, words)
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
        haystacks = getattr(self.sourceModel(), "haystacks", None)
        if haystacks is None:
            index = self.sourceModel().index(source_row, 0, source_parent)
            return self._match(str(index.data(self._search_role)))
        rows = haystacks()
        if self._matched is None or self._matched[0] is not rows or self._matched[1] != self._words:
            self._matches = {i for i, text in enumerate(rows) if self._match(text)}
            self._matched = (rows, list(self._words))
        return source_row in self._matches

    def _match(self, haystack: str) -> bool:
        return all(word in haystack for word in self._words)
