"""The consent commands: the list, the log, a progress report under a consent (logged like
one from the window, refused with the reason when the consent doesn't allow it), the roster."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import cli


def _lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_consents_lists_every_state(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["consents", "--db", str(demo_copy), "--csv"]) == 0
    states = {row["Status"] for row in _lines(capsys)}
    assert states == {"Active", "Expiring soon", "Expired", "Revoked"}


def test_a_progress_report_is_written_and_logged(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["consents", "--db", str(demo_copy), "--csv"]) == 0
    active = next(
        r for r in _lines(capsys) if r["Status"] == "Active" and r["Resident"] == "Pepe Ñúñez"
    )
    out = tmp_path / "report.pdf"
    args = [
        "report",
        "progress",
        "--db",
        str(demo_copy),
        "--consent",
        active["ID"],
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "-o",
        str(out),
    ]
    assert cli(args) == 0
    capsys.readouterr()
    pages = PdfReader(out).pages
    assert all("42 CFR part 2 prohibits" in p.extract_text() for p in pages)
    assert cli(["disclosures", "--db", str(demo_copy), "--csv"]) == 0
    # The log has the demo's earlier reports too: ours is the one with this file's fingerprint.
    sha = hashlib.sha256(out.read_bytes()).hexdigest()
    [ours] = [row for row in _lines(capsys) if row["SHA-256"] == sha]
    assert (ours["How"], ours["From"], ours["To"]) == (
        "command line",
        "2026-01-01",
        "2026-01-31",
    )


def test_an_expired_consent_gives_its_reason_and_no_file(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["consents", "--db", str(demo_copy), "--csv"]) == 0
    expired = next(r for r in _lines(capsys) if r["Status"] == "Expired")
    out = tmp_path / "no.pdf"
    args = [
        "report",
        "progress",
        "--db",
        str(demo_copy),
        "--consent",
        expired["ID"],
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "-o",
        str(out),
    ]
    assert cli(args) == 1
    error = capsys.readouterr().err.strip()
    assert "not in force: Expired on" in error and len(error.splitlines()) == 1
    assert not out.exists()


def test_the_house_roster(demo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    assert cli(["report", "roster", "--db", str(demo_copy), "-o", str(out)]) == 0
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "House roster" in text and "Pepe Ñúñez" in text
