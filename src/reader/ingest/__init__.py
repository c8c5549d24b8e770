"""Bytes in, `ParsedArticle` out: one module per format, no database."""
