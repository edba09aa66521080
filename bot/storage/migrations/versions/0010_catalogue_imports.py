"""the log of catalogue imports from the bot and the CLI, with what each changed

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('catalogue_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.BigInteger(), nullable=True),
    sa.Column('via', sa.String(length=8), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('regions', sa.JSON(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('rolls_back', sa.Integer(), nullable=True),
    sa.Column('rolled_back_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("action IN ('upload', 'rollback')", name=op.f('ck_catalogue_imports_action')),
    sa.CheckConstraint("status IN ('pending', 'applied', 'cancelled')", name=op.f('ck_catalogue_imports_status')),
    sa.CheckConstraint("via IN ('bot', 'cli')", name=op.f('ck_catalogue_imports_via')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_imports'))
    )
    with op.batch_alter_table('catalogue_imports', schema=None) as batch_op:
        batch_op.create_index('ix_catalogue_imports_status_id', ['status', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_catalogue_imports_staff_id'), ['staff_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('catalogue_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalogue_imports_staff_id'))
        batch_op.drop_index('ix_catalogue_imports_status_id')

    op.drop_table('catalogue_imports')
