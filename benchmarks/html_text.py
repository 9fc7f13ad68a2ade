"""How much of a page's story the HTML reader keeps, and how much furniture with it.

    python benchmarks/html_text.py [--recall] [--pages html_pages_heldout|html_pages_heldout2]

Over the pages of ``html_pages/`` (16, written for this benchmark, with a truth file
each), ``html_pages_heldout/`` (12 more, written later; titles and authors were chosen on
it on 2026-12-06) or ``html_pages_heldout2/`` (10 by a third writer, never used to choose
a rule): the story's blocks found in the article text (a headline may be the title
instead, so blocks kept counts both), the furniture blocks found there, and where the
truth gives them, the title and the author (right / wrong / none given). A block is
found when its text, whitespace collapsed and lower-cased, is a substring of the text
(and of the posts' text). ``--recall`` runs trafilatura in its recall mode alone, as the
reader did before 2026-12-06, for the comparison in the README.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import trafilatura

from echoscope.readers import html as reader

ROOT = Path(__file__).resolve().parent


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _names(authors: str | None) -> list[str]:
    """Writers as a list, however joined ("A, B and C", "A, B, C")."""
    return [n for n in re.split(r",\s*|\s+and\s+|\s*&\s*", _norm(authors or "")) if n]


def score(recall: bool = False, pages_dir: str = "html_pages") -> dict:
    extract = reader._extract

    def recall_only(page, url, *_):  # the reader before 2026-12-06
        return trafilatura.extract(page, url=url, include_comments=False, include_tables=True,
                                   favor_recall=True, deduplicate=False, with_metadata=False)

    if recall:
        reader._extract = recall_only
    here = ROOT / pages_dir
    pages, totals = {}, {"body": [0, 0], "furniture": [0, 0], "posts": [0, 0]}
    heads = {"title": [0, 0], "author": [0, 0, 0]}  # right, wrong (, none given)
    try:
        for page in sorted((here / "pages").glob("*.html")):
            truth = json.loads((here / "truth" / f"{page.stem}.json").read_text("utf-8"))
            doc = reader.parse_html(page.read_text("utf-8"), page.name)
            seen = _norm(" ".join([doc.title or "", doc.text, *(p.text for p in doc.posts)]))
            body = [b for b in truth["body"] if len(_norm(b)) > 3]
            story = " ".join(_norm(b) for b in body)
            furniture = [f for f in truth["furniture"]
                         if len(_norm(f)) > 3 and _norm(f) not in story]
            row = {"body": [sum(_norm(b) in seen for b in body), len(body)],
                   "furniture": [sum(_norm(f) in seen for f in furniture), len(furniture)],
                   "posts": [len(doc.posts), len(truth["posts"])]}
            if "title" in truth:
                heads["title"][0 if _norm(doc.title or "") == _norm(truth["title"]) else 1] += 1
            if "author" in truth:
                given = _names(doc.author)
                heads["author"][2 if not given else
                                0 if given == _names(truth["author"]) else 1] += 1
            pages[page.stem] = row
            for key, (found, of) in row.items():
                totals[key][0] += found
                totals[key][1] += of
    finally:
        reader._extract = extract
    return {"mode": "recall" if recall else "reader", "set": pages_dir, "pages": pages,
            "totals": totals, "title_right_wrong": heads["title"],
            "author_right_wrong_none": heads["author"],
            "body_kept": round(totals["body"][0] / totals["body"][1], 3),
            "furniture_kept": round(totals["furniture"][0] / totals["furniture"][1], 3)}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--recall", action="store_true", help="trafilatura's recall mode alone")
    ap.add_argument("--pages", default="html_pages",
                    help="html_pages, html_pages_heldout or html_pages_heldout2")
    args = ap.parse_args(argv)
    out = score(args.recall, args.pages)
    json.dump(out, sys.stdout, indent=1)
    print()
    return out


if __name__ == "__main__":
    main()
