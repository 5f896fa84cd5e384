"""API fixtures live in tests/conftest.py (client, token), shared with records tests."""
