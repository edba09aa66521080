"""staff rights granted in the bot, and who created or changed events in the bot

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('staff_grants',
    sa.Column('user_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('region', sa.String(length=32), nullable=True),
    sa.Column('granted_by', sa.BigInteger(), nullable=True),
    sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('staff')", name=op.f('ck_staff_grants_role')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_staff_grants'))
    )
    op.create_table('event_edits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=128), nullable=False),
    sa.Column('staff_id', sa.BigInteger(), nullable=True),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("action IN ('created', 'edited')", name=op.f('ck_event_edits_action')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_edits'))
    )
    with op.batch_alter_table('event_edits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_edits_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_edits_staff_id'), ['staff_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('event_edits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_edits_staff_id'))
        batch_op.drop_index(batch_op.f('ix_event_edits_event_id'))

    op.drop_table('event_edits')
    op.drop_table('staff_grants')
