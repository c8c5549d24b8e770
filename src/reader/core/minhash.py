"""Near-duplicate stories: MinHash signatures over word shingles, banded for LSH.

Why these choices:

- Shingles are runs of `SHINGLE_WORDS` (5) case-folded words. A corrected sentence or a new
  banner changes a handful of shingles out of hundreds, while two different stories on the
  same topic share almost none.
- The signature uses one-permutation hashing (one CRC-32 per shingle, split into `BINS` bins
  by its low bits, the minimum kept per bin) instead of `BINS` separate hash functions: it is
  about fifty times cheaper in plain Python, which keeps detection inside the import budget
  (≤ 20% of import time), and estimates Jaccard similarity just as well for articles of
  a few hundred words. CRC-32 is used because it is the same in every process and every
  Python version; stored band buckets must stay comparable across runs.
- `BANDS` bands of `ROWS` bins: two articles are *candidates* when any band matches. With
  16 × 4, a pair at 80% similarity becomes a candidate with probability above 0.99, one at
  30% with about 0.12, unrelated stories practically never. Each band is stored as one
  integer key (its number in the top bits, a digest of its rows below) in a table ordered by
  that key alone: one index entry per band, the least an import can write for it.
- Candidates are *confirmed* by the estimated similarity of the whole signatures:
  `NEAR_DUPLICATE_THRESHOLD` (0.8). A republished copy with a different banner or a corrected
  sentence scores well above 0.9 on an article of a few hundred words; different stories
  about the same event stay far below 0.5.
- Texts with fewer than `MIN_SHINGLES` shingles (about a paragraph) get no signature: one
  changed word would swing their score, so only exact duplicates are caught for them.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections.abc import Sequence

from reader.native import minhash_bins

SHINGLE_WORDS = 5
BINS = 64
ROWS = 4
BANDS = BINS // ROWS
NEAR_DUPLICATE_THRESHOLD = 0.8
# Candidates must share this many bands before their whole signatures are compared. At 80%
# similarity each band matches with probability 0.8**4 = 0.41, so a true near-duplicate shares
# 3 or more of 16 bands with probability 0.97, while stories that share one band by chance
# (common phrases in one beat's vocabulary) are no longer read back and compared.
MIN_SHARED_BANDS = 3
MIN_SHINGLES = 40
# A band key: band number << KEY_BAND_SHIFT | 58 bits of digest (< 2**62, signed-64-bit safe).
KEY_BAND_SHIFT = 58

_BIN_BITS = BINS.bit_length() - 1
_BIN_MASK = BINS - 1
_EMPTY = 1 << 32  # larger than any value a bin can hold: marks a bin no shingle fell into
_WORD = re.compile(r"\w+")
# Stored signatures: one little-endian unsigned 32-bit value per bin. A bin holds a hash
# shifted right by `_BIN_BITS`, so it never reaches 2**32 - 1, which stands for an empty bin.
_PACKED = struct.Struct(f"<{BINS}I")
_PACKED_EMPTY = 0xFFFFFFFF

Signature = tuple[int, ...]


def shingle_hashes(text: str) -> list[int]:
    return _hashes(_WORD.findall(text.casefold()))


def _hashes(words: list[str]) -> list[int]:
    if len(words) < SHINGLE_WORDS:
        return []
    shifted = [words[i:] for i in range(SHINGLE_WORDS)]
    return [zlib.crc32(s.encode()) for s in map(" ".join, zip(*shifted, strict=False))]


def signature(text: str) -> Signature | None:
    """The article's MinHash signature, or None for a text too short to compare fairly."""
    words = _WORD.findall(text.casefold())
    native = minhash_bins(" ".join(words).encode(), SHINGLE_WORDS) if words else None
    if native is not None:  # the same hashes and bins, computed in C (reader.native)
        count, bins = native
        if count < MIN_SHINGLES:
            return None
        return tuple(_EMPTY if v == _PACKED_EMPTY else v for v in bins)
    return _signature_of(_hashes(words))


def _signature_of(hashes: list[int]) -> Signature | None:
    if len(hashes) < MIN_SHINGLES:
        return None
    sig = [_EMPTY] * BINS
    for h in hashes:
        i = h & _BIN_MASK
        v = h >> _BIN_BITS
        if v < sig[i]:
            sig[i] = v
    return tuple(sig)


def bands(sig: Signature) -> list[int]:
    """One key per band, as stored in the band index: the band's number in the top bits
    (`KEY_BAND_SHIFT` and up) and 58 bits of a digest of its rows below, so a key never
    matches another band's and fits a signed 64-bit column."""
    found = []
    for band in range(BANDS):
        rows = sig[band * ROWS : (band + 1) * ROWS]
        data = b"".join(v.to_bytes(5, "little") for v in rows)
        digest = hashlib.blake2b(data, digest_size=8).digest()
        found.append((band << KEY_BAND_SHIFT) | (int.from_bytes(digest, "little") >> 6))
    return found


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets (0.0 to 1.0)."""
    used = same = 0
    for x, y in zip(a, b, strict=True):
        if x == _EMPTY and y == _EMPTY:
            continue
        used += 1
        same += x == y
    return same / used if used else 0.0


def pack(sig: Signature) -> bytes:
    """The signature as stored with its article (`BINS` * 4 bytes)."""
    return _PACKED.pack(*(_PACKED_EMPTY if v == _EMPTY else v for v in sig))


def unpack(data: bytes) -> Signature | None:
    """A stored signature, or None for bytes that are not one (another size)."""
    if len(data) != _PACKED.size:
        return None
    return tuple(_EMPTY if v == _PACKED_EMPTY else v for v in _PACKED.unpack(data))
