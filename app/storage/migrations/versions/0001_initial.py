"""initial

Revision ID: 0001
Revises: 
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('preferred_name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('setting', sa.String(length=200), nullable=False),
    sa.Column('job_role', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('removed_on', sa.Date(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_last_name'), ['last_name'], unique=False)

    op.create_table('programme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('coordinator', sa.String(length=200), nullable=False),
    sa.Column('programme_model', sa.Enum('single_organisation', 'shared_partnership', 'peer_group', name='programmemodel', native_enum=False, length=32), nullable=False),
    sa.Column('partner_organisations', sa.Text(), nullable=False),
    sa.Column('mentoring_type', sa.Enum('one_to_one', 'group', 'team', 'peer', name='mentoringtype', native_enum=False, length=32), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('planning', 'running', 'ended', name='programmestatus', native_enum=False, length=32), nullable=False),
    sa.Column('archived_on', sa.Date(), nullable=True),
    sa.Column('max_mentees_per_mentor', sa.Integer(), nullable=False),
    sa.Column('relationship_months', sa.Integer(), nullable=False),
    sa.Column('review_interval_months', sa.Integer(), nullable=False),
    sa.Column('min_meetings_per_month', sa.Integer(), nullable=False),
    sa.Column('min_meeting_minutes', sa.Integer(), nullable=False),
    sa.Column('max_meeting_minutes', sa.Integer(), nullable=False),
    sa.Column('max_contacts_between_meetings', sa.Integer(), nullable=False),
    sa.Column('cancellation_notice_hours', sa.Integer(), nullable=False),
    sa.Column('log_to_mentor_within_days', sa.Integer(), nullable=False),
    sa.Column('require_application', sa.Boolean(), nullable=False),
    sa.Column('require_interview', sa.Boolean(), nullable=False),
    sa.Column('references_required', sa.Integer(), nullable=False),
    sa.Column('require_pvg', sa.Boolean(), nullable=False),
    sa.Column('min_training_hours', sa.Integer(), nullable=False),
    sa.Column('require_mentee_induction', sa.Boolean(), nullable=False),
    sa.Column('require_code_of_conduct', sa.Boolean(), nullable=False),
    sa.Column('matching_weights', sa.JSON(), nullable=False),
    sa.Column('support_contact_rule', sa.Enum('twice_then_monthly', 'fifth_edition', 'custom', name='supportcontactrule', native_enum=False, length=32), nullable=False),
    sa.Column('custom_contacts_first_month', sa.Integer(), nullable=False),
    sa.Column('custom_contact_interval_weeks', sa.Integer(), nullable=False),
    sa.Column('retention_months', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme'))
    )
    op.create_table('participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('mentor', 'mentee', name='role', native_enum=False, length=32), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_participant_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_participant_programme_id_programme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant')),
    sa.UniqueConstraint('programme_id', 'person_id', 'role', name=op.f('uq_participant_programme_id'))
    )
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_programme_id'), ['programme_id'], unique=False)

    op.create_table('match',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('mentor_id', sa.Integer(), nullable=False),
    sa.Column('mentee_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'introduced', 'active', 'paused', 'ending', 'closed', name='matchstatus', native_enum=False, length=32), nullable=False),
    sa.Column('proposed_on', sa.Date(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('planned_end_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.Text(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['mentee_id'], ['participant.id'], name=op.f('fk_match_mentee_id_participant')),
    sa.ForeignKeyConstraint(['mentor_id'], ['participant.id'], name=op.f('fk_match_mentor_id_participant')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_match_programme_id_programme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match'))
    )
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_match_mentee_id'), ['mentee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_match_mentor_id'), ['mentor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_match_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_match_status'), ['status'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_match_status'))
        batch_op.drop_index(batch_op.f('ix_match_programme_id'))
        batch_op.drop_index(batch_op.f('ix_match_mentor_id'))
        batch_op.drop_index(batch_op.f('ix_match_mentee_id'))

    op.drop_table('match')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_programme_id'))
        batch_op.drop_index(batch_op.f('ix_participant_person_id'))

    op.drop_table('participant')
    op.drop_table('programme')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_last_name'))

    op.drop_table('person')

