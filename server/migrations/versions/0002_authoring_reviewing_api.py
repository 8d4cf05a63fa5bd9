"""authoring, reviewing and the integration API

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 18:16:16.985276
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('apitoken',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('prefix', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('scopes', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_used_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('revoked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('apitoken', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_apitoken_prefix'), ['prefix'], unique=False)

    op.create_table('authoredproblem',
    sa.Column('problem_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('files', sa.JSON(), nullable=False),
    sa.Column('state', sa.Enum('DRAFT', 'PUBLISHED', name='problemstate'), nullable=False),
    sa.Column('check_report', sa.JSON(), nullable=True),
    sa.Column('checked_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('problem_id')
    )
    op.create_table('scorecard',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('ratings', sa.JSON(), nullable=False),
    sa.Column('decision', sa.Enum('STRONG_YES', 'YES', 'NO', 'STRONG_NO', name='decision'), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('submitted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], ),
    sa.ForeignKeyConstraint(['reviewer_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('attempt_id', 'reviewer_id')
    )
    with op.batch_alter_table('scorecard', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scorecard_attempt_id'), ['attempt_id'], unique=False)

    op.create_table('similarityflag',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('problem_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('submission_a', sa.Integer(), nullable=False),
    sa.Column('submission_b', sa.Integer(), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['submission_a'], ['submission.id'], ),
    sa.ForeignKeyConstraint(['submission_b'], ['submission.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('submission_a', 'submission_b')
    )
    with op.batch_alter_table('similarityflag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_similarityflag_problem_id'), ['problem_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_similarityflag_submission_a'), ['submission_a'], unique=False)
        batch_op.create_index(batch_op.f('ix_similarityflag_submission_b'), ['submission_b'], unique=False)

    with op.batch_alter_table('problemversion', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                      server_default='bank'))
        batch_op.add_column(sa.Column('published_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_problemversion_published_by_user', 'user', ['published_by'], ['id'])
    # Versions recorded before numbering: 1, 2, 3 ... per problem in the order they were recorded.
    op.execute("UPDATE problemversion SET number = (SELECT COUNT(*) FROM problemversion AS earlier "
               "WHERE earlier.problem_id = problemversion.problem_id AND earlier.id <= problemversion.id)")


def downgrade():
    with op.batch_alter_table('problemversion', schema=None) as batch_op:
        batch_op.drop_constraint('fk_problemversion_published_by_user', type_='foreignkey')
        batch_op.drop_column('published_by')
        batch_op.drop_column('source')
        batch_op.drop_column('number')

    with op.batch_alter_table('similarityflag', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_similarityflag_submission_b'))
        batch_op.drop_index(batch_op.f('ix_similarityflag_submission_a'))
        batch_op.drop_index(batch_op.f('ix_similarityflag_problem_id'))

    op.drop_table('similarityflag')
    with op.batch_alter_table('scorecard', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scorecard_attempt_id'))

    op.drop_table('scorecard')
    op.drop_table('authoredproblem')
    with op.batch_alter_table('apitoken', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_apitoken_prefix'))

    op.drop_table('apitoken')
    for name in ('problemstate', 'decision'):  # PostgreSQL's enum types outlive their tables
        sa.Enum(name=name).drop(op.get_bind(), checkfirst=True)
