"""validation runs kept as rows; invites record the API token that made them

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 14:37:54.251519
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

INVITE_TOKEN_FK = 'fk_invite_created_by_token_apitoken'


def upgrade():
    op.create_table('validationrun',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('problem_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('files_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sa.Enum('QUEUED', 'RUNNING', 'DONE', 'ERROR', name='validationstatus'), nullable=False),
    sa.Column('phase', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('fraction', sa.Float(), nullable=False),
    sa.Column('message', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('requested_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('finished_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['problem_id'], ['authoredproblem.problem_id'], ),
    sa.ForeignKeyConstraint(['requested_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('validationrun', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_validationrun_problem_id'), ['problem_id'], unique=False)

    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by_token', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(INVITE_TOKEN_FK, 'apitoken', ['created_by_token'], ['id'])


def downgrade():
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.drop_constraint(INVITE_TOKEN_FK, type_='foreignkey')
        batch_op.drop_column('created_by_token')

    with op.batch_alter_table('validationrun', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_validationrun_problem_id'))

    op.drop_table('validationrun')
    for name in ('validationstatus',):  # PostgreSQL's enum types outlive their tables
        sa.Enum(name=name).drop(op.get_bind(), checkfirst=True)
