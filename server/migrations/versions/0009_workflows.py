"""admin workflows: users can be deactivated, invites revoked, screens archived; a Run may hold the candidate's
own input

Revision ID: 0009_workflows
Revises: 0008_integrations
Create Date: 2026-12-04 19:20:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0009_workflows'
down_revision = '0008_integrations'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revoked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    with op.batch_alter_table('screen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.add_column(sa.Column('custom_input', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_column('custom_input')
    with op.batch_alter_table('screen', schema=None) as batch_op:
        batch_op.drop_column('archived_at')
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.drop_column('revoked_at')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('active')
