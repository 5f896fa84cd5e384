"""Harvesting: sources, jobs, backends (see ``runner`` for the lifecycle)."""
