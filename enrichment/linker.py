"""The record linker: two tables (or one, deduplicated) -> scored pairs that explain themselves field by field.

Steps: detect column types -> normalize -> block -> compare at named levels ->
learn Fellegi–Sunter weights by EM (u started from random pairs) -> match
probability -> threshold -> optional one-to-one assignment. Every step is
deterministic: sorted numpy operations, a seeded sampler, no set iteration.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from enrichment.blocking import BlockingLimits, BlockingStats, candidate_pairs
from enrichment.columns import (
    RECORD_KEY_NAMES, ColumnError, ColumnType, NormalizeOptions, detect_types, normalize_column,
)
from enrichment.compare import Pairs
from enrichment.fellegi_sunter import (
    EMOptions, MatchModel, fit, level_frequencies, starting_m, starting_u,
)
from enrichment.plan import DERIVED_FULL, LinkPlan, derive_full_names, make_plan
from enrichment.tables import RecordTable

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class LinkOptions:
    """Everything a link or dedupe run can be told; the defaults need no configuration."""

    threshold: float = 0.5
    """Keep pairs whose match probability is at least this (0..1)."""
    one_to_one: bool = False
    """Each record links to at most one other (greedy by score; ties by input order)."""
    types: Mapping[str, ColumnType] = field(default_factory=dict)
    """Column types given explicitly (``--map``), overriding detection on either side."""
    normalize: NormalizeOptions = NormalizeOptions()
    blocking: BlockingLimits = BlockingLimits()
    em: EMOptions = EMOptions()
    u_sample_pairs: int = 50_000
    """Random pairs drawn to start u (nearly all non-matches)."""
    seed: int = 20240601
    """Seed of that sampler: same input, same output."""
    labelled: Sequence[tuple[str, str, bool]] = ()
    """Known (left id, right id, is_match) pairs; EM keeps their class fixed."""


@dataclass(frozen=True, kw_only=True, slots=True)
class FieldEvidence:
    """How one field contributed to a pair's score."""

    field: str
    level: str
    """Level name, e.g. ``"Jaro-Winkler >= 0.92"``, or ``"missing"``."""
    weight: float
    """log2(m/u) the level adds to the match weight (0 when missing)."""
    left: str
    right: str


@dataclass(frozen=True, kw_only=True, slots=True)
class LinkedPair:
    """Two records judged the same entity."""

    left_id: str
    right_id: str
    score: float
    """Match probability 0..1."""
    left_index: int
    right_index: int
    levels: tuple[int, ...]
    """Level index per comparison (-1 = missing); see ``LinkResult.explain``."""


@dataclass(kw_only=True)
class LinkResult:
    """The pairs above the threshold, the fitted model and what blocking did."""

    pairs: list[LinkedPair]
    model: MatchModel
    plan: LinkPlan
    blocking: BlockingStats
    left_values: dict[str, np.ndarray]
    right_values: dict[str, np.ndarray]

    def explain(self, pair: LinkedPair) -> list[FieldEvidence]:
        """Field by field: level reached, its weight, and the two normalized values."""
        weights = self.model.weights()
        out = []
        for k, comparison in enumerate(self.plan.comparisons):
            level = pair.levels[k]
            out.append(FieldEvidence(
                field=comparison.label, level="missing" if level < 0 else comparison.levels[level],
                weight=0.0 if level < 0 else round(float(weights[k][level]), 3),
                left=str(self.left_values[comparison.left][pair.left_index]),
                right=str(self.right_values[comparison.right][pair.right_index]),
            ))
        return out


def record_ids(table: RecordTable, id_column: str | None) -> tuple[list[str], str | None]:
    """Each record's id: the ``--id`` column, else a conventional key column, else its 1-based row number."""
    if id_column is not None and id_column not in table.columns:
        raise ColumnError(f"--id column {id_column!r} is not in {table.source or 'the table'}; "
                          f"its columns are {', '.join(table.columns)}")
    column = id_column or next((c for c in table.columns if c.lower() in RECORD_KEY_NAMES), None)
    if column is None:
        return [str(i) for i in range(1, len(table.rows) + 1)], None
    return [row.get(column, "") for row in table.rows], column


def field_values(table: RecordTable, types: Mapping[str, ColumnType], plan: LinkPlan, side: str,
                  options: NormalizeOptions) -> dict[str, np.ndarray]:
    """Normalized values per plan field, as object arrays ("" = missing)."""
    normalized: dict[str, list[str]] = {}

    def column(name: str) -> list[str]:
        if name not in normalized:
            normalized[name] = normalize_column([row.get(name) for row in table.rows], types[name], options)
        return normalized[name]

    out: dict[str, np.ndarray] = {}
    for f in plan.fields:
        source = f.left if side == "left" else f.right
        if source == DERIVED_FULL:
            first = next(c for c, t in types.items() if t is ColumnType.FIRST_NAME)
            last = next(c for c, t in types.items() if t is ColumnType.LAST_NAME)
            values = derive_full_names(column(first), column(last))
        else:
            values = column(source)
        out[f.name] = np.array(values, dtype=object)
    return out


def agreement(plan: LinkPlan, left: Mapping[str, np.ndarray], right: Mapping[str, np.ndarray],
              li: np.ndarray, ri: np.ndarray) -> np.ndarray:
    """Level per pair and comparison (pairs x comparisons, int8)."""
    gamma = np.empty((len(li), len(plan.comparisons)), dtype=np.int8)
    for k, comparison in enumerate(plan.comparisons):
        # A fresh Pairs per comparison: its gathered per-pair arrays are freed before the next one,
        # so memory holds one comparison's arrays at a time, not all of them.
        gamma[:, k] = comparison.compare(Pairs(left, right, li, ri))
    return gamma


def _random_pairs(n_left: int, n_right: int, count: int, seed: int, *, dedupe: bool):
    rng = np.random.default_rng(seed)
    li = rng.integers(0, n_left, size=count)
    ri = rng.integers(0, n_right, size=count)
    keep = li != ri if dedupe else np.ones(count, dtype=bool)
    return li[keep], ri[keep]


def _starting_model(plan: LinkPlan, random_gamma: np.ndarray, prior: float) -> MatchModel:
    sizes = [len(c.levels) for c in plan.comparisons]
    u = level_frequencies(random_gamma, sizes) if len(random_gamma) >= 1000 else [starting_u(s) for s in sizes]
    return MatchModel(labels=tuple(c.label for c in plan.comparisons), levels=tuple(c.levels for c in plan.comparisons),
                      m=[starting_m(s) for s in sizes], u=u, prior=prior)


def _one_to_one(li: np.ndarray, ri: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Greedy assignment: best score first (ties by left, then right index); returns the kept positions."""
    order = np.lexsort((ri, li, -score))
    used_left: set[int] = set()
    used_right: set[int] = set()
    kept = []
    for position in order:
        a, b = int(li[position]), int(ri[position])
        if a not in used_left and b not in used_right:
            used_left.add(a)
            used_right.add(b)
            kept.append(position)
    return np.sort(np.array(kept, dtype=np.int64))


def link_tables(left: RecordTable, right: RecordTable | None, *, left_id: str | None = None,
                right_id: str | None = None, options: LinkOptions = LinkOptions()) -> LinkResult:
    """Link ``left`` to ``right`` (or deduplicate ``left`` when ``right`` is None)."""
    if not 0.0 <= options.threshold <= 1.0:
        raise ColumnError(f"threshold {options.threshold} is outside 0..1")
    dedupe = right is None
    other = left if dedupe else right
    left_ids, left_key = record_ids(left, left_id)
    right_ids, right_key = (left_ids, left_key) if dedupe else record_ids(other, right_id)
    unknown = sorted(set(options.types) - set(left.columns) - set(other.columns))
    if unknown:
        raise ColumnError(f"--map names column(s) {', '.join(map(repr, unknown))} found in neither file")
    left_types = detect_types(left.columns, left.rows, record_key=left_key,
                              given={c: t for c, t in options.types.items() if c in left.columns})
    right_types = left_types if dedupe else detect_types(
        other.columns, other.rows, record_key=right_key,
        given={c: t for c, t in options.types.items() if c in other.columns})
    plan = make_plan(left_types, right_types)
    left_values = field_values(left, left_types, plan, "left", options.normalize)
    right_values = left_values if dedupe else field_values(other, right_types, plan, "right", options.normalize)
    return run_plan(plan, left_values, None if dedupe else right_values, left_ids, right_ids, options=options)


def run_plan(plan: LinkPlan, left_values: dict[str, np.ndarray], right_values: dict[str, np.ndarray] | None,
             left_ids: Sequence[str], right_ids: Sequence[str], *, options: LinkOptions = LinkOptions(),
             model: MatchModel | None = None) -> LinkResult:
    """Block, compare, fit (unless ``model`` is given) and score normalized field values; ``right_values=None`` dedupes.

    ``model`` fixes the m/u parameters (a reviewed prior-knowledge model, as the
    store's identity resolution uses); otherwise EM learns them from the data.
    """
    dedupe = right_values is None
    right_values = left_values if dedupe else right_values
    n_left, n_right = len(left_ids), len(right_ids)
    li, ri, stats = candidate_pairs(plan.rules, left_values, n_left, None if dedupe else right_values, n_right,
                                    limits=options.blocking)
    gamma = agreement(plan, left_values, right_values, li, ri)
    if model is None:
        sample = min(options.u_sample_pairs, n_left * n_right)
        rli, rri = _random_pairs(n_left, n_right, sample, options.seed, dedupe=dedupe)
        random_gamma = agreement(plan, left_values, right_values, rli, rri)
        # Expected matches: at most one per record of the smaller side; assume half of them are there.
        prior = float(np.clip(0.5 * min(n_left, n_right) / max(len(li), 1), 1e-4, 0.5))
        model = _starting_model(plan, random_gamma, prior)
        labelled, labelled_gamma = _labelled(options.labelled, left_ids, right_ids, plan, left_values, right_values)
        model = fit(gamma, model, options=options.em, labelled=labelled, labelled_gamma=labelled_gamma)
    score = model.probability(gamma) if len(gamma) else np.zeros(0)
    keep = np.flatnonzero(score >= options.threshold)
    if options.one_to_one and len(keep):
        keep = keep[_one_to_one(li[keep], ri[keep], score[keep])]
    pairs = [LinkedPair(left_id=left_ids[a], right_id=right_ids[b], score=round(float(s), 6), left_index=int(a),
                        right_index=int(b), levels=tuple(int(x) for x in g))
             for a, b, s, g in zip(li[keep], ri[keep], score[keep], gamma[keep], strict=True)]
    return LinkResult(pairs=pairs, model=model, plan=plan, blocking=stats, left_values=left_values,
                      right_values=right_values)


def _labelled(labelled, left_ids, right_ids, plan, left_values, right_values):
    if not labelled:
        return None, None
    left_pos = {v: i for i, v in enumerate(left_ids)}
    right_pos = {v: i for i, v in enumerate(right_ids)}
    rows = [(left_pos[a], right_pos[b], bool(m)) for a, b, m in labelled if a in left_pos and b in right_pos]
    if not rows:
        return None, None
    li = np.array([r[0] for r in rows])
    ri = np.array([r[1] for r in rows])
    return np.array([r[2] for r in rows], dtype=np.float64), agreement(plan, left_values, right_values, li, ri)


def clusters(n: int, pairs: Sequence[LinkedPair]) -> list[int]:
    """Connected components over the linked pairs: the cluster (smallest member index) of every record."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]  # path halving
            i = parent[i]
        return i

    for pair in pairs:
        a, b = root(pair.left_index), root(pair.right_index)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [root(i) for i in range(n)]


def dedupe_table(table: RecordTable, *, id_column: str | None = None,
                 options: LinkOptions = LinkOptions()) -> tuple[list[tuple[str, str]], LinkResult]:
    """Clusters of records that are the same entity: ``(cluster_id, id)`` per record, in file order.

    A cluster's id is the id of its first record in the file; a record linked to
    nothing is its own cluster.
    """
    result = link_tables(table, None, left_id=id_column, options=options)
    ids, _ = record_ids(table, id_column)
    roots = clusters(len(ids), result.pairs)
    return [(ids[root], ids[i]) for i, root in enumerate(roots)], result
