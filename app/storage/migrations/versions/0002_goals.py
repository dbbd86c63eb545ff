"""goals: SMART goals, action plans, progress ratings, status and baseline history

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('why', sa.Text(), nullable=False),
    sa.Column('term', sa.Enum('short', 'long', name='goalterm', native_enum=False, length=32), nullable=False),
    sa.Column('baseline_rating', sa.Integer(), nullable=True),
    sa.Column('baseline_note', sa.Text(), nullable=False),
    sa.Column('target', sa.Text(), nullable=False),
    sa.Column('target_rating', sa.Integer(), nullable=True),
    sa.Column('success_criteria', sa.Text(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('target_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('not_started', 'in_progress', 'achieved', 'changed', 'dropped', name='goalstatus', native_enum=False, length=32), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_goal_match_id_match'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal'))
    )
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_match_id'), ['match_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_status'), ['status'], unique=False)

    op.create_table('baseline_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('old_rating', sa.Integer(), nullable=True),
    sa.Column('new_rating', sa.Integer(), nullable=True),
    sa.Column('old_note', sa.Text(), nullable=False),
    sa.Column('new_note', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_baseline_change_goal_id_goal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_baseline_change'))
    )
    with op.batch_alter_table('baseline_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_baseline_change_goal_id'), ['goal_id'], unique=False)

    op.create_table('goal_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('timescale', sa.String(length=200), nullable=False),
    sa.Column('milestone', sa.Text(), nullable=False),
    sa.Column('success_criteria', sa.Text(), nullable=False),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('removed_on', sa.Date(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_goal_action_goal_id_goal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_action'))
    )
    with op.batch_alter_table('goal_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_action_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_action_goal_id'), ['goal_id'], unique=False)

    op.create_table('goal_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('from_status', sa.Enum('not_started', 'in_progress', 'achieved', 'changed', 'dropped', name='goalstatus', native_enum=False, length=32), nullable=True),
    sa.Column('to_status', sa.Enum('not_started', 'in_progress', 'achieved', 'changed', 'dropped', name='goalstatus', native_enum=False, length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_goal_status_change_goal_id_goal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_status_change'))
    )
    with op.batch_alter_table('goal_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_status_change_goal_id'), ['goal_id'], unique=False)

    op.create_table('progress_rating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('rated_on', sa.Date(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.Enum('review', 'meeting', 'other', name='recordedat', native_enum=False, length=32), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_progress_rating_goal_id_goal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_rating'))
    )
    with op.batch_alter_table('progress_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_rating_goal_id'), ['goal_id'], unique=False)

    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('goal_rating_scale_max', sa.Integer(), server_default=sa.text('10'), nullable=False))
        batch_op.add_column(sa.Column('suggested_max_goals', sa.Integer(), server_default=sa.text('3'), nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.drop_column('suggested_max_goals')
        batch_op.drop_column('goal_rating_scale_max')

    with op.batch_alter_table('progress_rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_rating_goal_id'))

    op.drop_table('progress_rating')
    with op.batch_alter_table('goal_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_status_change_goal_id'))

    op.drop_table('goal_status_change')
    with op.batch_alter_table('goal_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_action_goal_id'))
        batch_op.drop_index(batch_op.f('ix_goal_action_due_on'))

    op.drop_table('goal_action')
    with op.batch_alter_table('baseline_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_baseline_change_goal_id'))

    op.drop_table('baseline_change')
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_status'))
        batch_op.drop_index(batch_op.f('ix_goal_match_id'))

    op.drop_table('goal')
