"""schema.org JSON-LD descriptions of portal content records.

Search engines and aggregators understand a portal's news, leaders, structure, services
and consultations when each page carries a schema.org node; the same nodes, gathered in
one ``@graph``, describe a whole dataset. ``describe`` maps one stored record (the field
names of ``schemas/<record type>.yaml``) to one node; keys without a value are left out,
because an empty property tells a consumer something false ("no author") rather than
nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urljoin

from hub.records.html import plain_text
from hub.records.schema import ContentSchema, schema_named
from hub.records.values import to_date, to_datetime

SCHEMA_ORG = "https://schema.org"
# Question names are short titles (search engines cut longer ones); the text keeps it all.
NAME_LENGTH = 110


@dataclass(frozen=True)
class SchemaOrgContext:
    """Where the records are published and by whom."""

    base_url: str  # the hub's address, against which relative links are resolved
    dataset_url: str  # the dataset's landing page; node identifiers are fragments of it
    organization_name: str
    organization_url: str | None = None
    language: str = "vi"


Record = dict[str, Any]


def describe(record_type: str, record: dict[str, Any], context: SchemaOrgContext) -> dict | None:
    """One schema.org node (without ``@context``) for a record; None for unmapped types."""
    mapper = _MAPPERS.get(record_type)
    if mapper is None:
        return None
    return _clean(mapper(record, context))


def graph(record_type: str, records: Iterable[dict], context: SchemaOrgContext) -> dict:
    """A JSON-LD document with one node per record, in the order given."""
    nodes = [node for record in records if (node := describe(record_type, record, context))]
    return {"@context": SCHEMA_ORG, "@graph": nodes}


# --- values ----------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _plain(html: Any) -> str | None:
    text = _text(html)
    if not text:
        return None
    return plain_text(text) or None


def _url(value: Any, context: SchemaOrgContext) -> str | None:
    text = _text(value)
    return urljoin(context.base_url, text) if text else None


def _date(value: Any) -> str | None:
    try:
        day = to_date(value)
    except ValueError:
        return _text(value)  # not ours to correct: stored values were checked on import
    return day.isoformat() if day else None


def _datetime(value: Any) -> str | None:
    try:
        return to_datetime(value)
    except ValueError:
        return _text(value)


def _lines(value: Any, context: SchemaOrgContext) -> list[str]:
    text = _text(value) or ""
    return [url for line in text.splitlines() if (url := _url(line, context))]


def _node_id(context: SchemaOrgContext, prefix: str, key: Any) -> str | None:
    text = _text(key)
    return f"{context.dataset_url}#{prefix}-{quote(text, safe='')}" if text else None


def _schema(record_type: str) -> ContentSchema:
    return schema_named(record_type)


def _label(record_type: str, field: str, value: Any, language: str) -> str | None:
    """A code's label in the context's language; other values as they are."""
    text = _text(value)
    spec = _schema(record_type).field(field)
    if text is None or spec is None:
        return text
    code = next((c for c in spec.codes if c.code == text), None)
    if code is None:
        return text
    return code.en if language == "en" else code.vi


def _organization(name: Any, context: SchemaOrgContext) -> dict:
    """A named government body; the publisher itself when no other is named."""
    text = _text(name)
    if text is None or text == context.organization_name:
        return _publisher(context)
    return {"@type": "GovernmentOrganization", "name": text}


def _publisher(context: SchemaOrgContext) -> dict:
    return {
        "@type": "GovernmentOrganization",
        "name": context.organization_name,
        "url": context.organization_url,
    }


def _person(name: Any) -> dict:
    return {"@type": "Person", "name": _text(name)}


def _short(text: str | None) -> str | None:
    if text is None or len(text) <= NAME_LENGTH:
        return text
    cut = text[: NAME_LENGTH - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _clean(value: Any) -> Any:
    """Drop empty values, and nodes left with nothing but their type."""
    if isinstance(value, dict):
        cleaned = {k: v for k, item in value.items() if not _empty(v := _clean(item))}
        return {} if set(cleaned) <= {"@type"} else cleaned
    if isinstance(value, list):
        return [v for item in value if not _empty(v := _clean(item))]
    if isinstance(value, str):
        return value.strip()
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


# --- record types ----------------------------------------------------------------------


def _article(r: Record, context: SchemaOrgContext) -> dict:
    return {
        "@type": "NewsArticle",
        "@id": _node_id(context, "article", r.get("ID")),
        "identifier": _text(r.get("ID")),
        "headline": _text(r.get("TITLE")),
        "alternativeHeadline": _text(r.get("TITLE_EN")),
        "description": _text(r.get("SUMMARY")),
        "articleBody": _plain(r.get("BODY")),
        "author": _person(r.get("AUTHOR")),
        "creditText": _text(r.get("SOURCE")),
        "datePublished": _datetime(r.get("PUBLISHED")),
        "articleSection": _label("article", "CATEGORY", r.get("CATEGORY"), context.language),
        "image": _lines(r.get("IMAGES"), context),
        "url": _url(r.get("URL"), context),
        "publisher": _publisher(context),
        "inLanguage": context.language,
    }


def _leader(r: Record, context: SchemaOrgContext) -> dict:
    return {
        "@type": "Person",
        "@id": _node_id(context, "person", r.get("ID")),
        "identifier": _text(r.get("ID")),
        "name": _text(r.get("NAME")),
        "jobTitle": _text(r.get("POSITION")),
        "description": _text(r.get("BIOGRAPHY")),
        "image": _url(r.get("PHOTO"), context),
        "telephone": _text(r.get("PHONE")),
        "email": _text(r.get("EMAIL")),
        "worksFor": _organization(r.get("UNIT"), context),
    }


def _org_unit(r: Record, context: SchemaOrgContext) -> dict:
    parent = _node_id(context, "unit", r.get("PARENT"))
    address = _text(r.get("ADDRESS"))
    return {
        "@type": "GovernmentOrganization",
        "@id": _node_id(context, "unit", r.get("CODE")),
        "identifier": _text(r.get("CODE")),
        "name": _text(r.get("NAME_VI")),
        "alternateName": _text(r.get("NAME_EN")),
        "description": _text(r.get("FUNCTIONS_VI")),
        "parentOrganization": {"@id": parent} if parent else None,
        "telephone": _text(r.get("PHONE")),
        "email": _text(r.get("EMAIL")),
        "url": _url(r.get("WEBSITE"), context),
        "address": (
            {"@type": "PostalAddress", "streetAddress": address, "addressCountry": "VN"}
            if address
            else None
        ),
    }


def _contact(r: Record, context: SchemaOrgContext) -> dict:
    return {
        "@type": "ContactPoint",
        "@id": _node_id(context, "contact", r.get("ID")),
        "identifier": _text(r.get("ID")),
        "name": _text(r.get("NAME")),
        "contactType": _text(r.get("POSITION")),
        "description": _text(r.get("UNIT")),  # a contact point has no property for its unit
        "telephone": _text(r.get("PHONE")),
        "faxNumber": _text(r.get("FAX")),
        "email": _text(r.get("EMAIL")),
    }


def _public_service(r: Record, context: SchemaOrgContext) -> dict:
    url = _url(r.get("URL"), context)
    days = r.get("PROCESSING_DAYS")
    return {
        "@type": "GovernmentService",
        "@id": _node_id(context, "service", r.get("CODE")),
        "identifier": _text(r.get("CODE")),
        "name": _text(r.get("NAME")),
        "alternateName": _text(r.get("NAME_EN")),
        "serviceType": _text(r.get("SECTOR")),
        "category": _label("public_service", "LEVEL", r.get("LEVEL"), context.language),
        "provider": _organization(r.get("AGENCY"), context),
        "url": url,
        "availableChannel": {
            "@type": "ServiceChannel",
            "serviceUrl": url,
            # An ISO 8601 duration; the regulations count working days, the closest fit.
            "processingTime": f"P{int(days)}D" if _text(days) else None,
        },
        "offers": {"@type": "Offer", "description": _text(r.get("FEE"))},
    }


def _work_schedule(r: Record, context: SchemaOrgContext) -> dict:
    day = _date(r.get("DATE"))
    time = _text(r.get("TIME"))
    # Province time has one offset all year (no daylight saving).
    start = f"{day}T{time}:00+07:00" if day and time else day
    place = _text(r.get("PLACE"))
    return {
        "@type": "Event",
        "@id": _node_id(context, "event", r.get("ID")),
        "identifier": _text(r.get("ID")),
        "name": _text(r.get("CONTENT")),
        "startDate": start,
        "location": {"@type": "Place", "name": place} if place else None,
        "organizer": _organization(r.get("HOST"), context),
        "attendee": _person(r.get("LEADER")),
        "description": _text(r.get("PARTICIPANTS")),
        "inLanguage": context.language,
    }


def _draft_for_comment(r: Record, context: SchemaOrgContext) -> dict:
    return {
        "@type": "CreativeWork",
        "@id": _node_id(context, "draft", r.get("ID")),
        "identifier": _text(r.get("ID")),
        "name": _text(r.get("TITLE")),
        "abstract": _text(r.get("SUMMARY")),
        "text": _plain(r.get("FULL_TEXT")),
        "url": _url(r.get("FILE"), context),
        "discussionUrl": _url(r.get("COMMENT_URL"), context),
        "dateCreated": _date(r.get("OPENS")),
        "expires": _date(r.get("CLOSES")),
        "commentCount": r.get("COMMENTS_RECEIVED"),
        "publisher": _organization(r.get("DRAFTING_AGENCY"), context),
        "inLanguage": context.language,
    }


def _qa(r: Record, context: SchemaOrgContext) -> dict:
    question = _text(r.get("QUESTION"))
    answer = _plain(r.get("ANSWER"))
    sector = _text(r.get("SECTOR"))
    return {
        "@type": "Question",
        "@id": _node_id(context, "question", r.get("ID")),
        "identifier": _text(r.get("ID")),
        "name": _short(question),
        "text": question,
        "author": _person(r.get("ASKED_BY")),
        "dateCreated": _date(r.get("ASKED_ON")),
        "about": {"@type": "Thing", "name": sector} if sector else None,
        "answerCount": 1 if answer else 0,
        "acceptedAnswer": (
            {
                "@type": "Answer",
                "text": answer,
                "author": _organization(r.get("ANSWERED_BY"), context),
                "dateCreated": _date(r.get("ANSWERED_ON")),
            }
            if answer
            else None
        ),
        "inLanguage": context.language,
    }


_MAPPERS: dict[str, Callable[[Record, SchemaOrgContext], dict]] = {
    "article": _article,
    "leader": _leader,
    "org_unit": _org_unit,
    "contact": _contact,
    "public_service": _public_service,
    "work_schedule": _work_schedule,
    "draft_for_comment": _draft_for_comment,
    "qa": _qa,
}
