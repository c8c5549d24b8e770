"""The entities service: records, incremental mentions, highlight links, undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import NotFoundError, ReaderError
from reader.services import annotations as notes
from reader.services import entities as ent
from reader.services.library import Library
from tests.services.test_annotations import add_story

REVIVE = 1  # "NATO and Russia Revive Relations"
THAW = 2


def mentions(library: Library, article_id: int) -> list[tuple[str, str]]:
    names = {e.id: e.name for e in ent.list_entities(library)}
    return [(m.text, names[m.entity_id]) for m in ent.mentions_in_article(library, article_id)]


def test_create_finds_mentions_everywhere_with_counts(library: Library) -> None:
    result = ent.create_entity(library, " Vladimir  Putin ", kind="person", note="*acting*")
    putin = result.entity
    assert putin.name == "Vladimir Putin" and putin.aliases == ("Vladimir Putin",)
    assert (putin.mention_count, putin.article_count) == (6, 2)
    assert result.changes.entities_added == {putin.id}
    assert ("Putin", "Vladimir Putin") in mentions(library, THAW)
    assert ent.find_entity(library, "vladimir putin").id == putin.id
    with pytest.raises(NotFoundError):
        ent.find_entity(library, "Putin")


def test_duplicate_names_and_aliases_are_refused(library: Library) -> None:
    ent.create_entity(library, "NATO", kind="organization", aliases=["North Atlantic Alliance"])
    with pytest.raises(ReaderError, match="already the name of the entity 'NATO'"):
        ent.create_entity(library, "nato")
    with pytest.raises(ReaderError, match="already an alias of the entity 'NATO'"):
        ent.create_entity(library, "Alliance", aliases=["north atlantic alliance"])
    with pytest.raises(ReaderError, match="kind"):
        ent.create_entity(library, "Kosovo", kind="country")
    with pytest.raises(ReaderError):
        ent.create_entity(library, "   ")


def test_surname_resolution_and_first_names(library: Library) -> None:
    for name in ("George Robertson", "Igor Ivanov", "Igor Sergeyev"):
        ent.create_entity(library, name, kind="person")
    found = mentions(library, REVIVE)
    assert ("Robertson", "George Robertson") in found
    assert ("Sergeyev", "Igor Sergeyev") in found and ("Ivanov", "Igor Ivanov") in found
    assert not any(text == "Igor" for text, _ in found)


def test_aliases_are_rescanned_incrementally(library: Library) -> None:
    nato = ent.create_entity(library, "NATO", kind="organization").entity
    fc = ent.create_entity(library, "Federation Council", kind="organization").entity
    result = ent.set_aliases(library, nato.id, ["Western alliance"])
    assert result.entity.aliases == ("NATO", "Western alliance")
    assert ("Western alliance", "NATO") in mentions(library, REVIVE)
    assert result.entity.mention_count == nato.mention_count + 3
    assert result.changes.entities_changed == {nato.id}
    result = ent.set_aliases(library, nato.id, [])
    assert result.entity.mention_count == nato.mention_count
    assert ent.get_entity(library, fc.id).mention_count == 1
    renamed = ent.rename_entity(library, fc.id, "Federation Council of Russia").entity
    assert renamed.aliases == ("Federation Council of Russia",) and renamed.mention_count == 0
    ent.rename_entity(library, renamed.id, "Federation Council")
    assert ent.get_entity(library, fc.id).mention_count == 1


def test_note_kind_and_sorting(library: Library) -> None:
    moscow = ent.create_entity(library, "Moscow", kind="place").entity
    ent.create_entity(library, "Brussels", kind="place")
    ent.create_entity(library, "KFOR", kind="organization")
    assert ent.set_entity_note(library, moscow.id, "capital").entity.note == "capital"
    assert ent.set_entity_kind(library, moscow.id, "other").entity.kind == "other"
    assert [e.name for e in ent.list_entities(library)] == ["Brussels", "KFOR", "Moscow"]
    assert ent.list_entities(library, sort="count")[0].name == "Moscow"
    assert [e.name for e in ent.list_entities(library, kind="organization")] == ["KFOR"]


def test_delete_and_restore(library: Library) -> None:
    putin = ent.create_entity(library, "Vladimir Putin", kind="person", note="n").entity
    h = notes.create_from_quote(library, REVIVE, "acting President Vladimir Putin").highlight
    assert [e.id for e in ent.entities_of_highlight(library, h.id)] == [putin.id]
    snapshot = ent.delete_entity(library, putin.id)
    assert ent.list_entities(library) == [] and mentions(library, THAW) == []
    assert ent.entities_of_highlight(library, h.id) == []
    back = ent.restore_entity(library, snapshot).entity
    assert (back.id, back.uuid, back.note, back.mention_count) == (
        putin.id,
        putin.uuid,
        "n",
        putin.mention_count,
    )
    assert [e.id for e in ent.entities_of_highlight(library, h.id)] == [putin.id]
    with pytest.raises(ReaderError):
        ent.restore_entity(library, snapshot)


def test_merge_and_unmerge(library: Library) -> None:
    perry = ent.create_entity(library, "William Perry", kind="person", note="a").entity
    other = ent.create_entity(library, "Bill Perry", kind="person", aliases=["Dr Perry"], note="b")
    h = notes.create_from_quote(library, THAW, "Yevgeny Volk").highlight
    ent.link_highlight(library, h.id, other.entity.id)
    merge = ent.merge_entities(library, other.entity.id, perry.id)
    merged = ent.get_entity(library, perry.id)
    assert merged.aliases == ("William Perry", "Bill Perry", "Dr Perry")
    assert merged.note == "a\n\nb" and merged.mention_count == perry.mention_count
    assert [e.id for e in ent.entities_of_highlight(library, h.id)] == [perry.id]
    changes = ent.unmerge_entities(library, merge)
    assert changes.entities_added and perry.id in changes.entities_changed
    assert ent.get_entity(library, perry.id).aliases == ("William Perry",)
    assert ent.get_entity(library, perry.id).note == "a"
    back = ent.find_entity(library, "Dr Perry")
    assert back.uuid == other.entity.uuid
    assert [e.id for e in ent.entities_of_highlight(library, h.id)] == [back.id]
    with pytest.raises(ReaderError):
        ent.merge_entities(library, perry.id, perry.id)


def test_links_auto_manual_and_unlinked(library: Library) -> None:
    h = notes.create_from_quote(library, REVIVE, "Foreign Minister Igor Ivanov").highlight
    ivanov = ent.create_entity(library, "Igor Ivanov", kind="person")
    assert ivanov.changes.highlights_changed == {h.id}  # an existing highlight linked
    assert [e.name for e in ent.entities_of_highlight(library, h.id)] == ["Igor Ivanov"]
    changes = ent.unlink_highlight(library, h.id, ivanov.entity.id)
    assert changes.highlights_changed == {h.id}
    assert ent.entities_of_highlight(library, h.id) == []
    ent.set_aliases(library, ivanov.entity.id, ["Foreign Minister Igor Ivanov"])  # a rescan
    assert ent.entities_of_highlight(library, h.id) == []  # the unlink is respected
    moscow = ent.create_entity(library, "Moscow", kind="place").entity
    assert ent.link_highlight(library, h.id, moscow.id).entities_changed == {moscow.id}
    assert ent.link_highlight(library, h.id, moscow.id) == ent.Changes()
    assert [e.name for e in ent.entities_of_highlight(library, h.id)] == ["Moscow"]
    deleted = notes.delete_highlight(library, h.id)
    notes.restore_highlight(library, deleted.highlight)  # auto links come back
    assert ent.dossier(library, moscow.id).highlights == ()


def test_imported_articles_are_scanned(library: Library, tmp_path: Path) -> None:
    volk = ent.create_entity(library, "Yevgeny Volk", kind="person").entity
    article = add_story(
        library, tmp_path, "volk.txt", "Volk Speaks\n\nYevgeny Volk said so. Volk left.\n"
    )
    assert mentions(library, article) == [
        ("Yevgeny Volk", "Yevgeny Volk"),
        ("Volk", "Yevgeny Volk"),
    ]
    assert ent.get_entity(library, volk.id).article_count == 2


def test_dossier(library: Library) -> None:
    robertson = ent.create_entity(library, "George Robertson", kind="person").entity
    for name in ("NATO", "Moscow", "Kosovo"):
        ent.create_entity(library, name)
    h = notes.create_from_quote(library, THAW, "Lord George Robertson is expected").highlight
    info = ent.dossier(library, robertson.id)
    assert info.entity.mention_count == 12
    assert sum(len(a.lines) for a in info.articles) == 12
    line = info.articles[0].lines[0]
    assert line.match in ("George Robertson", "Robertson") and line.before and line.after
    assert "\n" not in line.before + line.after
    assert [x.id for x in info.highlights] == [h.id]
    assert set([(e.name, n) for e, n in info.cooccurring][:2]) == {("Moscow", 2), ("NATO", 2)}
    assert sum(n for _d, n in info.timeline) == 12
    assert len(ent.dossier(library, robertson.id, max_lines=3).articles[0].lines) <= 3


def test_suggest_accept_and_reject(library: Library) -> None:
    found = {s.name: s for s in ent.suggest(library)}
    assert found["Vladimir Putin"].article_ids == (REVIVE, THAW)
    putin = ent.accept_suggestion(library, found["Vladimir Putin"]).entity
    assert putin.kind == "person" and putin.aliases == ("Vladimir Putin", "Putin")
    ent.reject_suggestion(library, "  kosovo ")
    names = {s.name for s in ent.suggest(library)}
    assert "Vladimir Putin" not in names and "Kosovo" not in names and "NATO" in names
    assert ent.guess_kind("Heritage Foundation") == "organization"
    assert ent.guess_kind("Brussels") == "place"
