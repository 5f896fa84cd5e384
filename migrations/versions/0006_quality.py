"""Metadata quality: the latest link check of each distribution URL (keyed by the URL's
SHA-256) and the stored quality score of each dataset, for ranking organizations
without recomputing every dataset.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 04:20:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "link_check",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("url_key", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(length=30), nullable=True),
        sa.Column("detail", sa.String(length=300), nullable=True),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("elapsed_ms", sa.Integer(), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_check")),
        sa.UniqueConstraint("url_key", name=op.f("uq_link_check_url_key")),
    )
    with op.batch_alter_table("link_check", schema=None) as batch_op:
        batch_op.create_index("ix_link_check_checked_at", ["checked_at"], unique=False)

    op.create_table(
        "quality_score",
        sa.Column("dataset_id", sa.Uuid(), nullable=False),
        sa.Column("revision_number", sa.Integer(), nullable=False),
        sa.Column("method", sa.Integer(), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column("rating", sa.String(length=20), nullable=False),
        sa.Column("stars", sa.Integer(), nullable=False),
        sa.Column("links_checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        # Last: the ranking reads the columns above, and SQLite reads columns in order.
        sa.Column("dimensions", JSON, nullable=False),
        sa.Column("indicators", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["dataset_id"],
            ["dataset.id"],
            name=op.f("fk_quality_score_dataset_id_dataset"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("dataset_id", name=op.f("pk_quality_score")),
    )
    with op.batch_alter_table("quality_score", schema=None) as batch_op:
        batch_op.create_index("ix_quality_score_computed_at", ["computed_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quality_score", schema=None) as batch_op:
        batch_op.drop_index("ix_quality_score_computed_at")
    op.drop_table("quality_score")
    with op.batch_alter_table("link_check", schema=None) as batch_op:
        batch_op.drop_index("ix_link_check_checked_at")
    op.drop_table("link_check")
