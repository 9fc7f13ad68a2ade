#!/usr/bin/env python3
"""Validate truth/NN_slug.json against pages/NN_slug.html.

Standard library only (html.parser). Checks, per page:
  * the JSON has exactly the expected keys, is UTF-8 and formatted with indent=1;
  * "title" equals the text of the page's single <h1>, and body[0] == title;
  * every body / optional / furniture string is already whitespace-normalised
    and occurs verbatim inside the text of one block element of the visible page
    (entities decoded, whitespace collapsed; <head>, <script>, <style>,
    <noscript>, <template> and <svg> are not visible);
  * body strings occur in the page in the order given;
  * no furniture string is a substring of any body string (case-insensitive),
    and no string is listed twice;
  * each named author and each post's text / handle occurs in the visible text;
  * the story (body minus headline) has 350-900 words.
Exit status 1 if any check fails.
"""
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = {"title", "author", "body", "optional", "furniture", "posts"}
PLATFORMS = {"x", "instagram", "bluesky", "mastodon", "tiktok", "facebook", "threads", "youtube"}
SKIP = {"head", "script", "style", "noscript", "template", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
BLOCK = {"address", "article", "aside", "blockquote", "body", "button", "caption", "dd",
         "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
         "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "html", "iframe",
         "label", "legend", "li", "main", "nav", "ol", "option", "p", "pre", "section",
         "select", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


class Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.stack = []  # [tag, start index into parts]
        self.skip = 0
        self.blocks = []
        self.h1 = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if not self.skip and tag in ("br", "hr"):
                self.parts.append(" ")
            return
        if tag in SKIP:
            self.skip += 1
        if tag in BLOCK and not self.skip:
            self.parts.append(" ")
        self.stack.append([tag, len(self.parts)])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                break
        else:
            return  # stray end tag
        while len(self.stack) > i:
            t, start = self.stack.pop()
            if not self.skip:
                text = norm("".join(self.parts[start:]))
                if t in BLOCK:
                    self.parts.append(" ")
                    if text:
                        self.blocks.append(text)
                if t == "h1":
                    self.h1.append(text)
            if t in SKIP:
                self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def check(stem):
    errors, notes = [], []
    page = HERE / "pages" / f"{stem}.html"
    tpath = HERE / "truth" / f"{stem}.json"
    if not page.exists():
        return [f"missing page {page.name}"], notes
    raw = tpath.read_bytes()
    try:
        truth = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return [f"bad JSON: {e}"], notes
    if raw.decode("utf-8").rstrip("\n") != json.dumps(truth, indent=1, ensure_ascii=False):
        errors.append("JSON not formatted with indent=1 / ensure_ascii=False")
    if set(truth) != KEYS:
        errors.append(f"keys {sorted(truth)} != {sorted(KEYS)}")
        return errors, notes

    c = Collector()
    c.feed(page.read_text(encoding="utf-8"))
    c.close()
    full = norm("".join(c.parts))
    blocks = c.blocks

    if len(c.h1) != 1:
        errors.append(f"{len(c.h1)} <h1> elements")
    if c.h1 and truth["title"] != c.h1[0]:
        errors.append(f"title != h1: {truth['title']!r} vs {c.h1[0]!r}")
    body = truth["body"]
    if not body or body[0] != truth["title"]:
        errors.append("body[0] is not the title")

    seen = {}
    for kind in ("body", "optional", "furniture"):
        for s in truth[kind]:
            if not isinstance(s, str) or not s or s != norm(s):
                errors.append(f"{kind}: empty or not normalised: {s!r}")
                continue
            if s in seen:
                errors.append(f"{kind}: duplicate of {seen[s]} string: {s!r}")
            seen[s] = kind
            if not any(s in b for b in blocks):
                where = "spans blocks" if s in full else "NOT FOUND"
                errors.append(f"{kind}: {where}: {s[:90]!r}")

    pos = 0
    for s in body:
        i = full.find(s, pos)
        if i < 0:
            if s in full:
                errors.append(f"body out of order: {s[:70]!r}")
            continue
        pos = i + len(s)

    lb = [b.casefold() for b in body]
    for f in truth["furniture"]:
        for b in lb:
            if f.casefold() in b:
                errors.append(f"furniture inside body: {f!r} in {b[:70]!r}")
                break

    author = truth["author"]
    if author is not None:
        if not isinstance(author, str) or not author:
            errors.append("author must be a non-empty string or null")
        else:
            for name in author.split(", "):
                if name not in full:
                    errors.append(f"author name not on page: {name!r}")

    for p in truth["posts"]:
        if set(p) != {"platform", "handle", "text"}:
            errors.append(f"post keys: {sorted(p)}")
            continue
        if p["platform"] not in PLATFORMS:
            errors.append(f"unknown platform {p['platform']!r}")
        if p["text"] not in full:
            errors.append(f"post text not on page: {p['text'][:70]!r}")
        if any(p["text"].casefold() in b for b in lb):
            errors.append(f"post text inside body: {p['text'][:70]!r}")
        h = p["handle"]
        if h is not None and (h.startswith("@") or h.casefold() not in full.casefold()):
            errors.append(f"bad handle {h!r}")

    words = sum(len(s.split()) for s in body[1:])
    if not 350 <= words <= 900:
        errors.append(f"story has {words} words (want 350-900)")
    notes.append(f"{words} words, {len(body)} body / {len(truth['optional'])} optional / "
                 f"{len(truth['furniture'])} furniture / {len(truth['posts'])} posts, "
                 f"author={author!r}")
    return errors, notes


def main():
    stems = sorted(p.stem for p in (HERE / "truth").glob("*.json"))
    pages = sorted(p.stem for p in (HERE / "pages").glob("*.html"))
    failed = passed = 0
    for extra in sorted(set(pages) - set(stems)):
        print(f"FAIL {extra}: page without truth file")
        failed += 1
    for stem in stems:
        errors, notes = check(stem)
        print(f"{'FAIL' if errors else 'ok  '} {stem}: {'; '.join(notes)}")
        for e in errors:
            print(f"     - {e}")
        failed += bool(errors)
        passed += not errors
    print(f"\n{passed}/{len(stems)} truth files pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
