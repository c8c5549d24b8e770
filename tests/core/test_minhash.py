"""Near-duplicate signatures: the same story scores high, a different one low, and the
buckets are the same in every process (they are stored)."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core import minhash

WORDS = ["storm", "coast", "power", "homes", "mayor", "council", "river", "bridge", "ferry"]


def story(seed: int, words: int = 400) -> str:
    rng = random.Random(seed)
    return " ".join(f"{rng.choice(WORDS)}{rng.randrange(50)}" for _ in range(words))


def test_identical_texts_score_one_and_different_texts_near_zero() -> None:
    a = minhash.signature(story(1))
    b = minhash.signature(story(2))
    assert a is not None and b is not None
    assert minhash.similarity(a, a) == 1.0
    assert minhash.similarity(a, b) < 0.1
    assert not set(minhash.bands(a)) & set(minhash.bands(b))


def test_a_few_changed_sentences_stay_above_the_threshold_and_share_a_band() -> None:
    text = story(3)
    words = text.split()
    words[100:108] = ["a", "corrected", "sentence", "here"]
    edited = "Republished with permission. " + " ".join(words)
    a, b = minhash.signature(text), minhash.signature(edited)
    assert a is not None and b is not None
    assert minhash.similarity(a, b) >= minhash.NEAR_DUPLICATE_THRESHOLD
    assert set(minhash.bands(a)) & set(minhash.bands(b))


def test_short_texts_get_no_signature() -> None:
    assert minhash.signature("Too short to compare fairly.") is None


def test_buckets_do_not_depend_on_the_process() -> None:
    code = (
        "from reader.core import minhash; from tests.core.test_minhash import story; "
        "print(minhash.bands(minhash.signature(story(5)))[:3])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "123", "PATH": ""},
        cwd=Path(__file__).parents[2],
    ).stdout.strip()
    sig = minhash.signature(story(5))
    assert sig is not None
    assert out == str(minhash.bands(sig)[:3])
    keys = minhash.bands(sig)
    assert all(0 <= key < 2**62 for key in keys)  # fits a signed 64-bit column
    assert [key >> minhash.KEY_BAND_SHIFT for key in keys] == list(range(minhash.BANDS))


def test_the_native_signature_is_the_python_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """reader.native computes the same hashes and bins as the Python code it stands in for,
    on any script; without the library the Python code runs."""
    import os

    from reader import native

    texts = [
        story(7),
        story(8, words=60),
        "Zürich’s “quoted” straße — naïve façade, ΣΑΣ and 東京 with_under_scores " * 12,
        "İstanbul ﬁnance ǅemal: don't re-read U.S. figures " * 10,
        "one two three",
        "",
    ]
    python = [minhash._signature_of(minhash.shingle_hashes(t)) for t in texts]
    if native.library_path() is None:
        if os.environ.get("CI"):
            pytest.fail("Reader's native helpers are not built; `make native` should have")
    else:
        assert native.minhash_bins(b"a b c d e", 5) is not None
        assert [minhash.signature(t) for t in texts] == python
    monkeypatch.setattr(minhash, "minhash_bins", lambda *_: None)
    assert [minhash.signature(t) for t in texts] == python


@pytest.mark.parametrize(
    "text",
    [
        story(9),
        "Zürich’s “quoted” straße — don't re-read the U.S. figures of 3.5% by e-mail " * 8,
        "İstanbul’s ﬁnance chief ǅemal said ᾶ and ẖ are rare letters in news copy " * 6,
        "a--b 'quoted' -lead trail- x.y.z under_score " * 12,
    ],
)
def test_the_signature_from_the_counted_words_is_the_signature_of_the_text(text: str) -> None:
    """An import hands over the words it counted; the signature must not change for it,
    whatever apostrophes, hyphens and letters that fold differently the text holds."""
    from reader.core.text import words

    expected = minhash._signature_of(minhash.shingle_hashes(text))
    assert expected is not None
    assert minhash.signature(text, words(text)) == expected
    assert minhash.signature(text) == expected
