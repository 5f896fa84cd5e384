"""Vietnamese legal documents: numbers, symbols and references."""
