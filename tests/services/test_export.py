"""Briefs as the analyst hands them on: the right title and order, citations, notes that
cannot break the brief, review highlights never silently mixed in, the same bytes for the same
data, HTML that cannot run script, and files that are whole or not there at all."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.core.errors import NotFoundError, ReaderError
from reader.core.palette import DEFAULT_PALETTE
from reader.services import annotations as notes
from reader.services import articles as article_service
from reader.services import entities as entity_service
from reader.services import export as service
from reader.services.export import ExportScope
from reader.services.importing import import_paths
from reader.services.library import Library

MADE = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
STORM = (
    "Storm Hits Coast\n\n"
    "A strong storm hit the coast overnight, said Maria Lopez.\n\n"
    "Power was cut to homes across the region.\n\n"
    "Officials said the storm was the worst in a decade.\n"
)
FLOOD = (
    "River Floods Town\n\n"
    "The river burst its banks on Tuesday.\n\n"
    "Maria Lopez said the town had been warned.\n"
)


def add(library: Library, folder: Path, name: str, text: str) -> int:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    article_id = import_paths(library, [path]).results[0].article_id
    assert article_id is not None
    return article_id


def mark(library: Library, article_id: int, words: str, **kw: object) -> int:
    return notes.create_from_quote(library, article_id, words, **kw).highlight.id  # type: ignore[arg-type]


@pytest.fixture
def desk(empty_library: Library, tmp_path: Path) -> dict[str, int]:
    lib = empty_library
    storm = add(lib, tmp_path, "storm.txt", STORM)
    flood = add(lib, tmp_path, "flood.txt", FLOOD)
    entity_service.create_entity(lib, "Maria Lopez", kind="person", note="Mayor since 2019.")
    return {
        "storm": storm,
        "flood": flood,
        "cut": mark(lib, storm, "Power was cut", color="claim", tags=["power"], note="Who said?"),
        "worst": mark(lib, storm, "the worst in a decade", color="evidence"),
        "lopez": mark(lib, storm, "said Maria Lopez", tags=["people"]),
        "warned": mark(lib, flood, "Maria Lopez said the town had been warned", tags=["people"]),
    }


def brief(library: Library, scope: ExportScope | None = None, **kw: object) -> str:
    scope = scope or ExportScope()
    return service.brief_markdown(library, scope, made_at=MADE, palette=DEFAULT_PALETTE, **kw)  # type: ignore[arg-type]


def test_an_article_brief_opens_with_its_title_and_cites_each_highlight(
    empty_library: Library, desk: dict[str, int]
) -> None:
    text = brief(empty_library, ExportScope(article_ids=(desk["storm"],)))
    lines = text.splitlines()
    assert lines[0] == "# Storm Hits Coast"
    assert "Made 2024-05-01 09:30 UTC from the article “Storm Hits Coast”" in lines[2]
    assert "1 article, 3 highlights, 1 entity." in text
    # In text order, each a block quote with its label, tags and citation.
    quotes = [line for line in lines if line.startswith("> ")]
    assert quotes == ["> said Maria Lopez", "> Power was cut", "> the worst in a decade"]
    assert "— Claim to verify · tags: power · “Storm Hits Coast”, ¶2" in text
    assert "— Evidence · “Storm Hits Coast”, ¶3" in text
    assert "Who said?" in text
    assert "### Maria Lopez" in text and "Mayor since 2019." in text


def test_the_same_data_gives_the_same_bytes(empty_library: Library, desk: dict[str, int]) -> None:
    assert brief(empty_library) == brief(empty_library)
    assert brief(empty_library).endswith("\n") and not brief(empty_library).endswith("\n\n")


def test_a_dossier_lists_every_highlight_mentioning_the_entity_newest_article_first(
    empty_library: Library, desk: dict[str, int]
) -> None:
    text = brief(empty_library, ExportScope(entity="maria lopez"))
    assert text.startswith("# Dossier: Maria Lopez\n")
    assert "*person*" in text and "Mayor since 2019." in text
    quotes = [line for line in text.splitlines() if line.startswith("> ")]
    assert set(quotes) == {"> said Maria Lopez", "> Maria Lopez said the town had been warned"}
    assert "> Power was cut" not in text
    with pytest.raises(NotFoundError, match=r"no entity called 'Nobody'"):
        brief(empty_library, ExportScope(entity="Nobody"))


def test_filters_by_tag_label_and_date(empty_library: Library, desk: dict[str, int]) -> None:
    tagged = brief(empty_library, ExportScope(tags=("PEOPLE",)))
    assert tagged.startswith("# Brief: PEOPLE")
    assert "> said Maria Lopez" in tagged and "> Power was cut" not in tagged
    labelled = brief(empty_library, ExportScope(labels=("Claim to verify",)))
    assert [ln for ln in labelled.splitlines() if ln.startswith("> ")] == ["> Power was cut"]
    future = brief(empty_library, ExportScope(since=date(2999, 1, 1)))
    assert "0 articles, 0 highlights" in future
    with pytest.raises(ReaderError, match="no colour called"):
        brief(empty_library, ExportScope(labels=("plaid",)))


def test_highlights_waiting_for_review_are_left_out_and_said_so(
    empty_library: Library, desk: dict[str, int], tmp_path: Path
) -> None:
    changed = STORM.replace("Power was cut to homes", "Electricity failed in homes")
    (tmp_path / "storm.txt").write_text(changed, encoding="utf-8")
    import_paths(empty_library, [tmp_path / "storm.txt"])
    status = notes.get_highlight(empty_library, desk["cut"]).status
    assert status.needs_review
    text = brief(empty_library, ExportScope(article_ids=(desk["storm"],)))
    assert "> Power was cut" not in text
    assert "1 highlight waiting for review" in text and "left out" in text
    flagged = brief(empty_library, ExportScope(article_ids=(desk["storm"],), include_review=True))
    assert "> Power was cut" in flagged
    assert f"**Needs review ({status.value}):**" in flagged


def test_a_note_cannot_break_the_brief(empty_library: Library, desk: dict[str, int]) -> None:
    notes.set_note(empty_library, desk["cut"], "# Takeover\n\n```\nunclosed code")
    text = brief(empty_library)
    assert "\n# Takeover" not in text and "##### Takeover" in text
    assert text.count("```") % 2 == 0
    headings = [ln for ln in text.splitlines() if re.match(r"#{1,2} ", ln)]
    assert headings[0] == "# Brief" and all(not h.startswith("# ") for h in headings[1:])


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs


def test_nothing_in_a_note_can_run_script_in_the_html(
    empty_library: Library, desk: dict[str, int]
) -> None:
    evil = (
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
        "[click](javascript:alert(3)) <a href='javascript:alert(4)'>x</a>\n\n"
        "<div onmouseover=alert(5)>hi</div> ![remote](http://example.com/t.png)"
    )
    notes.set_note(empty_library, desk["cut"], evil)
    notes.add_tag(empty_library, desk["cut"], "<b onclick=alert(6)>")
    page = service.brief_html(empty_library, ExportScope(), made_at=MADE, palette=DEFAULT_PALETTE)
    scan = _Scan()
    scan.feed(page)
    assert "script" not in scan.tags and "img" not in scan.tags
    assert not [name for name, _ in scan.attrs if name.startswith("on")]
    assert not [
        v for name, v in scan.attrs if name in ("href", "src") and "javascript" in (v or "")
    ]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown, not run
    assert "<title>Brief</title>" in page and "<style>" in page
    assert not re.search(r"""(src|href)=["']https?://""", page.split("</head>")[0])


def test_copy_as_markdown(empty_library: Library, desk: dict[str, int]) -> None:
    text = service.highlights_markdown(
        empty_library, [desk["cut"], desk["warned"]], palette=DEFAULT_PALETTE
    )
    assert text.startswith("> Power was cut\n\n— Claim to verify · tags: power")
    assert "“Storm Hits Coast”, ¶2" in text and "\n\nWho said?\n" in text
    assert "> Maria Lopez said the town had been warned" in text
    assert "“River Floods Town”, ¶2" in text


def test_export_writes_whole_files_or_none(
    empty_library: Library, desk: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("md", "html", "jsonld"):
        target = out / f"brief.{fmt}"
        service.export(
            empty_library, ExportScope(), fmt, target, made_at=MADE, palette=DEFAULT_PALETTE
        )
        assert target.stat().st_size > 100
    broken = tmp_path / "broken.md.j2"
    broken.write_text("# {{ title }}\n{% if %}\n", encoding="utf-8")
    with pytest.raises(ReaderError, match=r"broken\.md\.j2 line 2"):
        service.export(
            empty_library,
            ExportScope(),
            "md",
            out / "new.md",
            template=broken,
            made_at=MADE,
            palette=DEFAULT_PALETTE,
        )
    assert sorted(p.name for p in out.iterdir()) == ["brief.html", "brief.jsonld", "brief.md"]
    with pytest.raises(ReaderError, match="no such folder"):
        service.export(
            empty_library,
            ExportScope(),
            "md",
            tmp_path / "nope" / "b.md",
            made_at=MADE,
            palette=DEFAULT_PALETTE,
        )
    with pytest.raises(ReaderError, match="pdf_export"):
        service.export(
            empty_library,
            ExportScope(),
            "pdf",
            out / "b.pdf",
            made_at=MADE,
            palette=DEFAULT_PALETTE,
        )


def test_a_users_template_is_listed_and_used(
    empty_library: Library, desk: dict[str, int], isolated_dirs: Path
) -> None:
    names = {p.name for p in service.builtin_templates()}
    assert {"brief.md.j2", "dossier.md.j2", "brief.html.j2"} <= names
    folder = isolated_dirs / "config" / "templates"
    folder.mkdir(parents=True)
    mine = folder / "short.md.j2"
    mine.write_text("{{ title }}: {{ summary }}\n", encoding="utf-8")
    assert service.user_templates() == [mine]
    text = brief(empty_library, ExportScope(article_ids=(desk["flood"],)), template=mine)
    assert text == "River Floods Town: 1 article, 1 highlight, 1 entity.\n"


def test_an_unknown_article_is_an_error(empty_library: Library) -> None:
    with pytest.raises(NotFoundError):
        brief(empty_library, ExportScope(article_ids=(999,)))
    assert article_service.count(empty_library) == 0
