"""The only package that speaks SQL: tables, migrations, sessions and repositories.

Repositories return `reader.core` dataclasses, never ORM objects, so nothing above this layer
can hold a row that outlives its session.
"""
