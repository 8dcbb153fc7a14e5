"""The Fellegi–Sunter match model with m/u probabilities learned by expectation–maximisation.

For every comparison k and level l: m = P(level | match), u = P(level | non-match);
a pair's match weight is log2(prior odds) + sum_k log2(m_k[l] / u_k[l]) and its
match probability is the logistic of that (Fellegi & Sunter 1969; EM as in
Winkler 1988 and splink). Missing values (level -1) weigh nothing. EM runs over
the distinct agreement patterns with their counts, so a million candidate
pairs cost a few hundred pattern rows per iteration. Labelled pairs, when given,
keep their known class in every E-step (semi-supervised EM).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)

SMOOTHING = 1e-3
"""Pseudo-count per level in the M-step: no probability reaches 0, so no weight is infinite."""


@dataclass(frozen=True, kw_only=True, slots=True)
class EMOptions:
    """How the model is fitted."""

    max_iterations: int = 100
    """Upper bound on EM iterations."""
    tolerance: float = 1e-5
    """Stop when no m, u or prior moves by more than this."""
    train_u: bool = True
    """Re-estimate u on the candidate pairs too (False keeps u from random sampling, as splink does)."""
    min_pairs: int = 200
    """Below this many candidate pairs EM is not trusted; the starting (prior-knowledge) model is used."""


@dataclass(kw_only=True, slots=True)
class MatchModel:
    """Fitted parameters, one m and u array per comparison (index = level)."""

    labels: tuple[str, ...]
    """Comparison labels, in column order of the agreement matrix."""
    levels: tuple[tuple[str, ...], ...]
    """Level names per comparison."""
    m: list[np.ndarray]
    """P(level | match) per comparison."""
    u: list[np.ndarray]
    """P(level | non-match) per comparison."""
    prior: float
    """P(match) for a candidate pair."""
    iterations: int = 0
    """EM iterations run (0 = starting model kept)."""
    converged: bool = False
    """Whether EM stopped below the tolerance."""

    def weights(self) -> list[np.ndarray]:
        """log2(m/u) per comparison and level: the match weight each level adds."""
        return [np.log2(m) - np.log2(u) for m, u in zip(self.m, self.u, strict=True)]

    def prior_weight(self) -> float:
        return float(np.log2(self.prior) - np.log2(1.0 - self.prior))

    def match_weight(self, gamma: np.ndarray) -> np.ndarray:
        """log2 odds of a match for each row of the agreement matrix (pairs x comparisons, -1 = missing)."""
        total = np.full(len(gamma), self.prior_weight(), dtype=np.float64)
        for k, weight in enumerate(self.weights()):
            column = gamma[:, k]
            present = column >= 0
            total[present] += weight[column[present]]
        return total

    def probability(self, gamma: np.ndarray) -> np.ndarray:
        return probability_from_weight(self.match_weight(gamma))

    def describe(self) -> list[dict]:
        """Every comparison's levels with m, u and weight: what the model learned, for logs and reports."""
        out = []
        for label, names, m, u, w in zip(self.labels, self.levels, self.m, self.u, self.weights(), strict=True):
            out.append({"comparison": label, "levels": [
                {"level": n, "m": round(float(a), 6), "u": round(float(b), 6), "weight": round(float(c), 3)}
                for n, a, b, c in zip(names, m, u, w, strict=True)]})
        return out


def probability_from_weight(weight: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))


def starting_m(n_levels: int) -> np.ndarray:
    """Matches mostly agree exactly: 0.9 on the best level, the rest shared in falling halves."""
    if n_levels == 1:
        return np.ones(1)
    rest = 0.5 ** np.arange(1, n_levels)
    return np.concatenate([[0.9], 0.1 * rest / rest.sum()])


def starting_u(n_levels: int) -> np.ndarray:
    """Non-matches mostly disagree: 0.9 on "else", the rest rising towards it (prior knowledge when data is scarce)."""
    return starting_m(n_levels)[::-1].copy()


def level_frequencies(gamma: np.ndarray, n_levels: Sequence[int]) -> list[np.ndarray]:
    """Smoothed share of each level among non-missing values, per comparison (u from random pairs)."""
    out = []
    for k, size in enumerate(n_levels):
        column = gamma[:, k]
        counts = np.bincount(column[column >= 0], minlength=size)[:size].astype(np.float64)
        out.append((counts + SMOOTHING) / (counts.sum() + SMOOTHING * size))
    return out


def _patterns(gamma: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of the agreement matrix and their counts (sorted, so deterministic)."""
    if len(gamma) == 0:
        return gamma, np.zeros(0, dtype=np.int64)
    base = int(gamma.max(initial=0)) + 2
    if base ** gamma.shape[1] < 2**62:
        # One int64 per row (levels + 1 in base ``base``): a 1-D unique is far faster than unique(axis=0).
        codes = np.zeros(len(gamma), dtype=np.int64)
        for k in range(gamma.shape[1]):
            codes = codes * base + (gamma[:, k].astype(np.int64) + 1)
        unique_codes, first, counts = np.unique(codes, return_index=True, return_counts=True)
        return gamma[first], counts
    unique, counts = np.unique(gamma, axis=0, return_counts=True)
    return unique, counts


def _m_step(patterns: np.ndarray, weights: np.ndarray, n_levels: Sequence[int]) -> list[np.ndarray]:
    out = []
    for k, size in enumerate(n_levels):
        column = patterns[:, k]
        present = column >= 0
        mass = np.bincount(column[present], weights=weights[present], minlength=size)[:size]
        out.append((mass + SMOOTHING) / (mass.sum() + SMOOTHING * size))
    return out


def monotone(m: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Make the weights log(m/u) non-increasing from the best level to "else" by pooling adjacent violators.

    Agreement must never count against a match more than disagreement does.
    Without this order restriction EM can settle in a degenerate mode when one
    blocking rule supplies most candidates (its non-matches all agree on the
    rule's fields, and EM "explains" that agreement as the non-match class).
    Pooled levels share one ratio (their summed m over summed u); m is then
    renormalised, which scales every ratio alike and keeps the order.
    """
    blocks: list[list[int]] = []
    for level in range(len(m)):
        blocks.append([level])
        while len(blocks) > 1 and _ratio(m, u, blocks[-2]) < _ratio(m, u, blocks[-1]):
            blocks[-2:] = [blocks[-2] + blocks[-1]]
    if len(blocks) == len(m):
        return m, u
    pooled = m.copy()
    for block in blocks:
        pooled[block] = u[block] * _ratio(m, u, block)
    return pooled / pooled.sum(), u


def _ratio(m: np.ndarray, u: np.ndarray, levels: list[int]) -> float:
    return float(m[levels].sum() / u[levels].sum())


def fit(gamma: np.ndarray, model: MatchModel, *, options: EMOptions = EMOptions(),
        labelled: np.ndarray | None = None, labelled_gamma: np.ndarray | None = None) -> MatchModel:
    """EM from ``model`` (the starting point) over the candidate pairs' agreement matrix; returns the fitted model.

    ``labelled_gamma`` rows with ``labelled`` 0/1 classes are added to the data
    with their class fixed.
    """
    n_levels = [len(names) for names in model.levels]
    patterns, counts = _patterns(gamma)
    counts = counts.astype(np.float64)
    if labelled is not None and labelled_gamma is not None and len(labelled):
        patterns = np.concatenate([patterns, labelled_gamma.astype(patterns.dtype)])
        fixed = np.concatenate([np.full(len(counts), np.nan), labelled.astype(np.float64)])
        counts = np.concatenate([counts, np.ones(len(labelled))])
    else:
        fixed = np.full(len(counts), np.nan)
    if counts.sum() < options.min_pairs:
        log.info("EM skipped: %d pairs are too few to learn from; using the starting model", int(counts.sum()))
        return model
    m, u, prior = [a.copy() for a in model.m], [a.copy() for a in model.u], model.prior
    has_labels = ~np.isnan(fixed)
    iterations, converged = 0, False
    for iterations in range(1, options.max_iterations + 1):
        current = MatchModel(labels=model.labels, levels=model.levels, m=m, u=u, prior=prior)
        p = current.probability(patterns)
        p[has_labels] = fixed[has_labels]
        new_m = _m_step(patterns, counts * p, n_levels)
        new_u = _m_step(patterns, counts * (1.0 - p), n_levels) if options.train_u else u
        new_m = [monotone(a, b)[0] for a, b in zip(new_m, new_u, strict=True)]
        # Clamp the prior away from 0 and 1: a collapsed prior never recovers.
        new_prior = float(np.clip((counts * p).sum() / counts.sum(), 1e-6, 1 - 1e-6))
        change = max([abs(new_prior - prior)] + [float(np.abs(a - b).max()) for a, b in zip(new_m, m, strict=True)]
                     + [float(np.abs(a - b).max()) for a, b in zip(new_u, u, strict=True)])
        m, u, prior = new_m, new_u, new_prior
        if change < options.tolerance:
            converged = True
            break
    log.info("EM %s after %d iterations; prior %.5f", "converged" if converged else "stopped", iterations, prior)
    return MatchModel(labels=model.labels, levels=model.levels, m=m, u=u, prior=prior,
                      iterations=iterations, converged=converged)
