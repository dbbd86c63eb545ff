"""matching

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 09:19:08.429256
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('waiting_priority',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('set_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_waiting_priority_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_waiting_priority')),
    sa.UniqueConstraint('participant_id', name=op.f('uq_waiting_priority_participant_id'))
    )
    op.create_table('agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('relationship_months', sa.Integer(), nullable=False),
    sa.Column('review_interval_months', sa.Integer(), nullable=False),
    sa.Column('min_meetings_per_month', sa.Integer(), nullable=False),
    sa.Column('min_meeting_minutes', sa.Integer(), nullable=False),
    sa.Column('max_meeting_minutes', sa.Integer(), nullable=False),
    sa.Column('max_contacts_between_meetings', sa.Integer(), nullable=False),
    sa.Column('cancellation_notice_hours', sa.Integer(), nullable=False),
    sa.Column('issues', sa.Text(), nullable=False),
    sa.Column('mentor_role', sa.Text(), nullable=False),
    sa.Column('mentee_role', sa.Text(), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=True),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('policy_version', sa.Integer(), nullable=True),
    sa.Column('policy_approved_on', sa.Date(), nullable=True),
    sa.Column('mentor_signed_on', sa.Date(), nullable=True),
    sa.Column('mentee_signed_on', sa.Date(), nullable=True),
    sa.Column('coordinator_signed_on', sa.Date(), nullable=True),
    sa.Column('signatures_recorded_by', sa.String(length=200), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_agreement_match_id_match'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement')),
    sa.UniqueConstraint('match_id', name=op.f('uq_agreement_match_id'))
    )
    op.create_table('introduction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('staff_present', sa.String(length=300), nullable=False),
    sa.Column('outcome', sa.Enum('go_ahead', 'not_a_good_fit', name='introductionoutcome', native_enum=False, length=32), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_introduction_match_id_match'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_introduction')),
    sa.UniqueConstraint('match_id', name=op.f('uq_introduction_match_id'))
    )
    op.create_table('match_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.Enum('proposed', 'introduced', 'active', 'paused', 'ending', 'closed', name='matchstatus', native_enum=False, length=32), nullable=True),
    sa.Column('to_status', sa.Enum('proposed', 'introduced', 'active', 'paused', 'ending', 'closed', name='matchstatus', native_enum=False, length=32), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('changed_by', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_match_status_change_match_id_match'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_status_change'))
    )
    with op.batch_alter_table('match_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_match_status_change_match_id'), ['match_id'], unique=False)

    op.create_table('risk_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('assessed_by', sa.String(length=200), nullable=False),
    sa.Column('risks', sa.Text(), nullable=False),
    sa.Column('actions', sa.Text(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_risk_assessment_match_id_match'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_assessment')),
    sa.UniqueConstraint('match_id', name=op.f('uq_risk_assessment_match_id'))
    )
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ending_kind', sa.Enum('planned', 'early', 'not_a_good_fit', 'concern', name='endingkind', native_enum=False, length=32), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.drop_column('ending_kind')

    op.drop_table('risk_assessment')
    with op.batch_alter_table('match_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_match_status_change_match_id'))

    op.drop_table('match_status_change')
    op.drop_table('introduction')
    op.drop_table('agreement')
    op.drop_table('waiting_priority')
