"""Search: compact per-document entries for matching, ranking and facets, and facet
count deltas, in place of the facet value table; on PostgreSQL the tsvectors move to
the entries (``tsv`` out of line for the GIN index, ``rank`` inline for ranking).

The search tables hold derived data only: they are emptied here, and ``hub init``
rebuilds the index when it finds it empty while the catalog is not.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 02:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DELETE FROM search_fts")
        # Merge segments when 8 of a level exist, not 4: indexing 100,000 documents
        # went from about 4,500 to 5,100 per second; queries read a few more segments
        # until the next merge or an optimize.
        op.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 8)")
    else:
        op.execute("DROP INDEX IF EXISTS ix_search_document_tsv")
        op.execute("ALTER TABLE search_document DROP COLUMN tsv")
    with op.batch_alter_table("search_facet", schema=None) as batch_op:
        batch_op.drop_index("ix_search_facet_value")
    op.drop_table("search_facet")
    op.execute("DELETE FROM search_number")
    op.execute("DELETE FROM search_document")

    op.create_table(
        "search_entry",
        sa.Column("doc", BIG_ID, autoincrement=False, nullable=False),
        sa.Column("stamp", sa.BigInteger(), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("organization", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=200), nullable=False),
        sa.Column("year", sa.String(length=200), nullable=False),
        sa.Column("licence", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=200), nullable=False),
        sa.Column("themes", sa.String(length=2000), nullable=False),
        sa.Column("formats", sa.String(length=2000), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc"],
            ["search_document.rowid"],
            name=op.f("fk_search_entry_doc_search_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("doc", name=op.f("pk_search_entry")),
    )
    with op.batch_alter_table("search_entry", schema=None) as batch_op:
        batch_op.create_index("ix_search_entry_stamp", ["stamp", "doc"], unique=False)
    op.create_table(
        "search_count",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("facet", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_count")),
        sqlite_autoincrement=True,
    )
    if not sqlite:
        op.execute("ALTER TABLE search_entry ADD COLUMN tsv tsvector NOT NULL")
        op.execute("ALTER TABLE search_entry ADD COLUMN rank tsvector NOT NULL")
        # tsv is read by the GIN index only: out of line, the rows that queries walk
        # stay small. rank is read for every hit: kept inline.
        op.execute("ALTER TABLE search_entry ALTER COLUMN tsv SET STORAGE EXTERNAL")
        op.execute("ALTER TABLE search_entry ALTER COLUMN rank SET STORAGE MAIN")
        op.execute("ALTER TABLE search_entry SET (toast_tuple_target = 256)")
        op.execute("CREATE INDEX ix_search_entry_tsv ON search_entry USING gin (tsv)")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DELETE FROM search_fts")
    op.drop_table("search_count")
    with op.batch_alter_table("search_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_search_entry_stamp")
    op.drop_table("search_entry")
    op.execute("DELETE FROM search_number")
    op.execute("DELETE FROM search_document")
    op.create_table(
        "search_facet",
        sa.Column("doc", BIG_ID, nullable=False),
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
    if not sqlite:
        op.execute("ALTER TABLE search_document ADD COLUMN tsv tsvector")
        op.execute("CREATE INDEX ix_search_document_tsv ON search_document USING gin (tsv)")
