"""A report's file says when it was made by the report's own clock, never the computer's: the
same report made twice is the same bytes, so its SHA-256 in the disclosure log can be checked
by making it again."""

from __future__ import annotations

import io
from datetime import datetime

from pypdf import PdfReader
from reportlab.platypus import Paragraph

from residence.reports.common import PageFrame, render, style

MADE = datetime(2026, 6, 15, 10, 0)


def _pdf(made: datetime) -> bytes:
    frame = PageFrame("Magnolia House", "House roster", "15 Jun 2026", made)
    return render(frame, [Paragraph("José Ñúñez", style(11))])


def test_the_file_is_dated_when_the_report_says_it_was_made() -> None:
    info = PdfReader(io.BytesIO(_pdf(MADE))).metadata
    assert info is not None
    assert (str(info["/CreationDate"]), str(info["/ModDate"])) == ("D:20260615100000",) * 2


def test_the_same_report_is_the_same_bytes_and_another_moment_is_not() -> None:
    assert _pdf(MADE) == _pdf(MADE)
    assert _pdf(MADE) != _pdf(MADE.replace(minute=1))
