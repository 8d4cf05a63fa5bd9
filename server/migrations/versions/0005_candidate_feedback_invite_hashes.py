"""screens say what candidates see of a submit

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-04 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0003'
branch_labels = None
depends_on = None

CANDIDATE_FEEDBACK = sa.Enum('VERDICT', 'SCORE', name='candidatefeedback')


def upgrade():
    CANDIDATE_FEEDBACK.create(op.get_bind(), checkfirst=True)  # PostgreSQL's type; nothing on SQLite
    with op.batch_alter_table('screen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('candidate_feedback', CANDIDATE_FEEDBACK, nullable=False,
                                      server_default='VERDICT'))  # existing screens: verdict and counts


def downgrade():
    with op.batch_alter_table('screen', schema=None) as batch_op:
        batch_op.drop_column('candidate_feedback')
    CANDIDATE_FEEDBACK.drop(op.get_bind(), checkfirst=True)
