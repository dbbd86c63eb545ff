"""Fetching a record by id, or refusing in plain words because it is gone (or removed)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.model import MeetingLog, Programme, SupportContact
from app.services import meetings, support
from app.services.errors import NotFound
from app.services.lookups import get_match, get_or_refuse, get_programme
from app.storage import Database


def test_a_record_that_exists_is_returned(demo_db: Database) -> None:
    with demo_db.session() as s:
        first = s.scalars(select(Programme).order_by(Programme.id)).first()
        assert first is not None
        assert get_programme(s, first.id) is first
        assert get_or_refuse(s, Programme, first.id, "gone") is first


def test_a_missing_record_is_refused_with_the_sentence_given(db: Database) -> None:
    with db.session() as s:
        with pytest.raises(NotFound) as refused:
            get_match(s, 12345)
        assert str(refused.value) == "That match no longer exists."
        with pytest.raises(NotFound) as refused:
            get_or_refuse(s, Programme, 12345, "Gone, sorry.")
        assert str(refused.value) == "Gone, sorry."


def test_a_removed_meeting_log_or_support_contact_counts_as_gone(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        log = s.scalars(select(MeetingLog).order_by(MeetingLog.id)).first()
        contact = s.scalars(select(SupportContact).order_by(SupportContact.id)).first()
        assert log is not None and contact is not None
        assert meetings.get_meeting(s, log.id) is log
        assert support.get_contact(s, contact.id) is contact
        log.removed_on = contact.removed_on = today
        with pytest.raises(NotFound) as refused:
            meetings.get_meeting(s, log.id)
        assert str(refused.value) == "That meeting log no longer exists."
        with pytest.raises(NotFound) as refused:
            support.get_contact(s, contact.id)
        assert str(refused.value) == "That support contact no longer exists."
