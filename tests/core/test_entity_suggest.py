"""Suggestion rules of reader.core.suggest on small texts, with a tiny gazetteer (no I/O)."""

from __future__ import annotations

from reader.core.suggest import Gazetteer, candidates, guess_kind

GAZ = Gazetteer.of(["Moscow", "Brussels", "Kosovo"], ["Russia", "Serbia", "Albania"])


def names(text: str) -> dict[str, tuple[str, tuple[str, ...], int]]:
    return {c.name: (c.kind, c.aliases, c.count) for c in candidates(text, GAZ)}


def test_sentence_initial_words_and_demonyms_are_not_suggested() -> None:
    found = names(
        "Both sides met. Political leaders of Russia spoke. Moscow froze ties. "
        "Former Russian officials and Serbs and Albanian-majority areas. Yet Moscow waited."
    )
    assert set(found) == {"Russia", "Moscow"}
    assert found["Moscow"] == ("place", (), 2)


def test_titles_split_and_name_people() -> None:
    found = names(
        "NATO Secretary-General Lord George Robertson met Foreign Minister Igor Ivanov. "
        "Former U.S. Defense Secretary William Perry agreed."
    )
    assert found["George Robertson"] == ("person", ("Lord George Robertson",), 1)
    assert found["Igor Ivanov"][0] == "person"
    assert found["William Perry"][0] == "person"
    assert found["NATO"][0] == "organization"
    assert "U.S." in found and "Former" not in found


def test_surnames_fold_into_the_one_full_name_and_first_names_never() -> None:
    found = names(
        "Igor Ivanov met Igor Sergeyev. Ivanov said. Sergeyev said. Igor said. "
        "Robertson said nothing."
    )
    assert found["Igor Ivanov"] == ("person", ("Ivanov",), 2)
    assert found["Igor Sergeyev"] == ("person", ("Sergeyev",), 2)
    assert "Igor" not in found and "Ivanov" not in found
    assert "Robertson" not in found  # a lone sentence-initial word nothing vouches for


def test_a_surname_two_people_share_is_not_folded() -> None:
    found = names("Igor Ivanov met Sergei Ivanov in Moscow. Then Ivanov left.")
    assert found["Igor Ivanov"][1] == () and found["Sergei Ivanov"][1] == ()
    assert "Ivanov" not in found


def test_compounds_and_organisation_words() -> None:
    found = names(
        "They signed the 1997 NATO-Russia Founding Act and asked the Federation Council, "
        "the Heritage Foundation's Moscow office and KFOR."
    )
    assert found["NATO-Russia Founding Act"][0] == "organization"
    assert found["NATO"][0] == "organization" and found["Russia"][0] == "place"
    assert found["Federation Council"][0] == "organization"
    assert found["Heritage Foundation"][0] == "organization"
    assert found["KFOR"][0] == "organization"


def test_guess_kind() -> None:
    assert guess_kind("President Vladimir Putin", GAZ) == "person"
    assert guess_kind("Ministry of Finance", GAZ) == "organization"
    assert guess_kind("UNESCO", GAZ) == "organization"
    assert guess_kind("Kosovo", GAZ) == "place"
    assert guess_kind("Vadim Solovyov", GAZ) == "person"
    assert guess_kind("Indus River", GAZ) == "place"
    assert guess_kind("Cold War", GAZ) == "other"
