"""A published dataset as a schema.org ``Dataset`` (JSON-LD), for Google Dataset Search.

Different from ``hub.content.schemaorg`` (one node per portal record): this describes the
dataset itself, from its catalog metadata. Identifiers are the DCAT IRIs of
``hub.metadata.dcat`` so both descriptions name the same things. Google requires
``name`` and ``description`` (50 to 5000 characters) and recommends the rest; keys
without a value are left out, as in the portal-content nodes.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.datasets.models import Dataset, Distribution, Organization
from hub.datasets.service import get_dataset
from hub.datasets.vocab import LICENCES
from hub.errors import NotFound
from hub.metadata.dcat import CATALOG_TITLE, catalog_iri, dataset_iri, distribution_url
from hub.records.published import LICENCE_URLS

SCHEMA_ORG = "https://schema.org"
CATALOG_NAME = CATALOG_TITLE[0]
DESCRIPTION_MIN, DESCRIPTION_MAX = 50, 5000  # Google Dataset Search's bounds
# Only these kinds are files someone can download (links and APIs are pages or endpoints).
DOWNLOADABLE = {"file", "generated", "link"}

__all__ = ["published_dataset", "schemaorg_dataset", "script_tag", "licence_url", "iso_interval"]


def published_dataset(session: Session, actor: Principal, name: str) -> Dataset:
    """A published dataset ``actor`` may see; drafts and the like are not found."""
    dataset = get_dataset(session, actor, name)
    if dataset.state != "published":
        raise NotFound(f"Dataset '{name}' does not exist.")
    return dataset


def licence_url(code: str | None) -> str | None:
    """The licence's own page (what harvesters recognise), else its EU authority IRI."""
    if not code:
        return None
    term = LICENCES.get(code)
    return LICENCE_URLS.get(code) or (term.iri if term else None)


def iso_interval(start: date | None, end: date | None, *, open_ended: bool = True) -> str | None:
    """ISO 8601 interval ``start/end``; ``..`` marks an open side (ISO 8601-2, schema.org)."""
    if start is None and end is None:
        return None
    if (start is None or end is None) and not open_ended:
        return None
    return f"{start.isoformat() if start else '..'}/{end.isoformat() if end else '..'}"


def iso_datetime(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def schemaorg_dataset(dataset: Dataset, base_url: str, catalog_name: str = CATALOG_NAME) -> dict:
    """The JSON-LD document (with ``@context``) of one dataset, organization loaded."""
    base = base_url.rstrip("/")
    iri = str(dataset_iri(base, dataset.slug))
    organization = _organization(dataset.organization, base)
    node: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "Dataset",
        "@id": iri,
        "name": dataset.title_vi,
        "alternateName": dataset.title_en,
        "description": _description(dataset),
        "url": dataset.landing_page or iri,
        "identifier": str(dataset.id),
        "keywords": [k for k in dataset.keywords or [] if k and k.strip()],
        "license": licence_url(dataset.licence),
        "isAccessibleForFree": dataset.access_rights == "PUBLIC",
        "creator": organization,
        "publisher": organization,
        "creditText": dataset.citation,
        "temporalCoverage": iso_interval(dataset.temporal_start, dataset.temporal_end),
        "spatialCoverage": {"@type": "Place", "name": dataset.spatial} if dataset.spatial else None,
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "@id": str(catalog_iri(base)),
            "name": catalog_name,
            "url": f"{base}/",
        },
        "distribution": _distributions(dataset, base),
        "dateModified": iso_datetime(dataset.modified),
        "datePublished": iso_datetime(dataset.issued),
        "inLanguage": _languages(dataset.language),
        "version": dataset.version,
    }
    return _clean(node)


def script_tag(document: dict) -> str:
    """``<script type="application/ld+json">`` text for an HTML page.

    ``<``, ``>`` and ``&`` become JSON ``\\u`` escapes (same value once parsed), so no
    title can close the script or open a comment; U+2028/2029 too, for old parsers.
    """
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'


# --- parts -------------------------------------------------------------------------------


def _description(dataset: Dataset) -> str:
    """The description, lengthened with the title and publisher when shorter than Google
    accepts (50 characters), cut at 5000."""
    text = (dataset.description_vi or dataset.description_en or "").strip()
    for extra in (dataset.title_vi, f"Nguồn: {dataset.organization.title_vi}"):
        if len(text) >= DESCRIPTION_MIN:
            break
        if extra and extra not in text:
            text = f"{text}. {extra}" if text else extra
    if len(text) < DESCRIPTION_MIN:
        text = f"{text} (dữ liệu mở của {dataset.organization.title_vi})"
    return text[:DESCRIPTION_MAX]


def _organization(org: Organization, base: str) -> dict:
    return {
        "@type": "GovernmentOrganization",
        "@id": f"{base}/organization/{org.slug}",
        "name": org.title_vi,
        "alternateName": org.title_en,
        "url": org.website or f"{base}/organization/{org.slug}",
        "identifier": org.agency_code,
        "email": org.email,
    }


def _distributions(dataset: Dataset, base: str) -> list[dict]:
    out = []
    for dist in dataset.distributions:
        url = distribution_url(base, dataset, dist)
        if not url or dist.kind not in DOWNLOADABLE or _is_web_page(dist):
            continue
        out.append(_download(dist, url))
    return out


def _is_web_page(dist: Distribution) -> bool:
    """A link to an HTML page is not data to download (Google wants the data itself)."""
    media_type = (dist.media_type or "").split(";")[0].strip().lower()
    return dist.kind == "link" and (
        media_type == "text/html" or (dist.format or "").upper() == "HTML"
    )


def _download(dist: Distribution, url: str) -> dict:
    media_type = dist.media_type.split(";")[0].strip() if dist.media_type else None
    return {
        "@type": "DataDownload",
        "name": dist.title_vi,
        "description": dist.description_vi,
        "contentUrl": url,
        "encodingFormat": media_type or dist.format,
        "contentSize": f"{dist.byte_size} B" if dist.byte_size is not None else None,
        "sha256": dist.sha256,
        "dateModified": iso_datetime(dist.modified_at),
    }


def _languages(codes: list[str] | None) -> str | list[str] | None:
    codes = [c for c in codes or [] if c]
    if not codes:
        return None
    return codes[0] if len(codes) == 1 else codes


def _clean(value: Any) -> Any:
    """Drop keys without a value (None, "", [], {}), at every depth."""
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (_clean(v) for v in value) if v not in (None, "", [], {})]
    return value
