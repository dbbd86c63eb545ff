"""People: validation messages by field, duplicate warnings, the pipeline (with the Disclosure
Scotland task on leaving), and the list and record the People page shows."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.model import Participant, Person, Programme, Role, Task
from app.model.person import Stage
from app.model.screening import RecruitmentDecision, TaskKind
from app.services import people, screening
from app.services.errors import ActionRefused, ValidationError
from app.services.people import PersonDetails
from app.services.readiness import is_ready, readiness_gaps
from app.storage import Database


@pytest.fixture
def programme_id(db: Database) -> int:
    with db.session() as s:
        p = Programme(name="Little Steps", organisation="Wee Acorns Nursery")
        s.add(p)
        s.flush()
        return p.id


def _add(
    db: Database,
    programme_id: int,
    details: PersonDetails,
    today: date,
    roles: tuple[Role, ...] = (Role.MENTOR,),
) -> int:
    with db.session() as s:
        person_id = people.create_person(s, programme_id, details, list(roles), today).created_id
    assert person_id is not None
    return person_id


def test_validation_messages_name_each_bad_field(today: date) -> None:
    details = PersonDetails(
        first_name="",
        last_name="Robertson",
        email="kirsty.robertson@",
        phone="0131 496",
        postcode="EH99 XYZ",
        date_of_birth=date(2027, 1, 1),
        consent_on=date(2026, 12, 25),
    )
    errors = people.validate_details(details.cleaned(), today)
    assert errors["first_name"] == "Write their first name."
    assert "e-mail address" in errors["email"]
    assert "phone number" in errors["phone"]
    assert "EH6 5AB" in errors["postcode"]
    assert errors["date_of_birth"] == "The date of birth must be in the past."
    assert "future" in errors["consent_on"]
    assert "last_name" not in errors


def test_good_values_are_tidied(today: date) -> None:
    details = PersonDetails(
        first_name="  Kirsty ",
        last_name="Robertson",
        email="Kirsty.Robertson@Example.org.uk",
        phone="+44 131 496 0018",
        postcode="eh6  5ab",
    ).cleaned()
    assert people.validate_details(details, today) == {}
    assert details.first_name == "Kirsty"
    assert details.phone == "0131 496 0018"
    assert details.postcode == "EH6 5AB"
    assert details.email == "Kirsty.Robertson@example.org.uk"
    assert PersonDetails("A", "B", postcode="eh15").cleaned().postcode == "EH15"


def test_saving_bad_details_raises_with_the_messages(
    db: Database, programme_id: int, today: date
) -> None:
    with db.session() as s, pytest.raises(ValidationError) as caught:
        people.create_person(s, programme_id, PersonDetails("Amy", "Reid", email="x"), [], today)
    assert set(caught.value.errors) == {"email", "roles"}


def test_likely_duplicates_are_found_by_name_and_email_or_birth_date(
    db: Database, programme_id: int, today: date
) -> None:
    _add(
        db,
        programme_id,
        PersonDetails(
            "Megan", "Fraser", email="megan.fraser@example.org.uk", date_of_birth=date(1998, 4, 3)
        ),
        today,
    )
    with db.session() as s:
        same_email = people.possible_duplicates(
            s, PersonDetails("megan", "FRASER", email="Megan.Fraser@example.org.uk")
        )
        same_birth = people.possible_duplicates(
            s, PersonDetails("Meagan", "Fraser", date_of_birth=date(1998, 4, 3))
        )
        same_name_only = people.possible_duplicates(s, PersonDetails("Megan", "Fraser"))
        other_name = people.possible_duplicates(
            s, PersonDetails("Olivia", "Grant", date_of_birth=date(1998, 4, 3))
        )
    assert [d.message for d in same_email] == ["Megan Fraser has the same name and e-mail address."]
    assert same_birth and "date of birth (03/04/1998)" in same_birth[0].message
    assert same_name_only == [] and other_name == []


def test_a_person_is_not_their_own_duplicate(db: Database, programme_id: int, today: date) -> None:
    details = PersonDetails("Amy", "Johnstone", email="amy@example.org.uk")
    person_id = _add(db, programme_id, details, today)
    with db.session() as s:
        assert people.possible_duplicates(s, details, exclude_id=person_id) == []


def _fully_screen_mentor(db: Database, person_id: int, today: date) -> int:
    from app.model.screening import InterviewOutcome

    with db.session() as s:
        participant_id = s.scalars(
            select(Participant.id).where(Participant.person_id == person_id)
        ).one()
        screening.record_step_date(s, participant_id, "application", date(2026, 9, 1), today)
        screening.add_interview(
            s,
            participant_id,
            screening.InterviewDetails(date(2026, 9, 10), outcome=InterviewOutcome.SUITABLE),
            today,
        )
        for name in ("Anne Brodie", "Graham Lockhart"):
            screening.add_reference(
                s,
                person_id,
                screening.ReferenceDetails(
                    name,
                    requested_on=date(2026, 9, 2),
                    received_on=date(2026, 9, 20),
                    satisfactory=True,
                ),
                today,
            )
        screening.add_pvg(
            s,
            person_id,
            screening.PvgDetails(
                date(2025, 6, 1),
                position="Room leader",
                reference_number="1234 5678 9012 3456",
                decision=RecruitmentDecision.PROCEED,
            ),
            today,
        )
        screening.add_training(
            s, person_id, screening.TrainingDetails(date(2026, 10, 1), "Boundaries", 2), today
        )
        assert not is_ready(s, participant_id, today)
        assert [g.step for g in readiness_gaps(s, participant_id, today)] == ["code_of_conduct"]
        screening.record_step_date(s, participant_id, "code_of_conduct", date(2026, 10, 2), today)
        return participant_id


def test_completing_the_last_step_makes_them_ready_and_moves_the_stage(
    db: Database, programme_id: int, today: date
) -> None:
    person_id = _add(db, programme_id, PersonDetails("Ruaridh", "Campbell"), today)
    participant_id = _fully_screen_mentor(db, person_id, today)
    with db.session() as s:
        assert is_ready(s, participant_id, today)
        participant = s.get_one(Participant, participant_id)
        assert participant.stage is Stage.READY
        record = people.person_record(s, programme_id, person_id, today)
    stages = [h.stage for h in record.roles[0].history]
    assert stages == [Stage.ENQUIRY, Stage.APPLIED, Stage.READY]
    assert record.ready and record.training_hours == 2


def test_a_rule_change_on_the_programme_changes_readiness(
    db: Database, programme_id: int, today: date
) -> None:
    person_id = _add(db, programme_id, PersonDetails("Ruaridh", "Campbell"), today)
    participant_id = _fully_screen_mentor(db, person_id, today)
    with db.session() as s:
        s.get_one(Programme, programme_id).min_training_hours = 6
    with db.session() as s:
        gaps = readiness_gaps(s, participant_id, today)
    assert [g.message for g in gaps] == ["Training: 2 of 6 hours done before matching."]


def test_leaving_after_a_pvg_check_makes_a_task_to_tell_disclosure_scotland(
    db: Database, programme_id: int, today: date
) -> None:
    person_id = _add(db, programme_id, PersonDetails("Alison", "Cunningham"), today)
    participant_id = _fully_screen_mentor(db, person_id, today)
    with db.session() as s:
        changes = people.set_stage(s, participant_id, Stage.LEFT, today, "New job")
    assert changes.screening
    with db.session() as s:
        tasks = people.list_tasks(s, programme_id)
        assert len(tasks) == 1
        task = tasks[0]
        assert task.kind is TaskKind.NOTIFY_DISCLOSURE_SCOTLAND
        assert "Alison Cunningham" in task.title and task.due_on == date(2027, 2, 23)
        people.complete_task(s, task.id, today)
    with db.session() as s:
        assert people.list_tasks(s, programme_id) == []
        with pytest.raises(ActionRefused):
            people.complete_task(s, task.id, today)


def test_leaving_without_a_pvg_makes_no_task(db: Database, programme_id: int, today: date) -> None:
    person_id = _add(db, programme_id, PersonDetails("Jack", "Reid"), today, roles=(Role.MENTEE,))
    with db.session() as s:
        participant_id = s.scalars(
            select(Participant.id).where(Participant.person_id == person_id)
        ).one()
        people.set_stage(s, participant_id, Stage.WITHDRAWN, today, "Moved away")
        assert s.scalar(select(Task.id)) is None


def test_withdrawing_needs_a_reason(db: Database, programme_id: int, today: date) -> None:
    person_id = _add(db, programme_id, PersonDetails("Jack", "Reid"), today)
    with db.session() as s:
        participant_id = s.scalars(
            select(Participant.id).where(Participant.person_id == person_id)
        ).one()
        with pytest.raises(ValidationError) as caught:
            people.set_stage(s, participant_id, Stage.WITHDRAWN, today, "  ")
    assert "why they withdrew" in caught.value.errors["reason"]


def test_the_list_shows_stage_readiness_match_and_days_waiting(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        programme_id = s.scalars(select(Programme.id).order_by(Programme.id)).first()
        assert programme_id is not None
        index = people.people_index(s, programme_id, today)
        by_name = {}
        ids = [i.id for i in index]
        rows = people.people_rows(s, programme_id, ids, today)
        for row in rows.values():
            by_name[row.name] = row
    assert len(index) == 12 + 24 + 6
    assert by_name["Amy Johnstone"].current_match == "Seònaid Nic a' Phì (active)"
    assert by_name["Amy Johnstone"].days_waiting is None
    deborah = by_name["Deborah Clark"]
    assert not deborah.ready and "PVG membership expired on" in deborah.readiness_text
    assert by_name["Lorna Gibson"].readiness_text == "Ready to match"
    assert by_name["Ellie Morrison"].days_waiting and by_name["Ellie Morrison"].days_waiting > 100
    eilidh = by_name["Eilidh Mackenzie"]
    assert eilidh.roles_text == "Mentor and Mentee"
    assert eilidh.stage_text == "Mentor: Matched; Mentee: Applied"
    ready = {i.id for i in index if i.ready}
    assert by_name["Lorna Gibson"].id in ready and deborah.id not in ready


def test_matched_demo_people_are_fully_screened(demo_db: Database, today: date) -> None:
    from app.model import Match
    from app.model.match import OPEN_STATUSES

    with demo_db.session() as s:
        for match in s.scalars(select(Match).where(Match.status.in_(OPEN_STATUSES))):
            for participant_id in (match.mentor_id, match.mentee_id):
                assert readiness_gaps(s, participant_id, today) == []
                assert s.get_one(Participant, participant_id).stage is Stage.MATCHED


def test_updating_details_and_adding_a_role(db: Database, programme_id: int, today: date) -> None:
    person_id = _add(db, programme_id, PersonDetails("Eilidh", "Mackenzie"), today)
    with db.session() as s:
        people.update_person(
            s,
            person_id,
            PersonDetails("Eilidh", "Mackenzie", preferred_name="Ellie", postcode="eh6 5ab"),
            today,
            programme_id=programme_id,
            roles=[Role.MENTOR, Role.MENTEE],
        )
    with db.session() as s:
        person = s.get_one(Person, person_id)
        assert person.postcode == "EH6 5AB" and person.preferred_name == "Ellie"
        assert {p.role for p in person.roles} == {Role.MENTOR, Role.MENTEE}
        record = people.person_record(s, programme_id, person_id, today)
    assert record.name == "Eilidh (Ellie) Mackenzie"
    assert [r.role for r in record.roles] == [Role.MENTOR, Role.MENTEE]


def test_reminders_list_overdue_tasks_and_pvg_renewals_most_urgent_first(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        programme_id = s.scalars(select(Programme.id).order_by(Programme.id)).first()
        assert programme_id is not None
        found = people.reminders(s, programme_id, today)
    texts = [r.text for r in found]
    assert any("Tell Disclosure Scotland that Alison Cunningham" in t for t in texts)
    assert any("Deborah Clark's PVG membership ran out on" in t for t in texts)
    assert any("Lorna Gibson's PVG membership is due for renewal by" in t for t in texts)
    urgent = [r.urgent for r in found]
    assert urgent == sorted(urgent, reverse=True)


def test_readiness_for_many_matches_one_by_one(demo_db: Database, today: date) -> None:
    from app.services.readiness import readiness_for

    with demo_db.session() as s:
        ids = list(s.scalars(select(Participant.id)))
        bulk = readiness_for(s, ids, today)
        assert bulk == {pid: readiness_gaps(s, pid, today) for pid in ids}
