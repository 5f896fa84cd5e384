"""schema.org ``NewsArticle``/``Article`` and ``Legislation`` nodes as rows of the
``article`` and ``legal_document`` schemas, for the ``schemaorg`` backend. Registers
nothing; ``checked_rows`` checks the rows afterwards."""

from __future__ import annotations

from typing import Any

from hub.harvesters.backends._feed_records import key_of
from hub.harvesters.backends._schemaorg_html import first, listed, name_of, texts, url_of

ARTICLE_TYPES = frozenset({"Article", "NewsArticle"})
LEGISLATION_TYPES = frozenset({"Legislation"})
# schema.org LegalForceStatus -> the legal_document STATUS code
LEGAL_FORCE = {
    "InForce": "in_force",
    "PartiallyInForce": "partially_expired",
    "NotInForce": "expired",
}


def _image_urls(value: Any, page_url: str) -> str | None:
    urls = [url_of(item, page_url) for item in listed(value)]
    return "\n".join(dict.fromkeys(u for u in urls if u)) or None


def article_row(node: dict[str, Any], page_url: str, category: str | None) -> dict[str, Any]:
    url = url_of(node.get("url") or node.get("mainEntityOfPage"), page_url)
    identifier = first(node.get("identifier")) or node.get("@id") or url
    headlines = texts(node.get("headline") or node.get("name"))
    return {
        "ID": key_of(str(identifier)) if identifier else None,
        "TITLE": headlines.get("vi") or next(iter(headlines.values()), None),
        "TITLE_EN": headlines.get("en") or first(node.get("alternativeHeadline")),
        "SUMMARY": first(node.get("description")),
        "BODY": first(node.get("articleBody")),
        "AUTHOR": ", ".join(filter(None, (name_of(a) for a in listed(node.get("author"))))) or None,
        "SOURCE": name_of(node.get("publisher")),
        "PUBLISHED": first(node.get("datePublished")) or first(node.get("dateCreated")),
        "CATEGORY": category,
        "IMAGES": _image_urls(node.get("image"), page_url),
        "URL": url,
    }


def _date(value: Any) -> str | None:
    shown = first(value)
    return shown[:10] if shown and len(shown) >= 10 and shown[4] == "-" else shown


def _status(value: Any, default: str | None) -> str | None:
    shown = first(value) or name_of(value)
    if shown:
        code = LEGAL_FORCE.get(shown.rsplit("/", 1)[-1].split(":")[-1])
        if code:
            return code
    return default


def _original(node: dict[str, Any], page_url: str) -> str | None:
    for item in (*listed(node.get("encoding")), *listed(node.get("workExample"))):
        if isinstance(item, dict):
            media = (first(item.get("encodingFormat")) or "").lower()
            url = url_of(item.get("contentUrl") or item.get("url"), page_url)
            if url and ("pdf" in media or url.lower().endswith(".pdf")):
                return url
    return None


def legislation_row(
    node: dict[str, Any], page_url: str, default_status: str | None
) -> dict[str, Any]:
    kind = node.get("legislationType")
    return {
        "NUMBER": first(node.get("legislationIdentifier")),
        "DOC_TYPE": first(kind) or name_of(kind),
        "ISSUER": name_of(node.get("legislationPassedBy")),
        "ISSUED": _date(node.get("legislationDate") or node.get("datePublished")),
        "EFFECTIVE": _date(node.get("legislationDateOfApplicability")),
        "STATUS": _status(node.get("legislationLegalForce"), default_status),
        "ABSTRACT": first(node.get("name")) or first(node.get("headline")),
        "SECTOR": name_of(node.get("about")),
        "FILE_ORIGINAL": _original(node, page_url),
        "FILE_TEXT": url_of(node.get("url"), page_url),
    }
