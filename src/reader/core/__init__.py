"""The domain: plain Python dataclasses and text rules, with no Qt, no SQL and no I/O."""
