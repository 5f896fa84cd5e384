"""Search: drop the index of search documents by modification time. Recency is read
from ``search_entry.stamp`` since 0005; the index only cost every indexed document a
b-tree insert.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 06:00:00
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        batch_op.drop_index("ix_search_document_modified")


def downgrade() -> None:
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        batch_op.create_index("ix_search_document_modified", ["modified", "rowid"], unique=False)
