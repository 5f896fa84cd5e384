"""Legal documents: find by number (any written form), read, relations, files; review flags."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from flask import Response, current_app, request

from hub.api.auth import current_principal
from hub.api.listing import SortKey, page_body, paginate
from hub.api.v1 import bp
from hub.api.v1.common import json_body, query_args, respond, text_arg
from hub.api.v1.legal_schemas import (
    LegalDocumentOut,
    LegalDocumentPage,
    LegalFileOut,
    RelationGraphOut,
    ResolveInput,
    ReviewFlagOut,
    ReviewFlagPage,
)
from hub.api.v1.spec import PAGING, doc
from hub.db import get_session
from hub.errors import BadRequest, FieldError, Unauthenticated, ValidationFailed
from hub.files import get_file_store
from hub.legal import service
from hub.legal.models import LegalDocument, ReviewFlag
from hub.schemas import load

_NEWEST_ISSUED = [
    SortKey(
        LegalDocument.issued,
        lambda d: d.issued.isoformat(),
        date.fromisoformat,
        descending=True,
    ),
    SortKey(LegalDocument.id, lambda d: str(d.id), uuid.UUID, descending=True),
]
_NEWEST_FLAGS = [
    SortKey(
        ReviewFlag.created_at,
        lambda f: f.created_at.isoformat(),
        datetime.fromisoformat,
        descending=True,
    ),
    SortKey(ReviewFlag.id, lambda f: str(f.id), uuid.UUID, descending=True),
]
_FILTERS = ("number", "type", "issuer", "status", "sector", "issued_from", "issued_to", "dataset")


def _base() -> str:
    return current_app.config["HUB_BASE_URL"]


def _date_arg(args: dict[str, str], name: str) -> date | None:
    raw = args.get(name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(
            f"Bad parameter '{name}': a date as YYYY-MM-DD.",
            errors=[FieldError(name, "a date as YYYY-MM-DD")],
        ) from None


def document_out(view: dict[str, Any]) -> dict[str, Any]:
    base = _base()
    out = dict(view)
    out["url"] = f"{base}/api/v1/legal-documents/{view['id']}"
    out["eli"] = f"{base}/legal/{view['id']}"
    out["relations"] = [
        {
            **r,
            "target_url": f"{base}/api/v1/legal-documents/{r['target_id']}"
            if r["target_id"]
            else None,
        }
        for r in view["relations"]
    ]
    return out


@bp.get("/legal-documents")
@doc(
    tag="legal",
    response=LegalDocumentPage,
    query=(
        (
            "number",
            "string",
            "Số ký hiệu in any written form (47/2020/ND-CP, 'Nghị định số 47/2020/NĐ-CP'); "
            "a law may be named by title.",
        ),
        ("type", "string", "Document type code or name: NĐ, QĐ, TT, Luật, Nghị định ..."),
        ("issuer", "string", "Issuer code from the number (CP, UBND, BTTTT) or the full name."),
        (
            "status",
            "string",
            "in_force, partially_expired, expired, not_yet_in_force (or the Vietnamese label).",
        ),
        ("sector", "string", "Lĩnh vực, exactly as recorded."),
        ("issued_from", "string", "Issued on or after this date (YYYY-MM-DD)."),
        ("issued_to", "string", "Issued on or before this date (YYYY-MM-DD)."),
        ("dataset", "string", "Only the documents of this dataset (id or slug)."),
        *PAGING,
    ),
    errors=(400,),
)
def list_legal_documents() -> Response:
    """Find legal documents, newest issue date first.
    The number matches whatever way it is written; a malformed number is a 400 naming the
    part that is wrong."""
    args = query_args(set(_FILTERS))
    filters = service.LegalFilters(
        number=args.get("number") or None,  # parsed: its own precise errors
        doc_type=text_arg(args, "type"),
        issuer=text_arg(args, "issuer"),
        status=text_arg(args, "status"),
        sector=text_arg(args, "sector"),
        issued_from=_date_arg(args, "issued_from"),
        issued_to=_date_arg(args, "issued_to"),
        dataset=text_arg(args, "dataset"),
    )
    session = get_session()
    actor = current_principal()
    page = paginate(session, service.document_query(actor, filters), _NEWEST_ISSUED, args)
    views = service.document_views(session, actor, list(page.items), _base())
    items = [document_out(view) for view in views]
    body, headers = page_body(page, items)
    return respond(body, headers=headers)


@bp.get("/legal-documents/<ref>")
@doc(tag="legal", response=LegalDocumentOut, errors=(404,))
def show_legal_document(ref: str) -> Response:
    """Show a legal document with its files and relations.
    Relations name the hub's document when it is here (target_id), else stay references."""
    session = get_session()
    actor = current_principal()
    document = service.get_document(session, actor, ref)
    view = service.document_view(session, actor, document, _base())
    return respond(document_out(view), last_modified=document.updated_at)


@bp.get("/legal-documents/<ref>/relations")
@doc(
    tag="legal",
    response=RelationGraphOut,
    query=(("depth", "integer", "Steps to follow from the document, 1-5 (default 1)."),),
    errors=(400, 404),
)
def legal_document_relations(ref: str) -> Response:
    """The relation graph around a document, in both directions.
    Edges go from the citing document to the cited one (based_on, replaces, amends,
    repeals, cites); unresolved references are nodes with resolved = false."""
    args = query_args({"depth"})
    raw = args.get("depth", "1")
    if not raw.isdigit():
        raise BadRequest(
            "Bad parameter 'depth': an integer from 1 to 5.",
            errors=[FieldError("depth", "an integer from 1 to 5")],
        )
    session = get_session()
    actor = current_principal()
    document = service.get_document(session, actor, ref)
    return respond(service.relation_graph(session, actor, document, int(raw)))


@bp.post("/legal-documents/<ref>/files")
@doc(tag="legal", response=LegalFileOut, status=201, auth=True, errors=(403, 404, 413, 415, 422))
def upload_legal_file(ref: str) -> Response:
    """Upload a document's original (PDF) or full-text file (multipart: file, role).
    role is original or text. The content is checked: a file sent as a PDF that is not
    one is refused."""
    if request.mimetype != "multipart/form-data":
        raise ValidationFailed("Send the file as multipart/form-data in the field 'file'.")
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ValidationFailed("Input is not valid.", errors=[FieldError("file", "Required.")])
    role = request.form.get("role", "")
    session = get_session()
    stored = service.attach_file(
        session,
        current_principal(),
        get_file_store(),
        ref,
        role,
        upload.stream,
        upload.filename,
        claimed_type=upload.mimetype,
    )
    url = f"{_base()}/legal/{stored.document_id}/files/{stored.role}"
    body = {
        "role": stored.role,
        "url": url,
        "media_type": stored.media_type,
        "file_name": stored.file_name,
        "size": stored.size,
        "uploaded": True,
    }
    return respond(body, 201, headers={"Location": url})


def flag_out(flag: ReviewFlag) -> dict[str, Any]:
    base = _base()
    if flag.subject_type == "dataset":
        subject_url = f"{base}/api/v1/datasets/{flag.subject_id}"
    else:
        subject_url = f"{base}/api/v1/legal-documents/{flag.subject_id}"
    return {
        "id": str(flag.id),
        "subject_type": flag.subject_type,
        "subject_id": str(flag.subject_id),
        "subject_label": flag.subject_label,
        "subject_url": subject_url,
        "dataset_id": str(flag.dataset_id),
        "organization_id": str(flag.organization_id),
        "cause_number": flag.cause_number,
        "cause_url": f"{base}/api/v1/legal-documents/{flag.cause_id}" if flag.cause_id else None,
        "reason": flag.reason,
        "message": {
            "vi": f"Căn cứ vào văn bản {flag.cause_number} đã hết hiệu lực toàn bộ: "
            "cần rà soát, sửa đổi hoặc gỡ bỏ.",
            "en": f"Rests on {flag.cause_number}, which is no longer in force: "
            "review, revise or take down.",
        },
        "created_at": flag.created_at.isoformat(),
        "resolved_at": flag.resolved_at.isoformat() if flag.resolved_at else None,
        "resolved_by": flag.resolved_by,
        "resolution": flag.resolution,
    }


@bp.get("/review-flags")
@doc(
    tag="legal",
    response=ReviewFlagPage,
    auth=True,
    query=(
        ("state", "string", "open (default) or all."),
        *PAGING,
    ),
    errors=(400, 401),
)
def list_review_flags() -> Response:
    """Content to review because a legal document it rests on is no longer in force.
    Editors see the flags of their organizations, administrators all of them."""
    actor = current_principal()
    if not actor.is_authenticated:
        raise Unauthenticated("Review flags are for editors: send a token.")
    args = query_args({"state"})
    state = args.get("state", "open")
    if state not in ("open", "all"):
        raise BadRequest(
            "Bad parameter 'state': open or all.", errors=[FieldError("state", "open or all")]
        )
    session = get_session()
    page = paginate(session, service.flag_query(actor, state == "open"), _NEWEST_FLAGS, args)
    body, headers = page_body(page, [flag_out(f) for f in page.items])
    return respond(body, headers=headers)


@bp.post("/review-flags/<flag_id>/resolve")
@doc(tag="legal", body=ResolveInput, response=ReviewFlagOut, auth=True, errors=(404, 415, 422))
def resolve_review_flag(flag_id: str) -> Response:
    """Mark a review flag as dealt with, with a note of what was done.
    Only an editor of the flagged content's organization (or an administrator) may."""
    data = load(ResolveInput(), json_body())
    flag = service.resolve_flag(get_session(), current_principal(), flag_id, data.get("note"))
    return respond(flag_out(flag))
