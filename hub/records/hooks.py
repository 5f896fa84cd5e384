"""What else must change, in the same transaction, when a record type's rows change.

Named by import path so the records store does not depend on the domains built on it
(the legal-document index lives in ``hub.legal`` and reads the records store).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from sqlalchemy import Table
from sqlalchemy.orm import Session

from hub.datasets.models import Dataset
from hub.records.schema import FieldSpec

AFTER_WRITE: dict[str, str] = {"legal_document": "hub.legal.index:sync_dataset"}
_resolved: dict[str, Callable[..., None]] = {}


def after_write(
    session: Session,
    dataset: Dataset,
    schema_name: str,
    fields: tuple[FieldSpec, ...],
    table: Table,
) -> None:
    target = AFTER_WRITE.get(schema_name)
    if target is None:
        return
    hook = _resolved.get(target)
    if hook is None:
        module, _, name = target.partition(":")
        hook = _resolved[target] = getattr(import_module(module), name)
    hook(session, dataset, fields, table)
