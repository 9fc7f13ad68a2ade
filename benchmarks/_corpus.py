"""Synthetic, seed-sized articles for benchmarks (text, HTML and JSONL), made up here.

Each article has about 5 KB of English news prose (people, organisations, places,
quotations with their speakers) and 11 embedded posts, like the seed article.
Deterministic: the same ``seed`` gives the same corpus.
"""

from __future__ import annotations

import json
import random
from html import escape
from pathlib import Path

#: Nouns of local news; the first words also serve the HTML page's navigation.
WORDS = (
    "council budget library vote residents mayor promise closure petition branch funding "
    "critics supporters statement meeting evening protest volunteers harbour festival safety "
    "inspection report contract review decision public service community campaign record"
).split()
NOUNS = ("library branch", "bus route", "harbour wall", "school budget", "housing plan",
         "bridge repair", "swimming pool", "night bus", "care home", "festival grant")
#: Post authors' display names, some with the emoji and bars real signatures carry.
NAMES = ["Ann Lee", "Bob Roe", "Cara Diaz 🌹", "Dev Patel", "Eli Moss | News", "Fay Wu ✨",
         "Gus Hart", "Hana Sato", "Ivo Kral", "Jo Mbeki", "Kit Vance"]
PEOPLE = ["Maria Okafor", "Daniel Brennan", "Priya Raman", "Tomas Lindqvist",
          "Grace Whitcombe", "Samuel Adeyemi", "Helen Marsh", "Owen Castellano"]
ROLES = ["the council leader", "a spokeswoman for the trust", "the committee chair",
         "a local head teacher", "the opposition leader", "a retired engineer"]
ORGS = ["Kelton Borough Council", "the Harbour Trust", "the Eastfield Residents' Association",
        "Calder Transport", "the Department for Communities", "Northgate Library"]
PLACES = ["Kelton", "Ashbury", "Eastfield", "Marlow Bridge", "Northgate"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["March", "April", "May", "June", "September", "October"]
#: Sentence shapes of ordinary news prose: reported speech, quotations with their
#: speakers, votes, figures, hedges - so that the analyzers do the work real articles
#: give them (names, quotes, clauses), and the text reads as English.
SENTENCES = [
    "{person}, {role}, said the {noun} would reopen by {month} if the money was found.",
    "The council voted {a} to {b} on {day} to review the {noun}, a decision that critics "
    "said had been taken too quickly.",
    '"{quote}," {person} said.',
    '"{quote}," said {person}, {role}.',
    "Residents in {place} have waited for the {noun} since {year}, according to figures "
    "published by {org}.",
    "It is not yet clear whether the {noun} will go ahead before the end of the year.",
    "Critics of the plan say it hurts the people who rely on the {noun} most, and that "
    "nobody asked them first.",
    "In a statement, {org} said it had listened to everyone and would publish a full "
    "report on the {noun} in {month}.",
    "{person} told reporters that the cost of the {noun} had risen by {a} per cent in two "
    "years.",
    "More than {n} people signed a petition against the change, which was handed to "
    "{org} on {day}.",
    "The meeting, which ran for nearly three hours, heard from {a} residents and two "
    "local businesses.",
    "Asked whether the {noun} would close, {person} said: \"{quote}.\"",
    "{org} has not said how much of its budget will go to the {noun} next year.",
    "Supporters of the scheme argue that the {noun} in {place} was never paid for properly "
    "and that the council is only being honest about it.",
]
QUOTES = [
    "We have listened to residents and we will keep the {noun} open as long as we can",
    "This is not the end of the {noun}, but it is going to be a hard year",
    "Nobody voted for a {noun} that costs twice what they were promised",
    "I have never seen {place} so united about anything",
    "We are not going to rush this decision, and we will say so when we know more",
    "People here deserve straight answers, not another consultation",
]
POSTS = [
    "The {noun} vote tonight is a disgrace. {place} deserves better than this",
    "Proud of everyone who turned up for the {noun} meeting in {place} this evening",
    "So we were promised a new {noun} and now it is being reviewed again? Not good enough",
    "Full report from tonight's meeting on the {noun} is on our website now",
    "If you rely on the {noun}, please sign the petition before Friday",
    "Thank you to the volunteers who kept the {noun} going all winter",
    "Still no answer from the council about the {noun}. Three months and counting",
]


def _fill(rng: random.Random, template: str) -> str:
    a = rng.randint(3, 9)
    slots = {"person": rng.choice(PEOPLE), "role": rng.choice(ROLES), "org": rng.choice(ORGS),
             "place": rng.choice(PLACES), "noun": rng.choice(NOUNS), "day": rng.choice(DAYS),
             "month": rng.choice(MONTHS), "year": rng.randint(2012, 2019), "a": a,
             "b": a - rng.randint(1, 3), "n": rng.randint(2, 40) * 100}
    if "{quote}" in template:
        slots["quote"] = _fill(rng, rng.choice(QUOTES))
    text = template.format(**slots)
    return text[0].upper() + text[1:]


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_fill(rng, rng.choice(SENTENCES)) for _ in range(sentences))


def make_article(i: int, seed: int = 0) -> tuple[str, list[dict]]:
    """Return ``(plain text, posts)`` for article ``i``."""
    rng = random.Random(seed * 1_000_003 + i)
    parts = [_paragraph(rng, 6) for _ in range(4)]
    posts = []
    for k in range(11):
        name = NAMES[k]
        handle = name.split()[0].lower() + str(k) + str(i % 97)
        tag = rng.choice(PLACES).replace(" ", "") + rng.choice(WORDS).title()
        body = _fill(rng, rng.choice(POSTS)) + f" #{tag}"
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
