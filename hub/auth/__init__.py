"""Users, roles, API tokens and the principal that services authorise against."""
