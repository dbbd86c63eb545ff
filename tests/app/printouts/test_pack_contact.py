"""The meeting-log pack tells the pair how to reach the coordinator: the phone and e-mail
kept on the programme, or lines for the pen when there are none."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.model import Match, Programme
from app.printouts import catalogue
from app.services import programmes
from app.services.errors import ValidationError
from app.storage import Database


def first_page(pdf: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


def test_the_pack_prints_the_coordinators_phone_and_e_mail(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        match = s.scalars(select(Match).order_by(Match.id)).first()
        assert match is not None
        p = s.get_one(Programme, match.programme_id)
        text = first_page(catalogue.build("meeting-log-pack", s, match.id, today))
        assert p.coordinator_phone and p.coordinator_email
        assert f"Telephone {p.coordinator_phone}" in text
        assert f"E-mail {p.coordinator_email}" in text
        details = programmes.details_of(p)
        programmes.update_programme(
            s, p.id, details.__class__(**{**details.__dict__, "coordinator_phone": ""})
        )
        s.flush()
        text = first_page(catalogue.build("meeting-log-pack", s, match.id, today))
        assert "Telephone E-mail" in text  # both labels, the telephone left for the pen
        assert "None" not in text


def test_the_coordinators_contact_is_checked_and_tidied(demo_db: Database) -> None:
    with demo_db.session() as s:
        p = s.scalars(select(Programme).order_by(Programme.id)).first()
        assert p is not None
        details = programmes.details_of(p)
        bad = details.__class__(
            **{**details.__dict__, "coordinator_phone": "12", "coordinator_email": "seonag@"}
        )
        with pytest.raises(ValidationError) as caught:
            programmes.update_programme(s, p.id, bad)
        assert set(caught.value.errors) == {"coordinator_phone", "coordinator_email"}
        good = details.__class__(**{**details.__dict__, "coordinator_phone": "01314960000"})
        programmes.update_programme(s, p.id, good)
        assert p.coordinator_phone == "0131 496 0000"


def test_a_form_without_the_contact_fields_leaves_them_as_they_are(demo_db: Database) -> None:
    with demo_db.session() as s:
        p = s.scalars(select(Programme).order_by(Programme.id)).first()
        assert p is not None and p.coordinator_phone
        phone, email = p.coordinator_phone, p.coordinator_email
        # As the programme dialog builds it: no phone or e-mail given.
        programmes.update_programme(
            s, p.id, programmes.ProgrammeDetails(name=p.name, organisation=p.organisation)
        )
        assert (p.coordinator_phone, p.coordinator_email) == (phone, email)
