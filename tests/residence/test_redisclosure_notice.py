"""The house's redisclosure notice: the full federal statement can be used, and the foot of
every page of a disclosed report grows to hold it, under the body and inside the page."""

from __future__ import annotations

import dataclasses
from io import BytesIO

import pytest
from pypdf import PdfReader

from residence.consents.disclosures import NOTICE_LENGTH, NOTICE_LINES
from residence.consents.progress_report import progress_pdf
from residence.consents.records import Category
from residence.errors import ValidationError
from residence.workspace import workspace_for
from tests.conftest import House
from tests.residence.test_progress_pdf import _consent, _everything, _report, _runs

# 42 CFR 2.32(a)(1), word for word: about 700 characters.
FULL_STATEMENT = (
    "This record which has been disclosed to you is protected by federal confidentiality "
    "rules (42 CFR part 2). These rules prohibit you from using or disclosing this record, or "
    "testimony that describes the information contained in this record, in any civil, "
    "criminal, administrative, or legislative proceedings by any Federal, State, or local "
    "authority, against the patient, unless authorized by the consent of the patient, except "
    "as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR "
    "2.64 or 2.65. In addition, the Federal rules prohibit you from making any further "
    "disclosure of this record unless authorized by the consent of the patient, or otherwise "
    "permitted by 42 CFR part 2."
)
# The longest notice the house may save: as many characters and lines as are allowed.
LONGEST = "\n".join(
    f"{n:02d} " + ("Redisclosure is prohibited without consent. " * 4)[: NOTICE_LENGTH // 12 - 4]
    for n in range(NOTICE_LINES)
)


def test_the_full_federal_statement_can_be_the_house_notice(house: House) -> None:
    disclosures = workspace_for(house.db).disclosures
    assert len(FULL_STATEMENT) > 400
    assert disclosures.save_notice(FULL_STATEMENT).value.text == FULL_STATEMENT
    assert disclosures.notice() == FULL_STATEMENT
    assert len(LONGEST) <= NOTICE_LENGTH
    assert disclosures.save_notice(LONGEST).value.text == LONGEST


def test_a_notice_too_long_for_a_page_foot_is_refused_and_the_old_one_kept(house: House) -> None:
    disclosures = workspace_for(house.db).disclosures
    disclosures.save_notice(FULL_STATEMENT)
    with pytest.raises(ValidationError, match="too long"):
        disclosures.save_notice("x" * (NOTICE_LENGTH + 1))
    with pytest.raises(ValidationError, match=f"at most {NOTICE_LINES}"):
        disclosures.save_notice("\n".join(["Do not redisclose."] * (NOTICE_LINES + 1)))
    assert disclosures.notice() == FULL_STATEMENT


@pytest.mark.parametrize("notice", [FULL_STATEMENT, LONGEST], ids=["federal", "longest"])
def test_every_page_carries_the_whole_notice_under_the_body(notice: str) -> None:
    consent = _consent(*Category)
    report = _report(consent, **_everything(consent, check_ins=120))
    pages = PdfReader(BytesIO(progress_pdf(dataclasses.replace(report, notice=notice)))).pages
    assert len(pages) >= 2
    for page in pages:
        runs = _runs(page)
        made = next(n for n, run in enumerate(runs) if run[2].startswith("Made "))
        footer = runs[made + 1 : -1]
        assert " ".join(text for _, _, text in footer) == " ".join(notice.split())
        assert min(y for _, y, _ in footer) > runs[made][1]  # above the date line
        height = float(page.mediabox.height)
        body = [y for _, y, _ in runs[:made] if y < height / 2]
        assert min(body, default=height) > max(y for _, y, _ in footer) + 9  # under the body
