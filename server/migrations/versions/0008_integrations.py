"""integrations: webhook endpoints, the outgoing delivery queue and the tests Greenhouse sent

Revision ID: 0008_integrations
Revises: 0007
Create Date: 2026-12-04 19:30:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0008_integrations'
down_revision = '0007'
branch_labels = None
depends_on = None

UTC = sqlmodel.sql.sqltypes.UTCDateTime
TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade():
    op.create_table(
        'webhookendpoint',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('url', TEXT(), nullable=False),
        sa.Column('secret', TEXT(), nullable=False),
        sa.Column('events', sa.JSON(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('created_at', UTC(), nullable=False),
        sa.Column('removed_at', UTC(), nullable=True),
        sa.ForeignKeyConstraint(['created_by'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'delivery',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', TEXT(), nullable=False),
        sa.Column('event', TEXT(), nullable=False),
        sa.Column('endpoint_id', sa.Integer(), nullable=True),
        sa.Column('method', TEXT(), nullable=False),
        sa.Column('url', TEXT(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('headers', sa.JSON(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', UTC(), nullable=True),
        sa.Column('last_status', sa.Integer(), nullable=True),
        sa.Column('last_error', TEXT(), nullable=True),
        sa.Column('created_at', UTC(), nullable=False),
        sa.Column('delivered_at', UTC(), nullable=True),
        sa.Column('given_up_at', UTC(), nullable=True),
        sa.ForeignKeyConstraint(['endpoint_id'], ['webhookendpoint.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_delivery_endpoint_id', 'delivery', ['endpoint_id'])
    op.create_index('ix_delivery_next_attempt_at', 'delivery', ['next_attempt_at'])
    op.create_table(
        'greenhouseinterview',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('invite_id', sa.Integer(), nullable=False),
        sa.Column('token_id', sa.Integer(), nullable=False),
        sa.Column('partner_test_id', TEXT(), nullable=False),
        sa.Column('candidate', sa.JSON(), nullable=False),
        sa.Column('callback_url', TEXT(), nullable=False),
        sa.Column('callback_authorization', TEXT(), nullable=True),
        sa.Column('emailed_at', UTC(), nullable=True),
        sa.Column('email_error', TEXT(), nullable=True),
        sa.Column('created_at', UTC(), nullable=False),
        sa.ForeignKeyConstraint(['invite_id'], ['invite.id']),
        sa.ForeignKeyConstraint(['token_id'], ['apitoken.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('invite_id'),
    )


def downgrade():
    op.drop_table('greenhouseinterview')
    op.drop_index('ix_delivery_next_attempt_at', table_name='delivery')
    op.drop_index('ix_delivery_endpoint_id', table_name='delivery')
    op.drop_table('delivery')
    op.drop_table('webhookendpoint')
