"""HTTP faces of the hub. Views parse, call a service and render; nothing else."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from hub.api import catalog, ckan, content, data, descriptors, errors, legal, policy
    from hub.api.v1 import bp as v1

    errors.register(app)
    policy.register(app)
    app.register_blueprint(v1)
    app.register_blueprint(data.bp)
    app.register_blueprint(legal.bp)
    app.register_blueprint(content.bp)
    app.register_blueprint(ckan.bp)
    app.register_blueprint(catalog.bp)
    app.register_blueprint(descriptors.bp)
