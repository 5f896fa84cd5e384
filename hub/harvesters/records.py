"""Records that come with a harvested item (feeds, tables): imported into its dataset by
the records import, after the dataset's own transaction (the import commits itself)."""

from __future__ import annotations

import io
import uuid

from sqlalchemy.orm import Session

from hub.errors import HubError
from hub.harvesters.base import Records
from hub.harvesters.models import HarvestSource
from hub.harvesters.saving import harvest_principal
from hub.records.service import import_records


def import_item_records(
    session: Session, source: HarvestSource, dataset_id: uuid.UUID, records: Records
) -> str | None:
    """Import the rows; None when they went in, else why not (the records stay as they
    were: a failed import changes nothing)."""
    try:
        import_records(
            session,
            harvest_principal(source),
            dataset_id,
            io.BytesIO(records.data),
            records.file_name,
            mode=records.mode,
            on_error="skip",
            record_type=records.record_type,
        )
    except HubError as exc:
        session.rollback()
        return f"Records not imported: {exc.detail}"
    return None
