"""Synthetic, seed-sized articles for benchmarks (text, HTML and JSONL), made up here.

Each article has about 5 KB of prose and 11 embedded posts, like the seed article.
Deterministic: the same ``seed`` gives the same corpus.
"""

from __future__ import annotations

import json
import random
from html import escape
from pathlib import Path

WORDS = (
    "council budget library vote residents mayor promise closure petition branch funding "
    "critics supporters statement meeting evening protest volunteers harbour festival safety "
    "inspection report contract review decision public service community campaign record"
).split()
NAMES = ["Ann Lee", "Bob Roe", "Cara Diaz 🌹", "Dev Patel", "Eli Moss | News", "Fay Wu ✨",
         "Gus Hart", "Hana Sato", "Ivo Kral", "Jo Mbeki", "Kit Vance"]


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(10, 22)) for _ in range(sentences))


def make_article(i: int, seed: int = 0) -> tuple[str, list[dict]]:
    """Return ``(plain text, posts)`` for article ``i``."""
    rng = random.Random(seed * 1_000_003 + i)
    parts = [_paragraph(rng, 6) for _ in range(4)]
    posts = []
    for k in range(11):
        name = NAMES[k]
        handle = name.split()[0].lower() + str(k) + str(i % 97)
        body = _sentence(rng, rng.randint(8, 30)) + f" #{rng.choice(WORDS).title()}"
        if k % 3 == 0:
            body += " pic.twitter.com/Ab" + str(1000000 + i)[-7:] + "x"
        day = rng.randint(1, 28)
        posts.append({"name": name, "handle": handle, "text": body, "date": f"April {day}, 2020",
                      "id": str(10**18 + i * 100 + k)})
        parts.append(f"{body} — {name} (@{handle}) April {day}, 2020")
        if k % 4 == 3:
            parts.append(_paragraph(rng, 2))
    return "\n\n".join(parts), posts


def write_text_files(folder: Path, n: int, seed: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text, _ = make_article(i, seed)
        p = folder / f"a{i:06d}.txt"
        p.write_text(f"date 2020-04-30 {text}\n", encoding="utf-8")
        paths.append(p)
    return paths


def make_html(i: int, seed: int = 0) -> str:
    text, posts = make_article(i, seed)
    blocks = []
    post_iter = iter(posts)
    for para in text.split("\n\n"):
        if "(@" in para:
            p = next(post_iter)
            blocks.append(
                f'<div class="embed"><blockquote class="twitter-tweet"><p lang="en">'
                f"{escape(p['text'])}</p>&mdash; {escape(p['name'])} (@{p['handle']}) "
                f'<a href="https://twitter.com/{p["handle"]}/status/{p["id"]}">{p["date"]}</a>'
                "</blockquote><script async src='https://platform.twitter.com/widgets.js'>"
                "</script></div>")
        else:
            blocks.append(f"<p>{escape(para)}</p>")
    nav = "".join(f"<li><a href='/s/{w}'>{w}</a></li>" for w in WORDS[:12])
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Story {i}</title><meta property='article:published_time' "
        "content='2020-04-30T10:00:00Z'><meta property='og:site_name' content='Bench Times'>"
        f"</head><body><header><nav><ul>{nav}</ul></nav></header><main><article>"
        f"<h1>Story {i}</h1>{''.join(blocks)}</article></main><aside><h3>Most read</h3>"
        f"<ul>{nav}</ul></aside><footer><p>© Bench Times</p></footer></body></html>"
    )


def write_jsonl(path: Path, n: int, seed: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text, _ = make_article(i, seed)
            fh.write(json.dumps({"id": i, "date": "2020-04-30", "source": "Bench Times",
                                 "title": f"Story {i}", "content": text}) + "\n")
    return path
