"""Distributions of a dataset: list, show, add (link or upload), change, delete, download."""

from __future__ import annotations

from flask import Response, redirect, request, send_file

from hub.api.auth import current_principal
from hub.api.v1 import bp, schemas
from hub.api.v1.common import json_body, respond
from hub.api.v1.render import distribution_out
from hub.api.v1.spec import doc
from hub.datasets import distributions as service
from hub.datasets.schemas import DistributionInput, LinkDistributionInput
from hub.datasets.service import get_dataset
from hub.db import get_session
from hub.errors import FieldError, UnsupportedMediaType, ValidationFailed
from hub.files import get_file_store

_FORM_FIELDS = ("title_vi", "title_en", "description_vi", "format")


@bp.get("/datasets/<ref>/distributions")
@doc(tag="distributions", response=schemas.DistributionList, errors=(404,))
def list_distributions(ref: str) -> Response:
    """The distributions of a dataset, in their display order.
    Files carry a download_url; links carry the remote url."""
    dataset = get_dataset(get_session(), current_principal(), ref)
    items = [distribution_out(d) for d in dataset.distributions]
    return respond({"data": items, "next": None}, last_modified=dataset.metadata_modified)


@bp.get("/datasets/<ref>/distributions/<dist_id>")
@doc(tag="distributions", response=schemas.DistributionOut, errors=(404,))
def show_distribution(ref: str, dist_id: str) -> Response:
    """Show one distribution.
    Its media type, size and SHA-256 describe an uploaded file exactly."""
    dist = service.get_distribution(get_session(), current_principal(), ref, dist_id)
    return respond(distribution_out(dist), last_modified=dist.modified_at)


@bp.post("/datasets/<ref>/distributions")
@doc(
    tag="distributions",
    body=LinkDistributionInput,
    response=schemas.DistributionOut,
    status=201,
    auth=True,
    errors=(404, 413, 415, 422),
)
def add_distribution(ref: str) -> Response:
    """Add a link (JSON body) or upload a file (multipart/form-data, field ``file``).
    Uploads are checked: size limit, content matching the extension, no executables."""
    session, actor = get_session(), current_principal()
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise ValidationFailed("Input is not valid.", errors=[FieldError("file", "Required.")])
        meta = {k: request.form[k] for k in _FORM_FIELDS if k in request.form}
        dist = service.add_file(
            session, actor, get_file_store(), ref, upload.stream, upload.filename, meta
        )
    elif request.mimetype == "application/json":
        dist = service.add_link(session, actor, ref, json_body())
    else:
        raise UnsupportedMediaType("Send application/json for a link or multipart/form-data.")
    out = distribution_out(dist)
    return respond(out, 201, headers={"Location": out["self"]})


@bp.patch("/datasets/<ref>/distributions/<dist_id>")
@doc(
    tag="distributions",
    body=DistributionInput,
    response=schemas.DistributionOut,
    auth=True,
    errors=(404, 415, 422),
)
def change_distribution(ref: str, dist_id: str) -> Response:
    """Change a distribution's title, description, format or (for links) URL.
    An uploaded file itself is replaced by deleting and uploading again."""
    dist = service.update_distribution(
        get_session(), current_principal(), ref, dist_id, json_body()
    )
    return respond(distribution_out(dist))


@bp.delete("/datasets/<ref>/distributions/<dist_id>")
@doc(tag="distributions", status=204, auth=True, errors=(404,))
def delete_distribution(ref: str, dist_id: str) -> Response:
    """Remove a distribution from its dataset.
    The dataset gets a new revision; reverting to an older one brings the file back."""
    service.delete_distribution(get_session(), current_principal(), ref, dist_id)
    return Response(status=204)


@bp.get("/datasets/<ref>/distributions/<dist_id>/download")
@doc(tag="distributions", errors=(404,))
def download_distribution(ref: str, dist_id: str) -> Response:
    """Download an uploaded file, with its real name, type and size; Range requests work.
    For a link distribution this answers 303 See Other to the remote URL."""
    dist = service.get_distribution(get_session(), current_principal(), ref, dist_id)
    if dist.kind != "file" or not dist.file_key:
        return redirect(dist.url, code=303)
    response = send_file(
        get_file_store().path(dist.file_key),
        mimetype=dist.media_type or "application/octet-stream",
        as_attachment=True,
        download_name=dist.file_name,
        conditional=True,
        etag=dist.sha256,
        last_modified=dist.modified_at,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
