"""The CKAN Action API over the hub's own services, so CKAN clients work unchanged.

``registry`` names the actions; ``packages`` turns catalog entities into CKAN dicts;
``read``, ``search``, ``write`` and ``datastore`` hold the actions. The Flask face is
``hub.api.ckan``: it parses GET/POST parameters, calls an action with an immutable
``Call`` and wraps the result in CKAN's envelope.
"""
