"""The public catalog as a DCAT-US (Project Open Data v1.1) ``data.json``, non-federal profile.

Harvesters such as CKAN's ckanext-datajson and data.gov read this file. Only published
PUBLIC datasets are listed (``visible_to`` the anonymous caller). The document is
streamed: datasets are read in keyset-paged batches, each with its organizations and
distributions in one query per relation (no per-dataset query), and dropped from the
session after writing, so memory stays flat at 10,000 datasets.

``bureauCode`` and ``programCode`` are federal only and left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hub.auth.principal import Principal
from hub.datasets.models import Dataset, Distribution, Organization
from hub.datasets.service import visible_to
from hub.datasets.vocab import ACCESS_RIGHTS, CONTENT_TYPES, THEMES
from hub.metadata.dcat import dataset_iri, distribution_url
from hub.metadata.schemaorg_dataset import iso_datetime, iso_interval, licence_url

POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"
CONTEXT = f"{POD_SCHEMA}/catalog.jsonld"
DESCRIBED_BY = f"{POD_SCHEMA}/catalog.json"
BATCH_SIZE = 500

ACCESS_LEVELS = {"PUBLIC": "public", "RESTRICTED": "restricted public", "NON_PUBLIC": "non-public"}
# ISO 8601 repeating durations, as the POD schema spells frequencies; none for "never".
PERIODICITY = {
    "CONT": "R/PT1S",
    "DAILY": "R/P1D",
    "WEEKLY": "R/P1W",
    "MONTHLY": "R/P1M",
    "QUARTERLY": "R/P3M",
    "ANNUAL_2": "R/P6M",
    "ANNUAL": "R/P1Y",
    "BIENNIAL": "R/P2Y",
    "IRREG": "irregular",
}
# The schema's own patterns: a value that would fail them is left out rather than sent.
_EMAIL = re.compile(r"^[\w\_\~\!\$\&\'\(\)\*\+\,\;\=\:.-]+@[\w.-]+\.[\w.-]+?$")
_MEDIA_TYPE = re.compile(r"^[-\w]+/[-\w]+(\.[-\w]+)*([+][-\w]+)?$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

__all__ = ["catalog_chunks", "datajson_dataset", "public_datasets"]


def public_datasets(session: Session, batch_size: int = BATCH_SIZE) -> Iterator[Dataset]:
    """Published PUBLIC datasets by slug, loaded a batch at a time with their relations."""
    visible = visible_to(Principal.anonymous())
    after: str | None = None
    while True:
        query = (
            select(Dataset)
            .where(visible)
            .order_by(Dataset.slug)
            .limit(batch_size)
            .options(
                selectinload(Dataset.organization).selectinload(Organization.parent),
                selectinload(Dataset.distributions),
            )
        )
        if after is not None:
            query = query.where(Dataset.slug > after)
        batch = list(session.scalars(query))
        if not batch:
            return
        yield from batch
        after = batch[-1].slug
        for dataset in batch:  # read only: forget them (and their distributions) once written
            if dataset in session:
                session.expunge(dataset)
        if len(batch) < batch_size:
            return


def catalog_chunks(session: Session, base_url: str, batch_size: int = BATCH_SIZE) -> Iterator[str]:
    """The ``data.json`` document in pieces (one per dataset), valid JSON once joined."""
    base = base_url.rstrip("/")
    head = {
        "@context": CONTEXT,
        "@id": f"{base}/data.json",
        "@type": "dcat:Catalog",
        "conformsTo": POD_SCHEMA,
        "describedBy": DESCRIBED_BY,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "dataset": ['
    separator = ""
    for dataset in public_datasets(session, batch_size):
        yield separator + json.dumps(datajson_dataset(dataset, base), ensure_ascii=False)
        separator = ", "
    yield "]}\n"


def datajson_dataset(dataset: Dataset, base_url: str) -> dict[str, Any]:
    """One POD v1.1 dataset object (organization and distributions loaded)."""
    base = base_url.rstrip("/")
    iri = str(dataset_iri(base, dataset.slug))
    access = dataset.access_rights or "PUBLIC"
    item: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "title": dataset.title_vi,
        "description": (dataset.description_vi or dataset.description_en or dataset.title_vi),
        "keyword": _keywords(dataset),
        "modified": iso_datetime(dataset.modified or dataset.metadata_modified),
        "publisher": _publisher(dataset.organization),
        "contactPoint": _contact(dataset),
        "identifier": iri,
        "accessLevel": ACCESS_LEVELS.get(access, "non-public"),
        "rights": _rights(access),
        "license": licence_url(dataset.licence),
        "spatial": dataset.spatial,
        # POD has no open-ended interval: a period with one side unknown is left out.
        "temporal": iso_interval(dataset.temporal_start, dataset.temporal_end, open_ended=False),
        "accrualPeriodicity": PERIODICITY.get(dataset.frequency or ""),
        "issued": iso_datetime(dataset.issued),
        "language": [c for c in dataset.language or [] if _LANGUAGE.match(c)],
        "landingPage": dataset.landing_page or iri,
        "theme": [THEMES[c].vi for c in dataset.themes or [] if c in THEMES],
        "distribution": [_distribution(dataset, d, base) for d in dataset.distributions],
    }
    return {k: v for k, v in item.items() if v not in (None, "", [])}


def _keywords(dataset: Dataset) -> list[str]:
    """Keywords are required (at least one): themes, then the content type, stand in."""
    words = [k.strip() for k in dataset.keywords or [] if k and k.strip()]
    if not words:
        words = [THEMES[c].vi for c in dataset.themes or [] if c in THEMES]
    if not words:
        kind = CONTENT_TYPES.get(dataset.content_type)
        words = [kind.vi if kind else dataset.content_type]
    return list(dict.fromkeys(words))


def _publisher(org: Organization) -> dict[str, Any]:
    publisher: dict[str, Any] = {"@type": "org:Organization", "name": org.title_vi}
    if org.parent is not None:  # one level: the province above a department or commune
        publisher["subOrganizationOf"] = {"@type": "org:Organization", "name": org.parent.title_vi}
    return publisher


def _contact(dataset: Dataset) -> dict[str, str]:
    """The dataset's contact, else its organization's (``fn`` is required)."""
    org = dataset.organization
    contact = {"@type": "vcard:Contact", "fn": dataset.contact_name or org.title_vi}
    email = next((e for e in (dataset.contact_email, org.email) if e and _EMAIL.match(e)), None)
    if email:
        contact["hasEmail"] = f"mailto:{email}"
    return contact


def _rights(access: str) -> str | None:
    if access == "PUBLIC":
        return None
    term = ACCESS_RIGHTS.get(access)
    return term.en[:255] if term else None


def _distribution(dataset: Dataset, dist: Distribution, base: str) -> dict:
    url = distribution_url(base, dataset, dist)
    media_type = dist.media_type.split(";")[0].strip() if dist.media_type else None
    if media_type and not _MEDIA_TYPE.match(media_type):
        media_type = None
    item: dict[str, Any] = {"@type": "dcat:Distribution", "title": dist.title_vi}
    # downloadURL needs a mediaType (schema dependency); without one it is an accessURL.
    if url and dist.kind in {"file", "generated"} and media_type:
        item["downloadURL"] = url
    elif url:
        item["accessURL"] = url
    item.update(
        {
            "mediaType": media_type,
            "format": dist.format,
            "description": dist.description_vi,
        }
    )
    return {k: v for k, v in item.items() if v not in (None, "")}
