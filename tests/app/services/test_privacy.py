"""Subject access, erasure and retention: everything about one person and nobody else; after
anonymising, no name, e-mail or phone, and the same report figures."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import String, Text, func, select

from app.model import Base, Match, Participant, Person
from app.reports import figures
from app.services import privacy
from app.storage import Database


def _matched_mentee(db: Database) -> tuple[int, int]:
    """A mentee in a match, and their mentor's person id."""
    with db.session() as s:
        match = s.scalars(select(Match).order_by(Match.id)).first()
        assert match is not None
        mentee = s.get_one(Participant, match.mentee_id).person_id
        mentor = s.get_one(Participant, match.mentor_id).person_id
        return mentee, mentor


def _all_text(db: Database) -> str:
    parts: list[str] = []
    with db.session() as s:
        conn = s.connection()
        for table in Base.metadata.sorted_tables:
            if table.name in ("alembic_version",):
                continue
            columns = [c for c in table.columns if isinstance(c.type, String | Text)]
            for column in columns:
                parts += [str(v) for (v,) in conn.execute(select(column)) if v]
    return "\n".join(parts)


def test_the_subject_access_export_holds_their_records_and_no_other_name(
    demo_db: Database, today: date
) -> None:
    mentee_id, mentor_id = _matched_mentee(demo_db)
    with demo_db.session() as s:
        export = privacy.subject_access(s, mentee_id, today)
        me = s.get_one(Person, mentee_id)
        others = [p for p in s.scalars(select(Person)) if p.id != mentee_id]
        mine = (me.first_name, me.last_name, me.email)
    text = export.json()
    assert export.data["person"]["first_name"] == mine[0]
    assert mine[2] in text
    records = export.data["records"]
    assert {"participant", "match"} <= set(records)
    assert "meeting_log" in records  # the demo's first match has meetings
    assert "your mentor" in text
    leaked = {
        f"{p.first_name} {p.last_name}" for p in others if f"{p.first_name} {p.last_name}" in text
    }
    assert not leaked
    mentor = next(p for p in others if p.id == mentor_id)
    assert mentor.email not in text and mentor.last_name not in text
    assert "meeting_private_note" not in records


def test_anonymising_leaves_no_name_e_mail_or_phone_and_the_figures_equal(
    demo_db: Database, today: date
) -> None:
    mentee_id, _mentor = _matched_mentee(demo_db)
    start, end = figures.default_period(today)
    with demo_db.session() as s:
        programme_id = s.scalar(
            select(Participant.programme_id).where(Participant.person_id == mentee_id)
        )
        assert programme_id is not None
        before = figures.figures(s, programme_id, start, end, today)
        me = s.get_one(Person, mentee_id)
        full, email, phone = f"{me.first_name} {me.last_name}", me.email, me.phone
        people = s.scalar(select(func.count()).select_from(Person))
    with demo_db.session() as s:
        privacy.anonymise_person(s, mentee_id, reason="Retention period over")
    with demo_db.session() as s:
        after = figures.figures(s, programme_id, start, end, today)
        me = s.get_one(Person, mentee_id)
        assert me.first_name == "Anonymised" and not me.email and not me.phone
        assert s.scalar(select(func.count()).select_from(Person)) == people
        assert privacy.is_anonymised(s, mentee_id)
    assert after == before
    text = _all_text(demo_db)
    for detail in (full, email, phone):
        if detail:
            assert detail not in text


def test_erasure_keeps_safeguarding_concerns_and_needs_a_reason(
    demo_db: Database, today: date
) -> None:
    import pytest

    from app.services.errors import ActionRefused

    mentee_id, _mentor = _matched_mentee(demo_db)
    with demo_db.session() as s:
        plan = privacy.erasure_plan(s, mentee_id)
        assert plan.rows > 1 and plan.name
        with pytest.raises(ActionRefused, match="Say why"):
            privacy.erase_person(s, mentee_id, "  ")
    with demo_db.session() as s:
        privacy.erase_person(s, mentee_id, "Asked in writing on 20/11/2026")
    with demo_db.session() as s:
        from app.model import AuditEntry

        entry = s.scalar(
            select(AuditEntry).where(
                AuditEntry.action == "anonymised", AuditEntry.record_id == mentee_id
            )
        )
        assert entry is not None and entry.fields == "Asked in writing on 20/11/2026"


def test_people_past_their_retention_period_are_listed_then_anonymised(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        left = s.scalars(select(Person).where(Person.retention_from.is_not(None))).all()
        assert left, "the demo has someone who has left"
        assert privacy.retention_due(s, today) == []
    later = today + relativedelta(years=10)
    with demo_db.session() as s:
        due = privacy.retention_due(s, later)
        assert {d.person_id for d in due} == {p.id for p in left}
        privacy.apply_retention(s, later)
    with demo_db.session() as s:
        assert privacy.retention_due(s, later) == []
        assert all(s.get_one(Person, d.person_id).first_name == "Anonymised" for d in due)
