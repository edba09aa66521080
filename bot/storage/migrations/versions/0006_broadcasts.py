"""staff broadcasts and their delivery outbox

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('broadcasts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.BigInteger(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('entities', sa.JSON(), nullable=False),
    sa.Column('file_id', sa.String(length=256), nullable=True),
    sa.Column('button_text', sa.String(length=64), nullable=True),
    sa.Column('button_url', sa.String(length=512), nullable=True),
    sa.Column('button_data', sa.String(length=64), nullable=True),
    sa.Column('segment', sa.JSON(), nullable=False),
    sa.Column('paid', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('progress_chat_id', sa.BigInteger(), nullable=True),
    sa.Column('progress_message_id', sa.BigInteger(), nullable=True),
    sa.Column('progress_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('text', 'photo', 'document')", name=op.f('ck_broadcasts_kind')),
    sa.CheckConstraint("status IN ('sending', 'paused', 'cancelled', 'done')", name=op.f('ck_broadcasts_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_broadcasts'))
    )
    op.create_table('broadcast_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('broadcast_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('not_before', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('detail', sa.String(length=200), nullable=True),
    sa.CheckConstraint("status IN ('pending', 'claimed', 'sending', 'sent', 'blocked', 'failed', 'unknown', 'skipped', 'cancelled')", name=op.f('ck_broadcast_deliveries_status')),
    sa.ForeignKeyConstraint(['broadcast_id'], ['broadcasts.id'], name=op.f('fk_broadcast_deliveries_broadcast_id_broadcasts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.telegram_id'], name=op.f('fk_broadcast_deliveries_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_broadcast_deliveries')),
    sa.UniqueConstraint('broadcast_id', 'user_id', name='uq_broadcast_deliveries_broadcast_user')
    )
    with op.batch_alter_table('broadcast_deliveries', schema=None) as batch_op:
        batch_op.create_index('ix_broadcast_deliveries_queue', ['broadcast_id', 'status', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_broadcast_deliveries_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('broadcast_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_broadcast_deliveries_user_id'))
        batch_op.drop_index('ix_broadcast_deliveries_queue')

    op.drop_table('broadcast_deliveries')
    op.drop_table('broadcasts')
