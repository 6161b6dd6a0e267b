"""The printed list of resources: for the bulletin board and a newcomer's packet, by kind, each
with when and where and its number. It names no resident."""

from __future__ import annotations

from itertools import groupby
from xml.sax.saxutils import escape

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from residence.reports.common import PageFrame, grid_style, render, style
from residence.resources.records import ResourceInfo, ResourceList

WIDTH = 8.5 * inch - 2 * 0.4 * inch


def resources_pdf(document: ResourceList) -> bytes:
    phone = f" · {document.house_phone}" if document.house_phone else ""
    frame = PageFrame(
        document.house,
        "Where to find help",
        f"Resources the house connects people to{phone}",
        document.generated,
        "Ask the house manager or your mentor about any of these.",
    )
    story: list[Flowable] = [Spacer(1, 4)]
    if not document.resources:
        story.append(Paragraph("The house has no resources on its list yet.", style(11)))
    for kind, group in groupby(document.resources, key=lambda r: r.kind):
        heading = Paragraph(kind.label, style(13, bold=True, spaceBefore=10, spaceAfter=4))
        rows = [_row(resource) for resource in group]
        table = Table(
            [["Name", "When, where, what to know", "Phone"], *rows],
            colWidths=[WIDTH * 0.3, WIDTH * 0.5, WIDTH * 0.2],
            repeatRows=1,
            splitInRow=1,
        )
        table.setStyle(grid_style(10, padding=(3, 4)))
        first = Table([[heading]], colWidths=[WIDTH])  # the heading never alone at a page foot
        first.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)])
        story.append(KeepTogether([first, table]) if len(rows) <= 8 else first)
        if len(rows) > 8:
            story.append(table)
    return render(frame, story)


def _row(resource: ResourceInfo) -> list[object]:
    name = escape(resource.name)
    if resource.fellowship:
        name += f"<br/><font size=9>{escape(resource.fellowship)}</font>"
    details = escape(resource.details).replace("\n", "<br/>")
    return [
        Paragraph(name, style(10, bold=True)),
        Paragraph(details, style(10)),
        Paragraph(escape(resource.phone), style(10)),
    ]


def resources_file_name(day: str) -> str:
    return f"resources-{day}.pdf"
