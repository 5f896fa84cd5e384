"""The hub served over real HTTP on 127.0.0.1, for CKAN clients (ckanapi) to talk to."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server


@pytest.fixture
def live_hub(app) -> Iterator[str]:
    """The test app on a free port; its base URL. Data the test commits is served."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    # A short poll: shutdown waits for one, and every test stops a server.
    thread = threading.Thread(target=lambda: server.serve_forever(poll_interval=0.05), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def remote(live_hub):
    """A ckanapi client as a CKAN user would make one (anonymous)."""
    import ckanapi

    with ckanapi.RemoteCKAN(live_hub, user_agent="hub-tests") as ckan:
        yield ckan
