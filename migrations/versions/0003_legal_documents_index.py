"""Legal documents: the hub-wide index of documents, relations, files and review flags.

Derived from the records of legal_document datasets by every import.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 22:33:32.138537
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "legal_document",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("dataset_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("title_key", sa.String(length=300), nullable=True),
        sa.Column("number", sa.String(length=120), nullable=False),
        sa.Column("doc_type", sa.String(length=10), nullable=True),
        sa.Column("issuer", sa.String(length=300), nullable=True),
        sa.Column("issuer_code", sa.String(length=60), nullable=True),
        sa.Column("issued", sa.Date(), nullable=False),
        sa.Column("effective", sa.Date(), nullable=True),
        sa.Column("expired", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("abstract", sa.Text(), nullable=False),
        sa.Column("row", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "record",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["dataset_id"],
            ["dataset.id"],
            name=op.f("fk_legal_document_dataset_id_dataset"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_document")),
    )
    with op.batch_alter_table("legal_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_legal_document_dataset_id"), ["dataset_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_legal_document_doc_type"), ["doc_type"], unique=False)
        batch_op.create_index("ix_legal_document_issued_id", ["issued", "id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_legal_document_issuer_code"), ["issuer_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_legal_document_key"), ["key"], unique=False)
        batch_op.create_index(batch_op.f("ix_legal_document_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_legal_document_title_key"), ["title_key"], unique=False
        )

    op.create_table(
        "legal_file",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("dataset_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("file_key", sa.String(length=80), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["dataset_id"],
            ["dataset.id"],
            name=op.f("fk_legal_file_dataset_id_dataset"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_file")),
    )
    with op.batch_alter_table("legal_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_legal_file_dataset_id"), ["dataset_id"], unique=False)
        batch_op.create_index("uq_legal_file_document_role", ["document_id", "role"], unique=True)

    op.create_table(
        "review_flag",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("subject_type", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("subject_label", sa.String(length=500), nullable=False),
        sa.Column("dataset_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("cause_key", sa.String(length=300), nullable=False),
        sa.Column("cause_number", sa.String(length=300), nullable=False),
        sa.Column("cause_id", sa.Uuid(), nullable=True),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(length=200), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["dataset_id"],
            ["dataset.id"],
            name=op.f("fk_review_flag_dataset_id_dataset"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_review_flag_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_flag")),
    )
    with op.batch_alter_table("review_flag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_flag_dataset_id"), ["dataset_id"], unique=False)
        batch_op.create_index("ix_review_flag_open", ["resolved_at", "created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_review_flag_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_review_flag_subject_id"), ["subject_id"], unique=False)

    op.create_table(
        "legal_relation",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("target_key", sa.String(length=300), nullable=False),
        sa.Column("number", sa.String(length=120), nullable=True),
        sa.Column("label", sa.String(length=1000), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["legal_document.id"],
            name=op.f("fk_legal_relation_source_id_legal_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_relation")),
    )
    with op.batch_alter_table("legal_relation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_legal_relation_source_id"), ["source_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_legal_relation_target_key"), ["target_key"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("legal_relation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legal_relation_target_key"))
        batch_op.drop_index(batch_op.f("ix_legal_relation_source_id"))

    op.drop_table("legal_relation")
    with op.batch_alter_table("review_flag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_flag_subject_id"))
        batch_op.drop_index(batch_op.f("ix_review_flag_organization_id"))
        batch_op.drop_index("ix_review_flag_open")
        batch_op.drop_index(batch_op.f("ix_review_flag_dataset_id"))

    op.drop_table("review_flag")
    with op.batch_alter_table("legal_file", schema=None) as batch_op:
        batch_op.drop_index("uq_legal_file_document_role")
        batch_op.drop_index(batch_op.f("ix_legal_file_dataset_id"))

    op.drop_table("legal_file")
    with op.batch_alter_table("legal_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legal_document_title_key"))
        batch_op.drop_index(batch_op.f("ix_legal_document_status"))
        batch_op.drop_index(batch_op.f("ix_legal_document_key"))
        batch_op.drop_index(batch_op.f("ix_legal_document_issuer_code"))
        batch_op.drop_index("ix_legal_document_issued_id")
        batch_op.drop_index(batch_op.f("ix_legal_document_doc_type"))
        batch_op.drop_index(batch_op.f("ix_legal_document_dataset_id"))

    op.drop_table("legal_document")
