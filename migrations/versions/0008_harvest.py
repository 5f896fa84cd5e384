"""Harvesting: sources (one organization each, a backend type, configuration, schedule,
the component site's token), jobs with their statistics and heartbeat, one item per
remote object per job, and the identity of harvested datasets (source, remote id,
content hash; one owner per dataset).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 05:00:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "harvest_source",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("config", JSON, nullable=False),
        sa.Column("schedule", sa.String(length=20), nullable=False),
        sa.Column("auto_publish", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("grace_days", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("token_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_harvest_source_organization_id_organization"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["token_id"],
            ["api_token.id"],
            name=op.f("fk_harvest_source_token_id_api_token"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harvest_source")),
        sa.UniqueConstraint("name", name=op.f("uq_harvest_source_name")),
    )
    with op.batch_alter_table("harvest_source", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_harvest_source_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "harvest_job",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("runner", sa.String(length=200), nullable=True),
        sa.Column("gather_complete", sa.Boolean(), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("gathered", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["harvest_source.id"],
            name=op.f("fk_harvest_job_source_id_harvest_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harvest_job")),
    )
    with op.batch_alter_table("harvest_job", schema=None) as batch_op:
        batch_op.create_index(
            "ix_harvest_job_source_started", ["source_id", "started_at"], unique=False
        )

    op.create_table(
        "harvest_object",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("remote_id", sa.String(length=500), nullable=False),
        sa.Column("dataset_id", sa.Uuid(), nullable=False),
        sa.Column("remote_modified", sa.DateTime(timezone=True), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("missing_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["dataset_id"],
            ["dataset.id"],
            name=op.f("fk_harvest_object_dataset_id_dataset"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["harvest_source.id"],
            name=op.f("fk_harvest_object_source_id_harvest_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harvest_object")),
        sa.UniqueConstraint("dataset_id", name=op.f("uq_harvest_object_dataset_id")),
        sa.UniqueConstraint("source_id", "remote_id", name=op.f("uq_harvest_object_source_id")),
    )
    op.create_table(
        "harvest_item",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("remote_id", sa.String(length=500), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("dataset_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["harvest_job.id"],
            name=op.f("fk_harvest_item_job_id_harvest_job"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harvest_item")),
    )
    with op.batch_alter_table("harvest_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_harvest_item_job_id"), ["job_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("harvest_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_harvest_item_job_id"))

    op.drop_table("harvest_item")
    op.drop_table("harvest_object")
    with op.batch_alter_table("harvest_job", schema=None) as batch_op:
        batch_op.drop_index("ix_harvest_job_source_started")

    op.drop_table("harvest_job")
    with op.batch_alter_table("harvest_source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_harvest_source_organization_id"))

    op.drop_table("harvest_source")
