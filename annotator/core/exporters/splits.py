"""Reproducible train/dev/test splits by document.

A document's split depends only on the seed and the SHA-256 of its text: `sha256("{seed}:{doc
sha256}")` read as a number in [0, 1) is compared with the cumulative ratios. Nothing else (order,
count, ids) plays a part, so adding documents to a project never moves the ones already there, and
the same document lands in the same split in any project exported with the same seed and ratios.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

__all__ = ["SPLIT_NAMES", "parse_ratios", "split_of", "unit_hash"]

SPLIT_NAMES = ("train", "dev", "test")


def parse_ratios(value: str | Sequence[float]) -> tuple[float, float, float]:
    """`"0.8,0.1,0.1"` or `(80, 10, 10)` -> three ratios summing to 1; ValueError when unusable."""
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace(";", ",").split(",")]
        try:
            nums = [float(p) for p in parts]
        except ValueError:
            raise ValueError(f"split {value!r}: expected three numbers such as 0.8,0.1,0.1") from None
    else:
        nums = [float(v) for v in value]
    if len(nums) != 3:
        raise ValueError(f"split {value!r}: expected three ratios (train, dev, test)")
    if any(not math.isfinite(n) or n < 0 for n in nums):
        raise ValueError(f"split {value!r}: ratios must be finite and not negative")
    total = sum(nums)
    if total <= 0:
        raise ValueError(f"split {value!r}: ratios sum to zero")
    return (nums[0] / total, nums[1] / total, nums[2] / total)


def unit_hash(seed: int, sha256: str) -> float:
    """A number in [0, 1) fixed by (seed, document SHA-256)."""
    digest = hashlib.sha256(f"{seed}:{sha256}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2.0**64


def split_of(sha256: str, seed: int, ratios: Sequence[float]) -> str:
    """The split ("train", "dev" or "test") of a document with this text SHA-256."""
    x = unit_hash(seed, sha256)
    train, dev, _test = ratios
    if x < train:
        return "train"
    if x < train + dev:
        return "dev"
    return "test"
