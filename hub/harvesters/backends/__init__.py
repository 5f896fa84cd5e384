"""Harvest backends: each module registers one (``hub.harvesters.registry``)."""
