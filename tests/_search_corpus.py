"""A small corpus for the search tests (written here, not copied from any data set), and a
DuckDB file built from it by the real pipeline.

Four articles from three outlets; three quoted posts (@annlee, @bobroe, @CaraD)::

    Ferry row       2021-03-02  Harbour Gazette  www.harbourgazette.example   post @annlee 2021-03-01
    Budget row      2022-06-10  Valley Times     valleytimes.example          post @bobroe 2022-06-09
    Milano visit    2023-01-05  Valley Times     news.valleytimes.example     post @CaraD  2023-01-04
    Bakery opens    2020-11-20  Coast Post       coastpost.example
"""

from __future__ import annotations

import json
from pathlib import Path

RECORDS = [
    {"id": "ferry", "date": "2021-03-02", "source": "Harbour Gazette",
     "url": "https://www.harbourgazette.example/ferry", "title": "Ferry row",
     "content": "The harbour board met on Monday. Residents said the board must believe "
                "women who reported the crossing was unsafe.\n\n"
                "We believe women, always. — Ann Lee (@annlee) March 1, 2021\n\n"
                "The board agreed to listen."},
    {"id": "budget", "date": "2022-06-10", "source": "Valley Times",
     "url": "https://valleytimes.example/budget", "title": "Budget row",
     "content": "Women on the council said they believe the budget is wrong. Milano spoke "
                "against Biden and the cuts.\n\n"
                "Milano is right about this budget. — Bob Roe (@bobroe) June 9, 2022\n\n"
                "The vote is next week."},
    {"id": "visit", "date": "2023-01-05", "source": "Valley Times",
     "url": "https://news.valleytimes.example/milano", "title": "Milano visit",
     "content": "Milano visited the valley to talk about sexual assault and the metoo "
                "movement with students.\n\n"
                "Believe women. #MeToo — Cara Diaz (@CaraD) January 4, 2023\n\n"
                "The visit ended early."},
    {"id": "bakery", "date": "2020-11-20", "source": "Coast Post",
     "url": "https://coastpost.example/bakery", "title": "Bakery opens",
     "content": "The Milanos bakery opened on the pier. Its owner spoke of sexual  \n"
                "assault charges against a rival, then of bread."},
]


def build(folder: Path) -> Path:
    """``folder/search.duckdb``, analysed from :data:`RECORDS` by ``echoscope analyze``."""
    from echoscope.cli import main

    source = folder / "search.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    db = folder / "search.duckdb"
    assert main(["analyze", str(source), "--db", str(db), "--profile", "posts_only"]) == 0
    return db
