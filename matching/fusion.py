"""Score fusion: standardise each retriever per query, then add with weights."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

Scores = NDArray[np.float32]
Mask = NDArray[np.bool_]

# A z-score beyond this says "clearly above the rest" already; the soft clip keeps one
# retriever with a very peaked distribution (BM25 when a single document has the word)
# from outvoting all the others, while it keeps the order among the matching documents.
Z_CAP = 4.0


def standardise(scores: Scores, mask: Mask, cap: float = Z_CAP) -> Scores:
    """z-scores over the candidates (`mask`), softly clipped to ±cap; 0 outside the mask.

    A retriever whose scores do not vary over the candidates (no word matched) says
    nothing, so it gets zeros rather than a division by zero.
    """
    out = np.zeros_like(scores, dtype=np.float32)
    if not mask.any():
        return out
    values = scores[mask].astype(np.float64)
    std = float(values.std())
    if std < 1e-9:
        return out
    z = (values - float(values.mean())) / std
    out[mask] = (cap * np.tanh(z / cap)).astype(np.float32)
    return out


def fuse(
    per_retriever: Mapping[str, Scores], weights: Mapping[str, float], mask: Mask
) -> tuple[Scores, dict[str, Scores]]:
    """Weighted sum of standardised scores; also returns each standardised component."""
    components = {name: standardise(scores, mask) for name, scores in per_retriever.items()}
    total = np.zeros(mask.shape[0], dtype=np.float32)
    weight_sum = 0.0
    for name, component in components.items():
        weight = float(weights.get(name, 0.0))
        # A retriever that said nothing (all zeros) must not dilute the others.
        if weight <= 0.0 or not component.any():
            continue
        total += weight * component
        weight_sum += weight
    if weight_sum > 0.0:
        total /= weight_sum
    return total, components


def profile_similarity(
    profile: Sequence[float], matrix: NDArray[np.float32], present: Mask
) -> Scores:
    """Centred cosine (Pearson correlation) between a user profile and each document profile.

    Raw RIASEC profiles are all positive, so their plain cosines bunch up near 1; centring
    compares the shape of the profiles: which types stand out. 0 where a document has none.
    """
    user = np.asarray(profile, dtype=np.float64)
    user = user - user.mean()
    user_norm = float(np.linalg.norm(user))
    out = np.zeros(matrix.shape[0], dtype=np.float32)
    if user_norm < 1e-9 or not present.any():
        return out
    docs = matrix[present].astype(np.float64)
    docs = docs - docs.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(docs, axis=1)
    norms[norms < 1e-9] = 1.0
    out[present] = ((docs @ user) / (norms * user_norm)).astype(np.float32)
    return out


def top_types(
    profile: Sequence[float], letters: str = "RIASEC", count: int = 3, floor: float = 0.0
) -> list[str]:
    """The letters of the strongest types, strongest first; ties keep RIASEC order."""
    order = sorted(range(len(letters)), key=lambda index: (-profile[index], index))
    return [letters[index] for index in order[:count] if profile[index] > floor]
