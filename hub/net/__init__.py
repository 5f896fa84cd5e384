"""Outbound HTTP for background jobs (link checks now, harvesters later), behind one policy."""
