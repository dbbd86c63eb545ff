"""people_screening: person details, the pipeline, screening records and tasks

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 09:16:58.106379
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pvg_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('disclosure_type', sa.Enum('level_2', 'scheme_record', 'scheme_update', 'level_1', name='disclosuretype', native_enum=False, length=32), nullable=False),
    sa.Column('position', sa.String(length=200), nullable=False),
    sa.Column('reference_number', sa.String(length=40), nullable=False),
    sa.Column('decision', sa.Enum('pending', 'proceed', 'not_proceed', name='recruitmentdecision', native_enum=False, length=32), nullable=False),
    sa.Column('regulated_role', sa.Boolean(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_pvg_record_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pvg_record'))
    )
    with op.batch_alter_table('pvg_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pvg_record_person_id'), ['person_id'], unique=False)

    op.create_table('reference',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('referee', sa.String(length=200), nullable=False),
    sa.Column('relationship', sa.String(length=200), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('satisfactory', sa.Boolean(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_reference_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference'))
    )
    with op.batch_alter_table('reference', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reference_person_id'), ['person_id'], unique=False)

    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('notify_disclosure_scotland', name='taskkind', native_enum=False, length=32), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_task_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_task_programme_id_programme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task'))
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_programme_id'), ['programme_id'], unique=False)

    op.create_table('training_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_training_session_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_session'))
    )
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_session_person_id'), ['person_id'], unique=False)

    op.create_table('interview',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('interviewer', sa.String(length=200), nullable=False),
    sa.Column('qualities', sa.JSON(), nullable=False),
    sa.Column('outcome', sa.Enum('undecided', 'suitable', 'not_suitable', name='interviewoutcome', native_enum=False, length=32), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_interview_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interview'))
    )
    with op.batch_alter_table('interview', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interview_participant_id'), ['participant_id'], unique=False)

    op.create_table('stage_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.Enum('enquiry', 'applied', 'interview', 'references', 'checks', 'training', 'ready', 'matched', 'on_hold', 'withdrawn', 'left', name='stage', native_enum=False, length=32), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_stage_change_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_change'))
    )
    with op.batch_alter_table('stage_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_change_participant_id'), ['participant_id'], unique=False)

    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stage', sa.Enum('enquiry', 'applied', 'interview', 'references', 'checks', 'training', 'ready', 'matched', 'on_hold', 'withdrawn', 'left', name='stage', native_enum=False, length=32), server_default='enquiry', nullable=False))
        batch_op.add_column(sa.Column('stage_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage_reason', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('application_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('code_signed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('induction_on', sa.Date(), nullable=True))

    # People already in a programme start the pipeline on the day they joined.
    op.execute("UPDATE participant SET stage_on = joined_on")

    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('date_of_birth', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('gender', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('postcode', sa.String(length=10), server_default='', nullable=False))
        batch_op.add_column(sa.Column('locality', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('line_manager_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('line_manager_name', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('sssc_number', sa.String(length=20), server_default='', nullable=False))
        batch_op.add_column(sa.Column('sssc_category', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('qualifications', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('availability', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('interests', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('areas_to_develop', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('partner_preferences', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('preference_reason', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('languages', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('access_needs', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('consent_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('consent_basis', sa.Enum('not_recorded', 'consent', 'contract', 'legitimate_interests', 'legal_obligation', name='consentbasis', native_enum=False, length=32), server_default='not_recorded', nullable=False))
        batch_op.create_index(batch_op.f('ix_person_date_of_birth'), ['date_of_birth'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_person_line_manager_id_person'), 'person', ['line_manager_id'], ['id'], ondelete='SET NULL')



def downgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_person_line_manager_id_person'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_person_date_of_birth'))
        batch_op.drop_column('consent_basis')
        batch_op.drop_column('consent_on')
        batch_op.drop_column('access_needs')
        batch_op.drop_column('languages')
        batch_op.drop_column('preference_reason')
        batch_op.drop_column('partner_preferences')
        batch_op.drop_column('areas_to_develop')
        batch_op.drop_column('interests')
        batch_op.drop_column('availability')
        batch_op.drop_column('qualifications')
        batch_op.drop_column('sssc_category')
        batch_op.drop_column('sssc_number')
        batch_op.drop_column('line_manager_name')
        batch_op.drop_column('line_manager_id')
        batch_op.drop_column('locality')
        batch_op.drop_column('postcode')
        batch_op.drop_column('gender')
        batch_op.drop_column('date_of_birth')

    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('induction_on')
        batch_op.drop_column('code_signed_on')
        batch_op.drop_column('application_on')
        batch_op.drop_column('stage_reason')
        batch_op.drop_column('stage_on')
        batch_op.drop_column('stage')

    with op.batch_alter_table('stage_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stage_change_participant_id'))

    op.drop_table('stage_change')
    with op.batch_alter_table('interview', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interview_participant_id'))

    op.drop_table('interview')
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_session_person_id'))

    op.drop_table('training_session')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_programme_id'))
        batch_op.drop_index(batch_op.f('ix_task_person_id'))

    op.drop_table('task')
    with op.batch_alter_table('reference', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reference_person_id'))

    op.drop_table('reference')
    with op.batch_alter_table('pvg_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pvg_record_person_id'))

    op.drop_table('pvg_record')
