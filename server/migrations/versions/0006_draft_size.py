"""drafts record their size, so an attempt's draft history can be kept within a budget

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('size', sa.Integer(), nullable=False, server_default='0'))
    # Characters, not bytes, for the drafts saved before: close enough for a budget.
    op.execute("UPDATE draft SET size = length(code) + length(notes)")
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.alter_column('size', server_default=None)


def downgrade():
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.drop_column('size')
