"""meetings

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:17:18.360100
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('form_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_draft')),
    sa.UniqueConstraint('key', name=op.f('uq_form_draft_key'))
    )
    op.create_table('concern',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('raised_by', sa.Enum('mentor', 'mentee', 'coordinator', 'third_party', name='raisedby', native_enum=False, length=32), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('actions_taken', sa.Text(), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_concern_match_id_match'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concern'))
    )
    with op.batch_alter_table('concern', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concern_match_id'), ['match_id'], unique=False)

    op.create_table('meeting_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('mode', sa.Enum('face_to_face', 'telephone', 'video', 'message', 'group', name='meetingmode', native_enum=False, length=32), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('attended', sa.String(length=300), nullable=False),
    sa.Column('stage', sa.Enum('beginning', 'challenging', 'progression', 'ending', name='relationshipstage', native_enum=False, length=32), nullable=True),
    sa.Column('next_meeting_on', sa.Date(), nullable=True),
    sa.Column('mentee_signed_on', sa.Date(), nullable=True),
    sa.Column('mentor_signed_on', sa.Date(), nullable=True),
    sa.Column('copy_to_mentor_on', sa.Date(), nullable=True),
    sa.Column('removed_on', sa.Date(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_meeting_log_match_id_match'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_log'))
    )
    with op.batch_alter_table('meeting_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_log_held_on'), ['held_on'], unique=False)
        batch_op.create_index('ix_meeting_log_match_held', ['match_id', 'held_on'], unique=False)

    op.create_table('support_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('party', sa.Enum('mentor', 'mentee', 'third_party', name='contactparty', native_enum=False, length=32), nullable=False),
    sa.Column('third_party_name', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('mode', sa.Enum('face_to_face', 'telephone', 'video', 'message', 'group', name='meetingmode', native_enum=False, length=32), nullable=False),
    sa.Column('depth', sa.Enum('check_in', 'in_depth', name='contactdepth', native_enum=False, length=32), nullable=False),
    sa.Column('activities', sa.Text(), nullable=False),
    sa.Column('progress', sa.Text(), nullable=False),
    sa.Column('safety_concern', sa.Boolean(), nullable=False),
    sa.Column('safety_notes', sa.Text(), nullable=False),
    sa.Column('quality', sa.Enum('strong', 'good', 'mixed', 'poor', name='relationshipquality', native_enum=False, length=32), nullable=True),
    sa.Column('to_act_on', sa.Text(), nullable=False),
    sa.Column('removed_on', sa.Date(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_support_contact_match_id_match'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_contact'))
    )
    with op.batch_alter_table('support_contact', schema=None) as batch_op:
        batch_op.create_index('ix_support_contact_match_held', ['match_id', 'held_on'], unique=False)

    op.create_table('action_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('agreed_at_id', sa.Integer(), nullable=False),
    sa.Column('reviewed_at_id', sa.Integer(), nullable=True),
    sa.Column('carried_from_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner', sa.Enum('mentee', 'mentor', 'both', name='actionowner', native_enum=False, length=32), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('open', 'done', 'dropped', 'carried_forward', name='actionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agreed_at_id'], ['meeting_log.id'], name=op.f('fk_action_point_agreed_at_id_meeting_log'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['carried_from_id'], ['action_point.id'], name=op.f('fk_action_point_carried_from_id_action_point'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_action_point_match_id_match'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewed_at_id'], ['meeting_log.id'], name=op.f('fk_action_point_reviewed_at_id_meeting_log'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_point'))
    )
    with op.batch_alter_table('action_point', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_point_agreed_at_id'), ['agreed_at_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_point_match_id'), ['match_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_point_reviewed_at_id'), ['reviewed_at_id'], unique=False)

    op.create_table('meeting_private_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting_log.id'], name=op.f('fk_meeting_private_note_meeting_id_meeting_log'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_private_note')),
    sa.UniqueConstraint('meeting_id', name=op.f('uq_meeting_private_note_meeting_id'))
    )


def downgrade() -> None:
    op.drop_table('meeting_private_note')
    with op.batch_alter_table('action_point', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_point_reviewed_at_id'))
        batch_op.drop_index(batch_op.f('ix_action_point_match_id'))
        batch_op.drop_index(batch_op.f('ix_action_point_agreed_at_id'))

    op.drop_table('action_point')
    with op.batch_alter_table('support_contact', schema=None) as batch_op:
        batch_op.drop_index('ix_support_contact_match_held')

    op.drop_table('support_contact')
    with op.batch_alter_table('meeting_log', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_log_match_held')
        batch_op.drop_index(batch_op.f('ix_meeting_log_held_on'))

    op.drop_table('meeting_log')
    with op.batch_alter_table('concern', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concern_match_id'))

    op.drop_table('concern')
    op.drop_table('form_draft')
