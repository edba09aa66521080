"""the activity funnel (append-only), catalogue gaps, and the export log

The funnel steps that earlier tables tell are filled in from them: /start (users), consent,
onboarding finished, a booking made and attended. Suggestions and cards seen were never
recorded, so they start empty.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('catalogue_gaps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.Column('region', sa.String(length=16), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_gaps'))
    )
    with op.batch_alter_table('catalogue_gaps', schema=None) as batch_op:
        batch_op.create_index('ix_catalogue_gaps_at', ['at'], unique=False)

    op.create_table('export_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.BigInteger(), nullable=True),
    sa.Column('via', sa.String(length=8), nullable=False),
    sa.Column('what', sa.String(length=64), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('region', sa.String(length=16), nullable=True),
    sa.Column('personal', sa.Boolean(), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("via IN ('bot', 'cli')", name=op.f('ck_export_log_via')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_export_log'))
    )
    with op.batch_alter_table('export_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_export_log_staff_id'), ['staff_id'], unique=False)

    op.create_table('activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('step', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.String(length=128), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("step IN ('start', 'consent', 'onboarded', 'suggestions', 'suggested', 'card', 'booking', 'attended')", name=op.f('ck_activity_step')),
    sa.ForeignKeyConstraint(['user_id'], ['users.telegram_id'], name=op.f('fk_activity_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity')),
    sa.UniqueConstraint('user_id', 'step', 'item_id', name='uq_activity_user_step_item')
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index('ix_activity_step_at', ['step', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_user_id'), ['user_id'], unique=False)

    for statement in _BACKFILL:
        op.execute(statement)


# The first time each person reached a step, as far as the earlier tables tell.
_BACKFILL = (
    """INSERT INTO activity (user_id, step, item_id, at)
       SELECT telegram_id, 'start', '', created_at FROM users""",
    """INSERT INTO activity (user_id, step, item_id, at)
       SELECT user_id, 'consent', '', MIN(given_at) FROM consents
       WHERE kind = 'personal_data' GROUP BY user_id""",
    """INSERT INTO activity (user_id, step, item_id, at)
       SELECT telegram_id, 'onboarded', '', onboarded_at FROM users
       WHERE onboarded_at IS NOT NULL""",
    """INSERT INTO activity (user_id, step, item_id, at)
       SELECT user_id, 'booking', '', MIN(created_at) FROM bookings
       WHERE status NOT IN ('held', 'expired') GROUP BY user_id""",
    """INSERT INTO activity (user_id, step, item_id, at)
       SELECT user_id, 'attended', '', MIN(starts_at) FROM bookings
       WHERE status = 'attended' GROUP BY user_id""",
)


def downgrade() -> None:
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_user_id'))
        batch_op.drop_index('ix_activity_step_at')

    op.drop_table('activity')
    with op.batch_alter_table('export_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_export_log_staff_id'))

    op.drop_table('export_log')
    with op.batch_alter_table('catalogue_gaps', schema=None) as batch_op:
        batch_op.drop_index('ix_catalogue_gaps_at')

    op.drop_table('catalogue_gaps')
