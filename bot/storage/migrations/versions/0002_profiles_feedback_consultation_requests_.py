"""profiles, feedback, consultation requests, fsm

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 03:26:11.666895
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('feedback_totals',
    sa.Column('item_id', sa.String(length=128), nullable=False),
    sa.Column('up', sa.Integer(), nullable=False),
    sa.Column('down', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('item_id', name=op.f('pk_feedback_totals'))
    )
    op.create_table('fsm_states',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.String(length=200), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_fsm_states'))
    )
    with op.batch_alter_table('fsm_states', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fsm_states_user_id'), ['user_id'], unique=False)

    op.create_table('consultation_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('topic', sa.String(length=300), nullable=False),
    sa.Column('item_id', sa.String(length=128), nullable=True),
    sa.Column('centre', sa.String(length=64), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('handled_by', sa.BigInteger(), nullable=True),
    sa.Column('staff_chat_id', sa.BigInteger(), nullable=True),
    sa.Column('staff_message_id', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.telegram_id'], name=op.f('fk_consultation_requests_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_requests'))
    )
    with op.batch_alter_table('consultation_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_requests_user_id'), ['user_id'], unique=False)

    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('item_id', sa.String(length=128), nullable=False),
    sa.Column('vote', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.telegram_id'], name=op.f('fk_feedback_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback')),
    sa.UniqueConstraint('user_id', 'item_id', name=op.f('uq_feedback_user_id'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('grade', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('situations', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('interests', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('about', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('riasec', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('source', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('centre', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('notifications', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('onboarded_at', sa.DateTime(timezone=True), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('onboarded_at')
        batch_op.drop_column('notifications')
        batch_op.drop_column('centre')
        batch_op.drop_column('source')
        batch_op.drop_column('riasec')
        batch_op.drop_column('about')
        batch_op.drop_column('interests')
        batch_op.drop_column('situations')
        batch_op.drop_column('grade')

    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_user_id'))

    op.drop_table('feedback')
    with op.batch_alter_table('consultation_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_requests_user_id'))

    op.drop_table('consultation_requests')
    with op.batch_alter_table('fsm_states', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fsm_states_user_id'))

    op.drop_table('fsm_states')
    op.drop_table('feedback_totals')
