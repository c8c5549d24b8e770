"""The schema revision this Reader expects, importable without SQLAlchemy or Alembic.

A test checks it against the migrations folder. Keeping it here lets an up-to-date library
open, and the window show its first page, without loading Alembic's script machinery.
"""

HEAD_REVISION = "0007"
