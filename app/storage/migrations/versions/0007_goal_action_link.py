"""Goal actions can come from a meeting log's action point (goal_action.action_point_id).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:

    with op.batch_alter_table('goal_action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('action_point_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_goal_action_action_point_id'), ['action_point_id'], unique=True)
        batch_op.create_foreign_key(batch_op.f('fk_goal_action_action_point_id_action_point'), 'action_point', ['action_point_id'], ['id'], ondelete='SET NULL')




def downgrade() -> None:

    with op.batch_alter_table('goal_action', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_goal_action_action_point_id_action_point'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_goal_action_action_point_id'))
        batch_op.drop_column('action_point_id')


