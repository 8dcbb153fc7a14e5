"""Cluster-distance validity: how close is a contact's check profile to the batch's best-validated group?

The method, step by step:

1. Every contact becomes a vector of ``FEATURES``, each in 0..1 and oriented so that 1 is the valid
   end (a well-formed, deliverable, personal address on the company's domain; a valid direct phone in
   the company's country; a plausible, complete name; page evidence; corroborating sources). A check
   that could not be made (no phone given, DNS not asked) sits at 0.5: it neither helps nor hurts.
2. HDBSCAN (the ``hdbscan`` package; Campello, Moulavi and Sander 2013) groups the vectors by density,
   with ``min_cluster_size`` = 5% of the batch (5..500). Batches larger than ``fit_sample`` are fitted on
   a seeded random sample of that size; every contact is still scored against the result.
3. The cluster "holding the most valid contact information" is the one with the highest mean
   validity (the mean of its members' feature values); ties go to the larger cluster.
4. A contact's distance ``d`` is its mean Euclidean distance to its ``k`` nearest members of that
   cluster (a KD-tree: scipy ``cKDTree``). The cluster's own edge ``tau`` is the 95th percentile of
   its members' distances to each other (same k). The score is ``0.5 ** (max(0, d - tau) / half_life)``:
   1 inside the cluster, halving for every ``half_life`` (0.5 = one check half-way wrong) beyond it.
5. Too few contacts (under ``min_contacts``), or no cluster found (all noise), or a best cluster that is
   not better than an all-unknown profile: the reference is the ideal profile (every feature 1) with
   an edge of 0.9 (about three unknown checks), so small batches are still scored, just less adaptively.

Deterministic: the same input in the same order gives the same scores (fixed sample seed, HDBSCAN is
deterministic for a given input order, ties broken by cluster label).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import numpy as np

from validation.contact import ContactChecks

log = logging.getLogger(__name__)

FEATURES = ("email_syntax", "email_deliverable", "email_personal", "email_company_domain", "phone_valid",
            "phone_direct", "phone_country", "name_plausible", "name_complete", "context", "sources")
UNKNOWN = 0.5


@dataclass(frozen=True, kw_only=True)
class ClusterOptions:
    """Knobs of the method (see the module docstring)."""

    min_contacts: int = 30
    """Fewer contacts than this are scored against the ideal profile, without clustering."""
    fit_sample: int = 5000
    """At most this many contacts are clustered; larger batches are sampled (seeded)."""
    min_cluster_share: float = 0.05
    """``min_cluster_size`` as a share of the clustered contacts (bounded to 5..500)."""
    neighbours: int = 5
    """k of the k-nearest-members distance."""
    half_life: float = 0.5
    """Distance beyond the cluster's edge at which the score halves."""
    seed: int = 0


@dataclass(frozen=True, slots=True)
class ClusterResult:
    """Scores and how they were obtained."""

    scores: np.ndarray
    """One 0..1 score per contact, in input order."""
    method: str
    """``hdbscan`` or ``prototype`` (the fallback)."""
    clusters: int = 0
    """Clusters HDBSCAN found in the fitted sample."""
    reference_size: int = 0
    """Members of the reference cluster (1 for the prototype)."""
    reference_validity: float = 1.0
    """Mean feature value of the reference cluster."""


def feature_vector(checks: ContactChecks) -> list[float]:
    """The contact's check profile, in ``FEATURES`` order."""
    email, phone, name, lead = checks.best_email, checks.best_phone, checks.name, checks.lead
    if email is None:
        syntax = deliverable = personal = company = UNKNOWN
    else:
        syntax = 1.0 if email.valid_syntax else 0.0
        deliverable = UNKNOWN if email.deliverable is None else float(email.deliverable)
        if email.mailbox.status == "rejected":
            deliverable = 0.0
        personal = 0.0 if email.disposable else 0.3 if email.role else UNKNOWN if email.free else 1.0
        company = UNKNOWN if email.company_domain is None or email.free else float(email.company_domain)
        if not email.valid_syntax:
            deliverable = personal = company = 0.0
    if phone is None:
        valid = direct = country = UNKNOWN
    else:
        valid = 1.0 if phone.valid else 0.0
        direct = {"premium_rate": 0.0, "toll_free": 0.3, "voip": 0.4, "unknown": 0.3 if phone.valid else 0.0}.get(
            phone.number_type, 1.0)
        country = UNKNOWN if phone.country_matches is None else float(phone.country_matches)
    if "name_missing" in name.problems:
        plausible, complete = 0.3, 0.0
    else:
        plausible = 0.0 if name.fake else 1.0 - name.fake_probability
        complete = 0.5 if "name_single_part" in name.problems else 1.0
    context = lead.context if lead.context is not None else (0.75 if lead.title.strip() else UNKNOWN)
    sources = min(1.0, math.log2(1 + max(1, lead.sources)) / math.log2(9))
    return [syntax, deliverable, personal, company, valid, direct, country, plausible, complete, context, sources]


def feature_matrix(all_checks: list[ContactChecks]) -> np.ndarray:
    return np.array([feature_vector(c) for c in all_checks], dtype=float).reshape(-1, len(FEATURES))


def cluster_scores(features: np.ndarray, options: ClusterOptions = ClusterOptions()) -> ClusterResult:
    """Score every row of ``features`` (n x len(FEATURES), values 0..1) by distance to the best cluster."""
    n = len(features)
    if n == 0:
        return ClusterResult(scores=np.zeros(0), method="prototype")
    if n < options.min_contacts:
        return _prototype(features, options)
    sample = features
    if n > options.fit_sample:
        rng = np.random.default_rng(options.seed)
        sample = features[np.sort(rng.choice(n, size=options.fit_sample, replace=False))]
    import hdbscan  # compiled; imported only when a batch is big enough to cluster

    size = int(min(500, max(5, round(len(sample) * options.min_cluster_share))))
    labels = hdbscan.HDBSCAN(min_cluster_size=size, min_samples=size, core_dist_n_jobs=1).fit(sample).labels_
    clusters = sorted(set(labels.tolist()) - {-1})
    if not clusters:
        log.info("no cluster among %d contacts; scoring against the ideal profile", len(sample))
        return _prototype(features, options)
    validity = {c: float(sample[labels == c].mean()) for c in clusters}
    best = max(clusters, key=lambda c: (round(validity[c], 9), int((labels == c).sum()), -c))
    if validity[best] <= UNKNOWN:
        return _prototype(features, options)
    members = sample[labels == best]
    scores = _distance_scores(features, members, options)
    return ClusterResult(scores=scores, method="hdbscan", clusters=len(clusters), reference_size=len(members),
                         reference_validity=validity[best])


def _distance_scores(features: np.ndarray, members: np.ndarray, options: ClusterOptions,
                     edge: float | None = None) -> np.ndarray:
    from scipy.spatial import cKDTree

    tree = cKDTree(members)
    k = max(1, min(options.neighbours, len(members)))
    if edge is None:
        # The members' own spread: distances to their k nearest other members (the nearest is themselves).
        own, _ = tree.query(members, k=min(k + 1, len(members)))
        own = np.atleast_2d(own)[:, 1:] if own.ndim == 2 and own.shape[1] > 1 else np.zeros((len(members), 1))
        edge = float(np.percentile(own.mean(axis=1), 95))
    # Check profiles repeat a lot (most checks are pass/fail): each distinct profile is looked up once.
    profiles, inverse = np.unique(features, axis=0, return_inverse=True)
    distance, _ = tree.query(profiles, k=k)
    distance = distance.reshape(len(profiles), -1).mean(axis=1)[inverse.reshape(-1)]
    return np.power(0.5, np.maximum(0.0, distance - edge) / options.half_life)


def _prototype(features: np.ndarray, options: ClusterOptions) -> ClusterResult:
    ideal = np.ones((1, features.shape[1]))
    scores = _distance_scores(features, ideal, options, edge=0.9)
    return ClusterResult(scores=scores, method="prototype", reference_size=1, reference_validity=1.0)
