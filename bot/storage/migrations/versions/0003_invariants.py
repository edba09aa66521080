"""invariants in the database: one active consent per kind, one open request per topic,
status and vote checks

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Rows the races of earlier versions left behind would break the new unique indexes:
    # keep the newest active consent of each kind, and the newest open request per topic.
    op.execute(
        """
        UPDATE consents SET withdrawn_at = given_at
        WHERE withdrawn_at IS NULL AND EXISTS (
            SELECT 1 FROM consents AS newer
            WHERE newer.user_id = consents.user_id AND newer.kind = consents.kind
              AND newer.withdrawn_at IS NULL AND newer.id > consents.id
        )
        """
    )
    op.execute(
        """
        UPDATE consultation_requests SET status = 'withdrawn'
        WHERE status = 'open' AND EXISTS (
            SELECT 1 FROM consultation_requests AS newer
            WHERE newer.user_id = consultation_requests.user_id
              AND newer.topic = consultation_requests.topic
              AND newer.status = 'open' AND newer.id > consultation_requests.id
        )
        """
    )
    op.execute("UPDATE feedback_totals SET up = 0 WHERE up < 0")
    op.execute("UPDATE feedback_totals SET down = 0 WHERE down < 0")

    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.create_check_constraint('kind', "kind IN ('personal_data', 'mailing')")
        batch_op.create_index(
            'uq_consents_active', ['user_id', 'kind'], unique=True,
            postgresql_where=sa.text('withdrawn_at IS NULL'),
            sqlite_where=sa.text('withdrawn_at IS NULL'),
        )
    with op.batch_alter_table('consultation_requests', schema=None) as batch_op:
        batch_op.create_check_constraint('status', "status IN ('open', 'handled', 'withdrawn')")
        batch_op.create_index(
            'uq_consultation_requests_open_topic', ['user_id', 'topic'], unique=True,
            postgresql_where=sa.text("status = 'open'"),
            sqlite_where=sa.text("status = 'open'"),
        )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_check_constraint('vote', 'vote IN (-1, 1)')
    with op.batch_alter_table('feedback_totals', schema=None) as batch_op:
        batch_op.create_check_constraint('not_negative', 'up >= 0 AND down >= 0')


def downgrade() -> None:
    with op.batch_alter_table('feedback_totals', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_feedback_totals_not_negative'), type_='check')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_feedback_vote'), type_='check')
    with op.batch_alter_table('consultation_requests', schema=None) as batch_op:
        batch_op.drop_index('uq_consultation_requests_open_topic')
        batch_op.drop_constraint(batch_op.f('ck_consultation_requests_status'), type_='check')
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_index('uq_consents_active')
        batch_op.drop_constraint(batch_op.f('ck_consents_kind'), type_='check')
