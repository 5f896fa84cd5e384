"""Portal content: news feeds, schema.org descriptions, English coverage."""
