"""the interest quiz's twelve answers, kept beside the scores they give

What a person said «Не нравится» to rules catalogue items out of their suggestions, so the
answers themselves are stored, not only the six RIASEC scores. Rows from before have none:
those people's suggestions are filtered as before, until they take the quiz again.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quiz_answers', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('quiz_answers')
