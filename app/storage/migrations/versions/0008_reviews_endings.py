"""Reviews, endings and certificates: the review and closure records, and the day a person's
retention period starts.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 10:40:45.628484
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('match_closure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('step', sa.String(length=40), nullable=False),
    sa.Column('path', sa.Enum('planned', 'early', name='closurepath', native_enum=False, length=32), nullable=True),
    sa.Column('early_by', sa.Enum('mentor', 'mentee', 'programme', 'unreachable', 'safeguarding', name='earlyby', native_enum=False, length=32), nullable=True),
    sa.Column('not_a_good_fit', sa.Boolean(), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('final_meeting_on', sa.Date(), nullable=True),
    sa.Column('no_final_meeting', sa.Text(), nullable=False),
    sa.Column('mentor_exit_on', sa.Date(), nullable=True),
    sa.Column('mentor_exit_missed', sa.Text(), nullable=False),
    sa.Column('mentor_went_well', sa.Text(), nullable=False),
    sa.Column('mentor_changed', sa.Text(), nullable=False),
    sa.Column('mentor_better', sa.Text(), nullable=False),
    sa.Column('mentor_again', sa.Enum('yes', 'maybe', 'no', name='takepartagain', native_enum=False, length=32), nullable=True),
    sa.Column('mentee_exit_on', sa.Date(), nullable=True),
    sa.Column('mentee_exit_missed', sa.Text(), nullable=False),
    sa.Column('mentee_went_well', sa.Text(), nullable=False),
    sa.Column('mentee_changed', sa.Text(), nullable=False),
    sa.Column('mentee_better', sa.Text(), nullable=False),
    sa.Column('mentee_again', sa.Enum('yes', 'maybe', 'no', name='takepartagain', native_enum=False, length=32), nullable=True),
    sa.Column('contact_rule', sa.Text(), nullable=False),
    sa.Column('mentor_acknowledged_on', sa.Date(), nullable=True),
    sa.Column('mentee_acknowledged_on', sa.Date(), nullable=True),
    sa.Column('acknowledgement_missed', sa.Text(), nullable=False),
    sa.Column('mentee_next', sa.Enum('rematch', 'wait', 'no_rematch', 'leaves', name='menteenext', native_enum=False, length=32), nullable=True),
    sa.Column('mentor_next', sa.Enum('continues', 'break', 'leaves', name='mentornext', native_enum=False, length=32), nullable=True),
    sa.Column('next_note', sa.Text(), nullable=False),
    sa.Column('caution_acknowledged', sa.Boolean(), nullable=False),
    sa.Column('certificates_on', sa.Date(), nullable=True),
    sa.Column('no_certificates', sa.Text(), nullable=False),
    sa.Column('confirmed_on', sa.Date(), nullable=True),
    sa.Column('confirmed_by', sa.String(length=200), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_match_closure_match_id_match'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_closure')),
    sa.UniqueConstraint('match_id', name=op.f('uq_match_closure_match_id'))
    )
    op.create_table('review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('mentor_present', sa.Boolean(), nullable=False),
    sa.Column('mentee_present', sa.Boolean(), nullable=False),
    sa.Column('coordinator_present', sa.Boolean(), nullable=False),
    sa.Column('others_present', sa.String(length=300), nullable=False),
    sa.Column('working_for_mentor', sa.Enum('yes', 'partly', 'no', name='working', native_enum=False, length=32), nullable=True),
    sa.Column('working_for_mentee', sa.Enum('yes', 'partly', 'no', name='working', native_enum=False, length=32), nullable=True),
    sa.Column('goals_still_right', sa.Boolean(), nullable=True),
    sa.Column('goals_note', sa.Text(), nullable=False),
    sa.Column('progress_note', sa.Text(), nullable=False),
    sa.Column('changes_agreed', sa.Text(), nullable=False),
    sa.Column('decision', sa.Enum('continue', 'extend', 'ending', name='reviewdecision', native_enum=False, length=32), nullable=False),
    sa.Column('previous_end_on', sa.Date(), nullable=True),
    sa.Column('new_end_on', sa.Date(), nullable=True),
    sa.Column('mentor_agreed_on', sa.Date(), nullable=True),
    sa.Column('mentee_agreed_on', sa.Date(), nullable=True),
    sa.Column('next_review_on', sa.Date(), nullable=True),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_review_match_id_match'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review'))
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_match_id'), ['match_id'], unique=False)

    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention_from', sa.Date(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('retention_from')

    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_match_id'))

    op.drop_table('review')
    op.drop_table('match_closure')
