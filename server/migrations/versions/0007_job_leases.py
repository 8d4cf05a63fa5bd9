"""submissions and validation runs record who holds them, their last heartbeat and when they were last sent,
so judges on several hosts can take jobs from a broker without judging one twice or losing one

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 10:00:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

TABLES = ('submission', 'validationrun')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('claimed_by', sa.String(), nullable=True))
            batch_op.add_column(sa.Column('heartbeat_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
            batch_op.add_column(sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
            batch_op.create_index(f'ix_{table}_status', ['status'])


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'ix_{table}_status')
            batch_op.drop_column('sent_at')
            batch_op.drop_column('heartbeat_at')
            batch_op.drop_column('claimed_by')
