"""Runners: the one ``analyze()`` orchestration, and the engines that move data through the
pipeline — in this process, a pool of local processes (:mod:`.local`), or a Dask cluster
(:mod:`.dask`). An engine never contains analysis logic."""

from ..readers.fetch import read_url_list
from .analyze import RunSummary, analyze, analyze_text, iter_docs

__all__ = ["RunSummary", "analyze", "analyze_text", "iter_docs", "read_url_list"]
