"""Suggestion quality against hand-made gold lists: the two sample articles and three news
texts written for this test (tests/services/entity_gold/), scored per article.

A suggestion is right when its name is a gold entity's name or alias (case-insensitive); a
gold entity is found when some suggestion names it. The gold lists hold the actors a reader
would mark: people, organisations, places; not eras ("Cold War"), nationalities or dates.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.services import entities
from reader.services.importing import import_paths
from reader.services.library import Library

GOLD_DIR = Path(__file__).parent / "entity_gold"

# title -> {name: (kind, aliases)}
GOLD: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "NATO and Russia Revive Relations": {
        "NATO": ("organization", ()),
        "Russia": ("place", ()),
        "Yugoslavia": ("place", ()),
        "George Robertson": ("person", ("Lord George Robertson", "Robertson")),
        "Moscow": ("place", ()),
        "Vladimir Putin": ("person", ("Putin",)),
        "Igor Ivanov": ("person", ("Ivanov",)),
        "Russian Federation": ("place", ()),
        "NATO-Russia Founding Act": ("organization", ()),
        "U.S.": ("place", ()),
        "William Perry": ("person", ("Perry",)),
        "Kosovo": ("place", ()),
        "Central Europe": ("place", ()),
        "Chechnya": ("place", ()),
        "Igor Sergeyev": ("person", ("Sergeyev",)),
        "United Nations": ("organization", ()),
        "Defense Ministry": ("organization", ()),
        "Federation Council": ("organization", ()),
        "KFOR": ("organization", ()),
        "Orahovac": ("place", ()),
    },
    "Analysts Anticipate Thaw Between NATO, Russia": {
        "Russia": ("place", ()),
        "NATO": ("organization", ()),
        "Vladimir Putin": ("person", ("Putin",)),
        "Yevgeny Volk": ("person", ()),
        "Heritage Foundation": ("organization", ()),
        "Moscow": ("place", ()),
        "Chechnya": ("place", ()),
        "George Robertson": ("person", ("Lord George Robertson", "Robertson")),
        "Ukraine": ("place", ()),
        "Yugoslavia": ("place", ()),
        "Vadim Solovyov": ("person", ()),
        "Nezavisimoye Voyennoye Obozreniye": ("organization", ()),
        "Boris Yeltsin": ("person", ()),
        "Igor Ivanov": ("person", ("Ivanov",)),
        "Brussels": ("place", ()),
        "Sergei Kislyak": ("person", ()),
        "Permanent Joint Council": ("organization", ()),
        "United Nations Security Council": ("organization", ()),
        "UN": ("organization", ()),
    },
    "ECB Holds Rates as Lagarde Warns of Slower Growth": {
        "European Central Bank": ("organization", ("ECB",)),
        "Christine Lagarde": ("person", ("Lagarde",)),
        "Frankfurt": ("place", ()),
        "Governing Council": ("organization", ()),
        "Deutsche Bank": ("organization", ()),
        "Goldman Sachs": ("organization", ()),
        "Germany": ("place", ()),
        "France": ("place", ()),
        "Christian Lindner": ("person", ("Lindner",)),
        "Rome": ("place", ()),
        "Bundestag": ("organization", ()),
        "Berlin": ("place", ()),
        "International Monetary Fund": ("organization", ("IMF",)),
        "Kristalina Georgieva": ("person", ()),
        "Federal Reserve": ("organization", ("Fed",)),
        "Washington": ("place", ()),
        "Jerome Powell": ("person", ()),
        "United States": ("place", ()),
    },
    "Ceasefire Talks Resume in Cairo": {
        "Cairo": ("place", ()),
        "Israel": ("place", ()),
        "Hamas": ("organization", ()),
        "U.S.": ("place", ()),
        "Antony Blinken": ("person", ("Blinken",)),
        "Doha": ("place", ()),
        "Qatar": ("place", ()),
        "Mohammed bin Abdulrahman Al Thani": ("person", ()),
        "Tel Aviv": ("place", ()),
        "Benjamin Netanyahu": ("person", ("Netanyahu",)),
        "Itamar Ben-Gvir": ("person", ()),
        "United Nations": ("organization", ("UN",)),
        "Gaza": ("place", ()),
        "UNRWA": ("organization", ()),
        "Rafah": ("place", ()),
        "World Health Organization": ("organization", ()),
        "Egypt": ("place", ()),
        "Abbas Kamel": ("person", ()),
        "CIA": ("organization", ()),
        "William Burns": ("person", ()),
        "Khan Younis": ("place", ()),
    },
    "Chipmaker Deal Faces Scrutiny in Brussels": {
        "Brussels": ("place", ()),
        "European Commission": ("organization", ("Commission",)),
        "ASML": ("organization", ()),
        "Applied Materials": ("organization", ()),
        "Margrethe Vestager": ("person", ("Vestager",)),
        "Europe": ("place", ()),
        "Santa Clara": ("place", ()),
        "California": ("place", ()),
        "Gary Dickerson": ("person", ()),
        "CHIPS Act": ("organization", ()),
        "United States": ("place", ()),
        "Taiwan Semiconductor Manufacturing Company": ("organization", ()),
        "Arizona": ("place", ()),
        "Dresden": ("place", ()),
        "Germany": ("place", ()),
        "Bernstein": ("organization", ()),
        "New York": ("place", ()),
        "Beijing": ("place", ()),
        "Tokyo": ("place", ()),
        "China": ("place", ()),
        "State Administration for Market Regulation": ("organization", ()),
    },
    # Written after the rules above were tuned on the other texts; before the last changes
    # (titles such as Lieutenant, "the" inside names, participles starting a sentence) it
    # scored precision 0.80, recall 0.89 on its own.
    "Floods Force Thousands From Homes in Pakistan": {
        "Islamabad": ("place", ()),
        "Sindh": ("place", ()),
        "Punjab": ("place", ()),
        "Shehbaz Sharif": ("person", ("Sharif",)),
        "Sukkur": ("place", ()),
        "Asim Munir": ("person", ()),
        "National Disaster Management Authority": ("organization", ()),
        "Inam Haider Malik": ("person", ()),
        "Indus River": ("place", ()),
        "World Bank": ("organization", ()),
        "Asian Development Bank": ("organization", ()),
        "Geneva": ("place", ()),
        "World Meteorological Organization": ("organization", ()),
        "South Asia": ("place", ()),
        "India": ("place", ()),
        "Assam": ("place", ()),
        "Save the Children": ("organization", ()),
        "Red Crescent": ("organization", ()),
    },
}

MUST_FIND = [
    "Vladimir Putin",
    "George Robertson",
    "Igor Ivanov",
    "Igor Sergeyev",
    "William Perry",
    "Yevgeny Volk",
    "NATO",
    "Heritage Foundation",
    "KFOR",
    "Federation Council",
    "Moscow",
    "Chechnya",
    "Kosovo",
    "Yugoslavia",
    "Brussels",
]
MUST_NOT = ["Both", "Moscow froze", "Political", "Former", "Military", "Yet", "But", "Russian"]


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    from reader.services.library import open_library

    folder = tmp_path_factory.mktemp("gold")
    lib = open_library(data_dir=folder / "library")
    try:
        import_paths(lib, sorted(GOLD_DIR.glob("*.txt")))
        return _score(lib)
    finally:
        lib.close()


def _score(lib: Library) -> dict[str, object]:
    from reader.services.articles import list_all

    tp = fp = fn = kinds_right = 0
    wrong: list[str] = []
    missed: list[str] = []
    all_names: set[str] = set()
    for summary in list_all(lib):
        gold = GOLD[summary.title]
        names = {n.casefold(): n for n in gold}
        for n, (_kind, aliases) in gold.items():
            names.update({a.casefold(): n for a in aliases})
        found = entities.suggest(lib, summary.id, limit=200)
        hit: set[str] = set()
        for s in found:
            all_names.add(s.name)
            target = names.get(s.name.casefold())
            if target is None:
                fp += 1
                wrong.append(f"{summary.id}:{s.name}")
            else:
                tp += 1
                hit.add(target)
                kinds_right += s.kind == gold[target][0]
        fn += len(set(gold) - hit)
        missed += [f"{summary.id}:{n}" for n in sorted(set(gold) - hit)]
    precision = tp / (tp + fp)
    recall = (tp_gold := sum(len(g) for g in GOLD.values()) - fn) / (tp_gold + fn)
    print(
        f"\nentity suggestions: precision {precision:.3f}, recall {recall:.3f}, "
        f"kind right {kinds_right}/{tp}\n  not in gold: {wrong}\n  missed: {missed}"
    )
    return {
        "precision": precision,
        "recall": recall,
        "names": all_names,
        "wrong": wrong,
        "missed": missed,
        "kind_accuracy": kinds_right / tp,
    }


def test_precision_and_recall(scored: dict[str, object]) -> None:
    assert scored["recall"] >= 0.9  # type: ignore[operator]
    assert scored["precision"] >= 0.85  # type: ignore[operator]
    assert scored["kind_accuracy"] >= 0.8  # type: ignore[operator]


def test_the_actors_of_the_samples_and_no_sentence_starters(scored: dict[str, object]) -> None:
    names = scored["names"]
    assert isinstance(names, set)
    for name in MUST_FIND:
        assert name in names
    for name in MUST_NOT:
        assert name not in names
