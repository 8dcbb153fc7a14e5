"""Extraction in several processes: batches of pages go to a pool of workers, results come back in order.

spaCy's own ``nlp.pipe(n_process=...)`` parallelises only the model; extraction also spends its time in
DOM walking, deobfuscation and phonenumbers, so each worker runs the whole of ``extract_pages`` on a batch.
Workers are forked where the platform allows (they inherit the loaded pipeline for free); elsewhere they
are spawned and receive the pipeline pickled (spaCy ``Language`` objects pickle through ``to_bytes``).
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
from collections.abc import Iterable, Iterator

from spacy.language import Language

from leadscout.records import CompanyFacts, Contact, Page

log = logging.getLogger(__name__)

_worker: dict[str, object] = {}
"""The pipeline and options of this worker process (set once by the pool initializer)."""


def extract_in_processes(pages: Iterable[Page], *, nlp: Language, batch_size: int, default_region: str,
                         n_process: int) -> Iterator[tuple[Page, list[Contact], CompanyFacts]]:
    """``ner.extract_pages`` over ``n_process`` worker processes, in input order, pages read lazily."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    batches = _batches(pages, max(1, batch_size))
    with context.Pool(n_process, initializer=_start, initargs=(nlp, default_region, batch_size)) as pool:
        # imap keeps input order; a few batches in flight per worker keep them all busy.
        for batch, results in pool.imap(_run, batches, chunksize=1):
            for page, (contacts, facts) in zip(batch, results):
                yield page, contacts, facts


def _batches(pages: Iterable[Page], size: int) -> Iterator[list[Page]]:
    iterator = iter(pages)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _start(nlp: Language, default_region: str, batch_size: int) -> None:
    _worker.update(nlp=nlp, default_region=default_region, batch_size=batch_size)


def _run(batch: list[Page]) -> tuple[list[Page], list[tuple[list[Contact], CompanyFacts]]]:
    from ner.extract import extract_pages

    results = extract_pages(batch, nlp=_worker["nlp"], batch_size=len(batch),  # type: ignore[arg-type]
                            default_region=str(_worker["default_region"]))
    return batch, [(contacts, facts) for _page, contacts, facts in results]
