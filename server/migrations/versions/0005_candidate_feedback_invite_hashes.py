"""screens say what candidates see of a submit; invites keep a hash of their token, not the token

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 10:00:00.000000

Existing invites' links keep working: each token is replaced by its SHA-256
(what ``invite_for`` looks up) and its first 8 characters. Going down cannot
bring the tokens back: each invite's token becomes its hash, so links made
before the downgrade stop opening.
"""

import hashlib

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

CANDIDATE_FEEDBACK = sa.Enum('VERDICT', 'SCORE', name='candidatefeedback')
TOKEN_PREFIX_CHARS = 8  # as server.services.attempts.TOKEN_PREFIX_CHARS when this was written
TEXT = sqlmodel.sql.sqltypes.AutoString()
INVITE = sa.table('invite', sa.column('id', sa.Integer()), sa.column('token', TEXT), sa.column('token_hash', TEXT),
                  sa.column('token_prefix', TEXT))


def upgrade():
    CANDIDATE_FEEDBACK.create(op.get_bind(), checkfirst=True)  # PostgreSQL's type; nothing on SQLite
    with op.batch_alter_table('screen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('candidate_feedback', CANDIDATE_FEEDBACK, nullable=False,
                                      server_default='VERDICT'))  # existing screens: verdict and counts

    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.add_column(sa.Column('token_hash', TEXT, nullable=True))
        batch_op.add_column(sa.Column('token_prefix', TEXT, nullable=True))
    connection = op.get_bind()
    for invite_id, token in connection.execute(sa.select(INVITE.c.id, INVITE.c.token)).all():
        connection.execute(INVITE.update().where(INVITE.c.id == invite_id).values(
            token_hash=hashlib.sha256(token.encode('utf-8')).hexdigest(), token_prefix=token[:TOKEN_PREFIX_CHARS]))
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.alter_column('token_hash', existing_type=TEXT, nullable=False)
        batch_op.alter_column('token_prefix', existing_type=TEXT, nullable=False)
        batch_op.drop_index('ix_invite_token')
        batch_op.drop_column('token')
        batch_op.create_index(batch_op.f('ix_invite_token_hash'), ['token_hash'], unique=True)


def downgrade():
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.add_column(sa.Column('token', TEXT, nullable=True))
    op.get_bind().execute(INVITE.update().values(token=INVITE.c.token_hash))  # the tokens themselves are gone
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.alter_column('token', existing_type=TEXT, nullable=False)
        batch_op.drop_index(batch_op.f('ix_invite_token_hash'))
        batch_op.drop_column('token_prefix')
        batch_op.drop_column('token_hash')
        batch_op.create_index(batch_op.f('ix_invite_token'), ['token'], unique=True)

    with op.batch_alter_table('screen', schema=None) as batch_op:
        batch_op.drop_column('candidate_feedback')
    CANDIDATE_FEEDBACK.drop(op.get_bind(), checkfirst=True)
