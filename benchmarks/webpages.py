"""Saved web pages as people save them, and the import figures that use them.

Each page wraps one generated story (see `benchmarks.articles`) in one of several site
layouts with everything that makes extraction hard: navigation, a cookie banner, share
buttons, a newsletter box inside the story, related-article lists, reader comments written
in prose, a footer, and the inline scripts and styles that make saved pages 60-150 KB. The
story's paragraphs and the page's boilerplate sentences are returned too, so tests can score
extraction (precision and recall) and the benchmark can check what it imported.

Figures (see benchmarks/README.md): `webpage_import` (1,000 pages, ≥ 30 pages/s) and
`near_duplicates` (the cost of near-duplicate detection when importing 1,000 articles into a
10,000-article library: ≤ 20%).
"""

from __future__ import annotations

import html
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import vocabulary as v
from benchmarks.articles import _Article, _body
from benchmarks.corpus import build_library, check_report, log, write_corpus

TARGET_PAGES_PER_S = 30.0
TARGET_NEAR_DUPLICATE_OVERHEAD = 0.20
LAYOUTS = ("newsroom", "blog", "magazine", "legacy")

_NAV = ["Home", "World", "Politics", "Business", "Technology", "Science", "Opinion", "Sport"]
COOKIE = "We use cookies to improve your experience and to show you relevant advertising."
NEWSLETTER = "Sign up for our morning briefing and get the stories that matter in your inbox."
SHARE = ["Share on Facebook", "Share on X", "Email this story", "Print this page"]
FOOTER = "Copyright 2024 The Daily Observer Media Group. All rights reserved."
COMMENTS_HEADING = "Reader comments"
_COMMENTERS = ["skeptic42", "Margaret from Leeds", "J. Ortiz", "riverwatcher", "anon_reader"]
_COMMENTS = [
    "I have been saying this for years and nobody in charge ever listens to people like us.",
    "Great reporting as always, thank you for covering this story in such detail today.",
    "Does anyone know whether the same rules apply to small businesses in the countryside?",
    "This is exactly why I stopped trusting the official figures a long time ago, sadly.",
]
_SCRIPT = "window.dataLayer=window.dataLayer||[];function track(e){dataLayer.push(e)}" * 400
_STYLE = ".story p{margin:0 0 1em;line-height:1.6}.nav a{color:#333;padding:4px}" * 420


@dataclass(frozen=True)
class Page:
    html: str
    title: str
    paragraphs: list[str]
    boilerplate: list[str]  # sentences on the page that are not the story


def _related(rng: random.Random) -> list[str]:
    return [_Article(rng).headline() for _ in range(rng.randint(3, 6))]


def page(rng: random.Random, layout: str | None = None) -> Page:
    """One saved page; all randomness comes from `rng`."""
    layout = layout or rng.choice(LAYOUTS)
    story = _Article(rng)
    title = story.headline()
    paragraphs = _body(story, rng)
    byline = f"{rng.choice(v.FIRST_NAMES)} {rng.choice(v.SURNAMES)}"
    day = f"{rng.randint(2005, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    related = _related(rng)
    comments = rng.sample(_COMMENTS, 3)
    e = html.escape
    paras = [f"<p>{e(p)}</p>" for p in paragraphs]
    mid = len(paras) // 2
    promo = f'<div class="newsletter-promo"><p>{NEWSLETTER}</p><button>Sign up</button></div>'
    paras.insert(mid, promo)
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in _NAV)
    share = "".join(f'<a class="share-btn" href="#">{s}</a>' for s in SHARE)
    rel = "".join(f'<li><a href="/story/{i}">{e(h)}</a></li>' for i, h in enumerate(related))
    comm = "".join(
        f'<div class="comment"><span class="author">{rng.choice(_COMMENTERS)}</span>'
        f"<p>{c}</p></div>"
        for c in comments
    )
    head = (
        f'<head><meta charset="utf-8"><title>{e(title)} | The Daily Observer</title>'
        f'<meta property="og:site_name" content="The Daily Observer">'
        f'<meta name="author" content="{e(byline)}">'
        f'<meta property="article:published_time" content="{day}T08:00:00Z">'
        f'<link rel="stylesheet" href="https://cdn.example.com/site.css">'
        f"<style>{_STYLE}</style><script>{_SCRIPT}</script></head>"
    )
    cookie = (
        f'<div id="cookie-consent" class="cookie-banner"><p>{COOKIE}</p>'
        "<button>Accept</button></div>"
    )
    foot = f"<footer><p>{FOOTER}</p><ul>{nav}</ul></footer>"
    comment_block = f'<section id="comments"><h3>{COMMENTS_HEADING}</h3>{comm}</section>'
    body_text = "\n".join(paras)
    if layout == "newsroom":
        body = (
            f'<header><nav class="main-nav"><ul>{nav}</ul></nav></header>{cookie}'
            f"<main><article><h1>{e(title)}</h1>"
            f'<p class="byline">By {e(byline)}</p><time datetime="{day}">{day}</time>'
            f'<div class="share">{share}</div>'
            f'<figure><img src="https://img.example.com/{rng.randrange(999)}.jpg">'
            f"<figcaption>Photograph: agency</figcaption></figure>"
            f'<div class="article-body">{body_text}</div></article>'
            f'<aside class="related"><h2>Related stories</h2><ul>{rel}</ul></aside>'
            f"{comment_block}</main>{foot}"
        )
    elif layout == "blog":
        body = (
            f'<div id="wrapper"><div class="topbar"><ul class="menu">{nav}</ul></div>'
            f'<div id="content"><div class="post"><h2 class="post-title">{e(title)}</h2>'
            f'<div class="post-meta">Posted by {e(byline)} on {day}</div>'
            f'<div class="entry-content">{body_text}</div>'
            f'<div class="social-share">{share}</div></div>{comment_block}</div>'
            f'<div id="sidebar" class="sidebar"><h3>Popular posts</h3><ul>{rel}</ul></div>'
            f"{cookie}{foot}</div>"
        )
    elif layout == "magazine":
        quote = e(paragraphs[1][:120])
        body = (
            f'<header class="masthead"><ul>{nav}</ul></header>'
            f'<main id="main"><div class="story"><header><p class="kicker">Features</p>'
            f'<h1>{e(title)}</h1><p class="author">Words by {e(byline)}</p></header>'
            f'<div class="story-body">{body_text}</div>'
            f'<aside class="pullquote">{quote}</aside>'
            f'<div class="tags">Topics: politics, economy</div></div>'
            f'<section class="most-read"><h2>Most read</h2><ol>{rel}</ol></section>'
            f"{comment_block}</main>{cookie}{foot}"
        )
    else:  # legacy: tables, no semantic elements
        body = (
            f'<table width="100%"><tr><td class="nav">{nav}</td></tr><tr>'
            f'<td class="content"><h1>{e(title)}</h1><p><b>By {e(byline)}</b></p>'
            f"{body_text}</td>"
            f'<td class="sidebar" width="200"><b>Related</b><ul>{rel}</ul></td></tr></table>'
            f"{comment_block}{cookie}{foot}"
        )
    document = f'<!DOCTYPE html><html lang="en">{head}<body>{body}</body></html>'
    boilerplate = [COOKIE, NEWSLETTER, FOOTER, COMMENTS_HEADING, *SHARE, *comments, *related]
    return Page(document, title, paragraphs, boilerplate)


def write_pages(folder: Path, count: int, seed: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        saved = page(random.Random(f"page/{seed}/{index}"), LAYOUTS[index % len(LAYOUTS)])
        path = folder / f"{index // 1000:03d}" / f"{index:06d}.html"
        path.parent.mkdir(exist_ok=True)
        path.write_text(saved.html, encoding="utf-8")
        paths.append(path)
    return paths


def measure_webpages(count: int) -> dict[str, object]:
    from reader.services.importing import import_paths
    from reader.services.library import open_library

    with tempfile.TemporaryDirectory(prefix="reader-bench-pages-") as scratch:
        pages = Path(scratch) / "pages"
        paths = write_pages(pages, count)
        size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
        library = open_library(data_dir=Path(scratch) / "library", with_samples=False)
        try:
            log(f"webpages: importing {count} saved pages ({size:.0f} KB each on average)")
            started = time.perf_counter()
            report = import_paths(library, [pages])
            seconds = time.perf_counter() - started
        finally:
            library.close()
    check_report(report, count)
    rate = count / seconds
    return {
        "pages": count,
        "average_kb": round(size, 1),
        "seconds": round(seconds, 3),
        "pages_per_s": round(rate, 1),
        "target_pages_per_s": TARGET_PAGES_PER_S,
        "meets_target": rate >= TARGET_PAGES_PER_S,
    }


def measure_near_duplicates(library_articles: int, count: int) -> dict[str, object]:
    """Imports the same `count` new articles into two copies of a `library_articles` library,
    with near-duplicate detection and without; the overhead is the ratio of the times."""
    from reader.services.importing import import_paths
    from reader.services.library import open_library

    timings: dict[bool, float] = {}
    with tempfile.TemporaryDirectory(prefix="reader-bench-near-") as scratch:
        corpus = Path(scratch) / "corpus"
        write_corpus(corpus, count, seed=2)  # other stories than the library's
        for run, detect in enumerate((False, True) * 3):  # alternate, best of three (noisy)
            target = Path(scratch) / f"library-{run}"
            build_library(target, library_articles)
            library = open_library(data_dir=target, with_samples=False)
            try:
                log(f"near_duplicates: {count} into {library_articles}, detection={detect}")
                started = time.perf_counter()
                report = import_paths(library, [corpus], near_duplicates=detect)
                seconds = time.perf_counter() - started
            finally:
                library.close()
            check_report(report, count)
            timings[detect] = min(seconds, timings.get(detect, seconds))
    overhead = timings[True] / timings[False] - 1
    return {
        "library_articles": library_articles,
        "articles": count,
        "seconds_without": round(timings[False], 3),
        "seconds_with": round(timings[True], 3),
        "overhead": round(overhead, 3),
        "target_overhead": TARGET_NEAR_DUPLICATE_OVERHEAD,
        "meets_target": overhead <= TARGET_NEAR_DUPLICATE_OVERHEAD,
    }
