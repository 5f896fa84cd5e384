"""Legal documents as linked data: ELI RDF at ``/legal/<id>`` and their files.

``/legal/<id>.ttl|.rdf|.jsonld|.nt`` choose the format by extension; ``/legal/<id>``
negotiates it from ``Accept`` (Turtle by default; a client asking for JSON or HTML is
sent to the REST representation).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, request, send_file

from hub.api.auth import current_principal
from hub.db import get_session
from hub.errors import NotFound
from hub.files import get_file_store
from hub.legal import service
from hub.legal.eli import FORMATS, EliProfile, render
from hub.legal.models import LegalFile

bp = Blueprint("legal", __name__)
_PROFILE = EliProfile()
# Accept media type -> format; first match in the client's order of preference.
_NEGOTIATED = {media.split(";")[0]: fmt for fmt, (_, media) in FORMATS.items()}
_REST = ("application/json", "text/html")


def _negotiate() -> str | None:
    """The RDF format the client prefers, or None when it prefers the REST JSON."""
    offered = [*_NEGOTIATED, *_REST]
    best = request.accept_mimetypes.best_match(offered, default="text/turtle")
    return _NEGOTIATED.get(best or "text/turtle")


@bp.get("/legal/<ref>")
def legal_document_rdf(ref: str) -> Response:
    base = current_app.config["HUB_BASE_URL"]
    stem, dot, ext = ref.rpartition(".")
    if dot and ext in FORMATS:
        doc_ref, fmt = stem, ext
    else:
        doc_ref, fmt = ref, _negotiate()
    session = get_session()
    actor = current_principal()
    document = service.get_document(session, actor, doc_ref)
    if fmt is None:
        response = redirect(f"{base}/api/v1/legal-documents/{document.id}", code=303)
        response.headers["Vary"] = "Accept"
        return response
    view = service.document_view(session, actor, document, base)
    body = render(_PROFILE.serialize([view], base), fmt)
    response = Response(body, content_type=FORMATS[fmt][1])
    response.headers["Vary"] = "Accept"
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.last_modified = document.updated_at
    return response


@bp.get("/legal/<ref>/files/<role>")
def legal_document_file(ref: str, role: str) -> Response:
    if role not in service.FILE_ROLES:
        raise NotFound(f"'{role[:40]}' is not a file of a legal document (original, text).")
    _, found = service.get_file(get_session(), current_principal(), ref, role)
    if not isinstance(found, LegalFile):
        return redirect(found, code=303)
    response = send_file(
        get_file_store().path(found.file_key),
        mimetype=found.media_type,
        as_attachment=True,
        download_name=found.file_name,
        conditional=True,
        etag=found.file_key.rsplit("/", 1)[-1],
        last_modified=found.created_at,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
