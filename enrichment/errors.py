"""The enrichment stage's bad-input errors, gathered for the CLI's one-line error handler."""

from __future__ import annotations

from enrichment.columns import ColumnError
from enrichment.sources import SourceError
from enrichment.tables import TableError

ENRICHMENT_ERRORS: tuple[type[ValueError], ...] = (ColumnError, TableError, SourceError)
"""Every ValueError subclass the enrichment stage raises for input a user can fix."""
