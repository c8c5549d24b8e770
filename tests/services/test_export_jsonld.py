"""W3C Web Annotation export, checked against the Data Model's MUSTs, and read back: an
export imported into an empty copy of the library gives the same highlights."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.core.palette import DEFAULT_PALETTE
from reader.export import jsonld
from reader.services import annotations as notes
from reader.services import export as service
from reader.services.export import ExportScope
from reader.services.library import Library, open_library
from tests.services import test_export as base

desk = base.desk  # the shared fixture
MADE = base.MADE

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# xsd:dateTime with a timezone (the model: SHOULD have one; we always give UTC "Z").
XSD_DATETIME = re.compile(r"^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")


def _pages(collection: dict[str, Any]) -> Iterator[dict[str, Any]]:
    page = collection.get("first")
    while isinstance(page, dict):
        yield page
        page = page.get("next")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def check_annotation(a: dict[str, Any]) -> None:
    assert IRI.match(a["id"]) and a["id"].startswith("urn:uuid:")  # exactly 1 IRI
    assert "Annotation" in _as_list(a["type"])  # MUST have the Annotation type
    targets = _as_list(a["target"])
    assert targets, "an Annotation MUST have 1 or more targets"
    for key in ("created", "modified"):
        assert isinstance(a[key], str) and XSD_DATETIME.match(a[key])
    for body in _as_list(a.get("body", [])):
        if body["type"] == "TextualBody":
            assert isinstance(body["value"], str)  # MUST have exactly 1 value
        assert body.get("purpose", "commenting") in {"commenting", "tagging", "identifying"}
        if "id" in body:
            assert IRI.match(body["id"])
    for target in targets:
        assert target["type"] == "SpecificResource"
        assert isinstance(target["source"], dict)  # exactly 1 source
        assert IRI.match(target["source"]["id"])
        selectors = _as_list(target["selector"])
        kinds = {s["type"] for s in selectors}
        assert kinds == {"TextQuoteSelector", "TextPositionSelector"}
        for s in selectors:
            if s["type"] == "TextQuoteSelector":
                assert isinstance(s["exact"], str) and s["exact"]  # exactly 1 exact
                for part in ("prefix", "suffix"):
                    assert isinstance(s.get(part, ""), str)
            else:
                assert isinstance(s["start"], int) and isinstance(s["end"], int)
                assert 0 <= s["start"] <= s["end"]  # non-negative integers
    creator = a.get("creator")
    if creator is not None:
        assert creator["type"] == "Person" and creator["name"]
    assert "@context" not in a  # embedded in a page: the collection carries the context


def test_the_collection_meets_the_models_musts(
    empty_library: Library, desk: dict[str, int]
) -> None:
    data = service.annotations_jsonld(empty_library, ExportScope(), made_at=MADE)
    assert data["@context"] == CONTEXT  # one context, given as a string
    assert IRI.match(data["id"]) and data["type"] == "AnnotationCollection"
    assert data["total"] == 4 and data["label"] == "Brief"
    assert XSD_DATETIME.match(data["generated"])
    pages = list(_pages(data))
    assert len(pages) == 1 and data["last"] == pages[0]["id"]
    for page in pages:
        assert IRI.match(page["id"]) and page["type"] == "AnnotationPage"
        assert page["items"], "a page MUST have 1 or more items"
        assert page["partOf"] == data["id"]
        for item in page["items"]:
            check_annotation(item)
    by_exact = {a["target"]["selector"][0]["exact"]: a for page in pages for a in page["items"]}
    cut = by_exact["Power was cut"]
    assert {
        "type": "TextualBody",
        "value": "Who said?",
        "format": "text/markdown",
        "purpose": "commenting",
    } in cut["body"]
    assert {"type": "TextualBody", "value": "power", "purpose": "tagging"} in cut["body"]
    assert cut["target"]["styleClass"] == "claim"
    assert cut["target"]["source"]["label"] == "Storm Hits Coast"
    identifying = [b for b in by_exact["said Maria Lopez"]["body"] if b["purpose"] == "identifying"]
    assert [b["value"] for b in identifying] == ["Maria Lopez"]
    assert identifying[0]["id"].startswith("urn:uuid:")
    json.dumps(data)  # plain JSON all the way down


def test_many_highlights_are_paged_with_next_links(
    empty_library: Library, desk: dict[str, int]
) -> None:
    found = notes.highlights(empty_library)
    ref = jsonld.ArticleRef("00000000-0000-0000-0000-000000000001", "T")
    data = jsonld.collection([(h, ref, ()) for h in found], title="t", made_at=MADE, page_size=3)
    pages = list(_pages(data))
    assert [len(p["items"]) for p in pages] == [3, 1]
    assert pages[1]["prev"] == pages[0]["id"] and pages[1]["startIndex"] == 3
    assert data["last"] == pages[1]["id"]
    assert len(list(jsonld.annotations_in(data))) == 4


def test_export_then_import_into_an_empty_copy_round_trips(
    empty_library: Library, desk: dict[str, int], tmp_path: Path
) -> None:
    from reader.services.backup import backup, restore

    out = tmp_path / "notes.jsonld"
    service.export(
        empty_library, ExportScope(), "jsonld", out, made_at=MADE, palette=DEFAULT_PALETTE
    )
    # An empty copy: the same articles (same UUIDs), no highlights.
    archive = tmp_path / "lib.zip"
    backup(empty_library, archive)
    copy = open_library(data_dir=tmp_path / "copy", with_samples=False)
    try:
        restore(copy, archive)
        for h in notes.highlights(copy):
            notes.delete_highlight(copy, h.id)
        report = service.import_annotations(copy, out)
        assert (report.added, report.updated, report.unmatched) == (4, 0, 0)

        def key(lib: Library) -> list[tuple[object, ...]]:
            return sorted(
                (h.uuid, h.note, h.tags, h.start, h.end, h.exact, h.color, h.author, h.created)
                for h in notes.highlights(lib)
            )

        assert key(copy) == key(empty_library)
        again = service.import_annotations(copy, out)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    finally:
        copy.close()


def test_import_re_anchors_on_changed_text_and_reports_the_unmatched(
    empty_library: Library, desk: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "notes.jsonld"
    service.export(
        empty_library, ExportScope(), "jsonld", out, made_at=MADE, palette=DEFAULT_PALETTE
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    items = data["first"]["items"]
    for item in items:
        item["id"] = item["id"][:-4] + "beef"  # new highlights
        item["target"]["source"]["id"] = "urn:uuid:00000000-0000-0000-0000-00000000dead"
        item["target"]["selector"][1]["start"] += 3  # positions from another version
        item["target"]["selector"][1]["end"] += 3
    items[0]["target"]["selector"][0]["exact"] = "words in no article at all"
    out.write_text(json.dumps(data), encoding="utf-8")
    report = service.import_annotations(empty_library, out)
    assert (report.added, report.unmatched) == (3, 1)
    assert "no article holds this quote" in report.messages[0]
    from reader.services.articles import get_article

    placed = notes.highlights(empty_library)
    assert len(placed) == 4 + 3
    for h in placed:  # re-anchored on the text as it is, not at the shifted positions
        assert get_article(empty_library, h.article_id).text[h.start : h.end] == h.exact


def test_a_file_that_is_not_json_is_a_clear_error(empty_library: Library, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text("{nope", encoding="utf-8")
    with pytest.raises(Exception, match=r"bad\.jsonld: not JSON \(line 1"):
        service.import_annotations(empty_library, bad)
