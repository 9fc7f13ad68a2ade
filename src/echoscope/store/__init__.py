"""The embedded database: writes (:class:`Store`), reads (:mod:`.queries`,
:mod:`.consistency`, :mod:`.dashboard`) and exports (:mod:`.export`).

Every interface reads through these modules; none holds SQL of its own. The store never
imports analyzers, models or runners.
"""

from .db import Store
from .rows import batch_tables, write_partition

__all__ = ["Store", "batch_tables", "write_partition"]
