"""validation.clustering: deterministic distance-to-the-best-cluster scores, from 10 contacts to large batches."""

from __future__ import annotations

import numpy as np
import pytest

from validation.clustering import FEATURES, ClusterOptions, cluster_scores, feature_vector
from validation.contact import Lead, check_contact


def batch(n: int, bad_share: float = 0.2, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Good contacts near the valid corner (half without a phone), bad ones scattered; returns (X, is_bad)."""
    rng = np.random.default_rng(seed)
    good = np.clip(1 - rng.random((n, len(FEATURES))) * 0.15, 0, 1)
    good[:, 4:7] = np.where(rng.random((n, 1)) < 0.5, 0.5, good[:, 4:7])
    bad = rng.choice([0.0, 0.5, 1.0], size=(n, len(FEATURES)))
    is_bad = rng.random(n) < bad_share
    return np.where(is_bad[:, None], bad, good), is_bad


@pytest.mark.parametrize(("n", "method"), [(10, "prototype"), (29, "prototype"), (200, "hdbscan"),
                                           (20_000, "hdbscan")])
def test_clustering_scores_good_contacts_above_bad_ones(n, method):
    features, is_bad = batch(n)
    result = cluster_scores(features)
    assert result.method == method
    assert result.scores.shape == (n,) and ((0 <= result.scores) & (result.scores <= 1)).all()
    assert result.scores[~is_bad].mean() > result.scores[is_bad].mean() + 0.3


@pytest.mark.parametrize("n", [10, 500, 12_000])
def test_clustering_is_deterministic(n):
    features, _ = batch(n, seed=7)
    first, second = cluster_scores(features), cluster_scores(features.copy())
    assert np.array_equal(first.scores, second.scores)
    assert (first.method, first.clusters, first.reference_size) == (second.method, second.clusters,
                                                                   second.reference_size)


def test_clustering_large_batches_are_fitted_on_a_sample():
    features, is_bad = batch(30_000, seed=3)
    result = cluster_scores(features, ClusterOptions(fit_sample=2000))
    assert result.method == "hdbscan" and result.reference_size <= 2000
    assert result.scores[~is_bad].mean() > result.scores[is_bad].mean() + 0.3


def test_clustering_falls_back_when_everything_is_noise():
    features = np.random.default_rng(0).random((60, len(FEATURES)))
    result = cluster_scores(features, ClusterOptions(min_cluster_share=0.5))
    assert result.method == "prototype"


@pytest.mark.parametrize("n", [0, 1])
def test_clustering_tiny_inputs(n):
    assert cluster_scores(np.ones((n, len(FEATURES)))).scores.shape == (n,)


def test_clustering_feature_vector_orients_valid_to_one():
    good = feature_vector(check_contact(Lead(name="Jane Smith", emails=("jane.smith@acme.com",),
                                             phones=("+1 201 555 0123",), website="acme.com", country="US",
                                             title="CFO")))
    bad = feature_vector(check_contact(Lead(name="Asdf Qwerty", emails=("x@mailinator.com",), phones=("12",))))
    assert len(good) == len(FEATURES)
    assert sum(good) > sum(bad) + 4
    assert all(0.0 <= value <= 1.0 for value in good + bad)
