"""question items: problem versions have a kind, screens a fluency weight, attempts their fluency, candidates'
answers a table

Revision ID: 0010_question_items
Revises: 0009_workflows
Create Date: 2026-12-04 19:30:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0010_question_items'
down_revision = '0009_workflows'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('problemversion', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(), nullable=False, server_default='coding'))
    with op.batch_alter_table('screen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fluency_weight', sa.Integer(), nullable=False, server_default='20'))
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fluency', sa.Float(), nullable=True))
    op.create_table(
        'questionanswer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attempt_id', sa.Integer(), nullable=False),
        sa.Column('problem_version_id', sa.Integer(), nullable=False),
        sa.Column('choices', sa.JSON(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('saved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('reviewer_score', sa.Float(), nullable=True),
        sa.Column('reviewed_by', sa.Integer(), nullable=True),
        sa.Column('reviewed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], ),
        sa.ForeignKeyConstraint(['problem_version_id'], ['problemversion.id'], ),
        sa.ForeignKeyConstraint(['reviewed_by'], ['user.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('attempt_id', 'problem_version_id'),
    )
    with op.batch_alter_table('questionanswer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_questionanswer_attempt_id'), ['attempt_id'], unique=False)


def downgrade():
    with op.batch_alter_table('questionanswer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questionanswer_attempt_id'))
    op.drop_table('questionanswer')
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_column('fluency')
    with op.batch_alter_table('screen', schema=None) as batch_op:
        batch_op.drop_column('fluency_weight')
    with op.batch_alter_table('problemversion', schema=None) as batch_op:
        batch_op.drop_column('kind')
