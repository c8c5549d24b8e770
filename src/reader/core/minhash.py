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
- `BANDS` (8) bands of `ROWS` (4) bins, from the first 32 of the 64: two articles are
  *candidates* when any band matches. A pair at 80% similarity becomes a candidate with
  probability 0.985, at 90% 0.9998, one at 30% with 0.06, unrelated stories practically
  never. (16 bands that must share 3 find the same pairs at 80%, with fewer false
  candidates, but an import writes twice as many index entries, and a false candidate costs
  only one comparison of stored signatures.) Each band is stored as one integer key (its
  number in the top bits, a digest of its rows below) in a table ordered by that key alone:
  one index entry per band, the least an import can write for it.
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
BANDS = 8
NEAR_DUPLICATE_THRESHOLD = 0.8
# Candidates must share this many bands before their whole signatures are compared: one (at
# 80% similarity a band matches with probability 0.8**4 = 0.41, so one of 8 does with 0.985).
MIN_SHARED_BANDS = 1
MIN_SHINGLES = 40
# A band key: band number << KEY_BAND_SHIFT | 58 bits of digest (< 2**62, signed-64-bit safe).
KEY_BAND_SHIFT = 58

_BIN_BITS = BINS.bit_length() - 1
_BIN_MASK = BINS - 1
_EMPTY = 1 << 32  # larger than any value a bin can hold: marks a bin no shingle fell into
_WORD = re.compile(r"\w+")
# Counted words (reader.core.text.words) split where an apostrophe, a full stop or a hyphen
# joined two runs of letters, and case-folded, are these same words ...
_JOINERS = ("'", "’", ".", "-")
# ... unless the text holds a character whose case folding adds or removes a word boundary
# (İ folds to i and a combining dot, which \w does not match): such a text is read afresh.
_FOLD_SPLITS = re.compile(
    "[\u0130\u01f0\u0345\u0390\u03b0\u1e96-\u1e99\u1f50\u1f52\u1f54\u1f56\u1fb6-\u1fb7"
    "\u1fc6-\u1fc7\u1fd2-\u1fd3\u1fd6-\u1fd7\u1fe2-\u1fe4\u1fe6-\u1fe7\u1ff6-\u1ff7]"
)
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


def signature(text: str, counted: list[str] | None = None) -> Signature | None:
    """The article's MinHash signature, or None for a text too short to compare fairly.
    `counted`: the text's words as reader.core.text.words found them, if known (an import
    has them for the word count), which saves reading the text again."""
    if counted is None or _FOLD_SPLITS.search(text) is not None:
        joined = " ".join(_WORD.findall(text.casefold()))
    else:
        joined = " ".join(counted).casefold()  # joiners sit inside words: make them spaces
        for joiner in _JOINERS:
            joined = joined.replace(joiner, " ")
    native = minhash_bins(joined.encode(), SHINGLE_WORDS) if joined else None
    if native is not None:  # the same hashes and bins, computed in C (reader.native)
        count, bins = native
        if count < MIN_SHINGLES:
            return None
        return tuple(_EMPTY if v == _PACKED_EMPTY else v for v in bins)
    return _signature_of(_hashes(joined.split(" ") if joined else []))


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
