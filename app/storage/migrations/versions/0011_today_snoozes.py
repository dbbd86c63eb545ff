"""Today: snoozed items (today_snooze) and the programme's thresholds for people stuck in a
pipeline stage and mentees waiting too long.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('today_snooze',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=200), nullable=False),
    sa.Column('snoozed_on', sa.Date(), nullable=False),
    sa.Column('until', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_today_snooze_programme_id_programme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_today_snooze')),
    sa.UniqueConstraint('programme_id', 'item_key', name=op.f('uq_today_snooze_programme_id'))
    )
    with op.batch_alter_table('today_snooze', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_today_snooze_programme_id'), ['programme_id'], unique=False)

    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stage_stuck_days', sa.Integer(), server_default=sa.text('30'), nullable=False))
        batch_op.add_column(sa.Column('mentee_wait_days', sa.Integer(), server_default=sa.text('60'), nullable=False))

    # The Today list reads the logs still to copy to the mentor and the goal actions still to
    # do: partial indexes hold only those rows.
    op.create_index(
        'ix_meeting_log_copy_waiting', 'meeting_log', ['match_id', 'held_on'],
        sqlite_where=sa.text('copy_to_mentor_on IS NULL AND removed_on IS NULL'),
        postgresql_where=sa.text('copy_to_mentor_on IS NULL AND removed_on IS NULL'),
    )
    op.create_index(
        'ix_goal_action_open_due', 'goal_action', ['goal_id', 'due_on'],
        sqlite_where=sa.text('done_on IS NULL AND removed_on IS NULL'),
        postgresql_where=sa.text('done_on IS NULL AND removed_on IS NULL'),
    )



def downgrade() -> None:
    op.drop_index('ix_goal_action_open_due', table_name='goal_action')
    op.drop_index('ix_meeting_log_copy_waiting', table_name='meeting_log')

    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.drop_column('mentee_wait_days')
        batch_op.drop_column('stage_stuck_days')

    with op.batch_alter_table('today_snooze', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_today_snooze_programme_id'))

    op.drop_table('today_snooze')
