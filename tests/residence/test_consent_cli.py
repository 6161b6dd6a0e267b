"""The consent commands: the list, the log, a progress report under a consent (logged like
one from the window, refused with the reason when the consent doesn't allow it), the roster."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from residence.consents.records import Category
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


def _active_consent(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    assert cli(["consents", "--db", str(demo_copy), "--csv"]) == 0
    return next(r for r in _lines(capsys) if r["Status"] == "Active")


def _progress(demo_copy: Path, consent: str, out: Path, *extra: str) -> list[str]:
    return ["report", "progress", "--db", str(demo_copy), "--consent", consent,
            "--from", "2026-05-01", "--to", "2026-05-31", "-o", str(out), *extra]  # fmt: skip


def test_a_report_ends_with_the_standing_the_manager_gives(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    consent = _active_consent(demo_copy, capsys)["ID"]
    out = tmp_path / "report.pdf"
    assert cli(_progress(demo_copy, consent, out, "--standing", "concerns")) == 1
    assert capsys.readouterr().err.strip() == "residence: Say what the concerns are."
    assert not out.exists()
    words = "Missed two curfews; we made a plan together."
    standing = ("--standing", "concerns", "--statement", words)
    assert cli(_progress(demo_copy, consent, out, *standing)) == 0
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert f"Standing Concerns noted In the manager's words {words}" in text


def test_the_disclosure_log_prints_from_the_command_line_with_whole_fingerprints(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["disclosures", "--db", str(demo_copy), "--csv"]) == 0
    fingerprints = [row["SHA-256"] for row in _lines(capsys)]
    out = tmp_path / "log.pdf"
    assert cli(["report", "disclosures", "--db", str(demo_copy), "-o", str(out)]) == 0
    text = "".join(PdfReader(out).pages[0].extract_text().split())
    assert fingerprints and all(sha in text for sha in fingerprints)


def test_a_consent_form_prints_filled_in_or_blank(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    active = _active_consent(demo_copy, capsys)
    filled, blank = tmp_path / "filled.pdf", tmp_path / "blank.pdf"
    base = ["report", "consent-form", "--db", str(demo_copy)]
    assert cli([*base, "--consent", active["ID"], "-o", str(filled)]) == 0
    assert cli([*base, "--blank", "-o", str(blank)]) == 0
    filled_text = " ".join(PdfReader(filled).pages[0].extract_text().split())
    blank_text = " ".join(PdfReader(blank).pages[0].extract_text().split())
    assert active["Recipient"].split(",")[0] in filled_text and "☒" in filled_text
    assert "☒" not in blank_text and blank_text.count("☐") == len(Category)
    assert active["Resident"] not in blank_text
    assert cli([*base, "--consent", "9999", "-o", str(tmp_path / "no.pdf")]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
