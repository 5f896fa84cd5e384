"""Search: the database backend's documents, facet values and numbers, and the
engine's own full-text index (FTS5 on SQLite, a tsvector with GIN on PostgreSQL).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 23:26:50.019539
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_document",
        sa.Column(
            "rowid",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("dataset_id", sa.Uuid(), nullable=True),
        sa.Column("organization", sa.String(length=100), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("modified", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("rowid", name=op.f("pk_search_document")),
        sa.UniqueConstraint("id", name=op.f("uq_search_document_id")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_search_document_dataset_id"), ["dataset_id"], unique=False
        )
        batch_op.create_index("ix_search_document_modified", ["modified", "rowid"], unique=False)

    op.create_table(
        "search_facet",
        sa.Column("doc", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("facet", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc"],
            ["search_document.rowid"],
            name=op.f("fk_search_facet_doc_search_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("doc", "facet", "value", name=op.f("pk_search_facet")),
    )
    with op.batch_alter_table("search_facet", schema=None) as batch_op:
        batch_op.create_index("ix_search_facet_value", ["facet", "value", "doc"], unique=False)

    op.create_table(
        "search_number",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("doc", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("number", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc"],
            ["search_document.rowid"],
            name=op.f("fk_search_number_doc_search_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", "doc", name=op.f("pk_search_number")),
    )
    if op.get_bind().dialect.name == "sqlite":
        # Texts arrive folded to [a-z0-9] words (hub.search.text): the ascii tokenizer
        # only splits them, twice as fast as unicode61.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, numbers, tokenize='ascii')"
        )
    else:
        op.execute("ALTER TABLE search_document ADD COLUMN tsv tsvector")
        op.execute("CREATE INDEX ix_search_document_tsv ON search_document USING gin (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table("search_number")
    with op.batch_alter_table("search_facet", schema=None) as batch_op:
        batch_op.drop_index("ix_search_facet_value")

    op.drop_table("search_facet")
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        batch_op.drop_index("ix_search_document_modified")
        batch_op.drop_index(batch_op.f("ix_search_document_dataset_id"))

    op.drop_table("search_document")
