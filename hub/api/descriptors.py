"""Other metadata descriptors over HTTP: DCAT-US ``/data.json`` and schema.org ``Dataset``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from flask import Blueprint, Response, current_app, request, stream_with_context

from hub.api.auth import current_principal
from hub.db import get_session
from hub.metadata.datajson import catalog_chunks
from hub.metadata.schemaorg_dataset import published_dataset, schemaorg_dataset

bp = Blueprint("descriptors", __name__)


@bp.get("/data.json")
def data_json() -> Response:
    session, base_url = get_session(), current_app.config["HUB_BASE_URL"]

    def body() -> Iterator[bytes]:
        # The stream ends its own read transaction, even when the client goes away
        # mid-way (the server then closes the generator).
        try:
            for chunk in catalog_chunks(session, base_url):
                yield chunk.encode()
        finally:
            session.close()

    response = Response(stream_with_context(body()), content_type="application/json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


# A longer static suffix than catalog's "/dataset/<name>.jsonld": Werkzeug tries this first.
@bp.get("/dataset/<name>.schemaorg.jsonld")
def dataset_schemaorg(name: str) -> Response:
    dataset = published_dataset(get_session(), current_principal(), name)
    document = schemaorg_dataset(dataset, current_app.config["HUB_BASE_URL"])
    body = json.dumps(document, ensure_ascii=False, indent=2)
    response = Response(body, content_type="application/ld+json")
    response.set_etag(f"{dataset.id}-r{dataset.revision_number}-schemaorg")
    response.last_modified = dataset.metadata_modified
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response.make_conditional(request)
