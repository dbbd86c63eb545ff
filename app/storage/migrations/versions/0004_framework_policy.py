"""framework_policy

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 09:16:54.077819
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('planning_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('question', sa.String(length=64), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_planning_answer_programme_id_programme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planning_answer')),
    sa.UniqueConstraint('programme_id', 'question', name=op.f('uq_planning_answer_programme_id'))
    )
    with op.batch_alter_table('planning_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_planning_answer_programme_id'), ['programme_id'], unique=False)

    op.create_table('planning_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('current_step', sa.String(length=64), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_planning_progress_programme_id_programme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planning_progress')),
    sa.UniqueConstraint('programme_id', name=op.f('uq_planning_progress_programme_id'))
    )
    op.create_table('policy_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('approved_by', sa.String(length=200), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_policy_version_programme_id_programme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_version')),
    sa.UniqueConstraint('programme_id', 'number', name=op.f('uq_policy_version_programme_id'))
    )
    with op.batch_alter_table('policy_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policy_version_programme_id'), ['programme_id'], unique=False)

    op.create_table('policy_passage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('policy_version_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('heading', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['policy_version_id'], ['policy_version.id'], name=op.f('fk_policy_passage_policy_version_id_policy_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_passage')),
    sa.UniqueConstraint('policy_version_id', 'key', name=op.f('uq_policy_passage_policy_version_id'))
    )
    with op.batch_alter_table('policy_passage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policy_passage_policy_version_id'), ['policy_version_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('policy_passage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policy_passage_policy_version_id'))

    op.drop_table('policy_passage')
    with op.batch_alter_table('policy_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policy_version_programme_id'))

    op.drop_table('policy_version')
    op.drop_table('planning_progress')
    with op.batch_alter_table('planning_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_planning_answer_programme_id'))

    op.drop_table('planning_answer')
