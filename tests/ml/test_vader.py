"""The windowed VADER gives the stock analyzer's scores, faster."""

from __future__ import annotations

from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from echoscope.ml.vader import vader

ROOT = Path(__file__).parent.parent.parent
#: Texts written for the project: test fixtures and the ordinary texts of the benchmarks.
FOLDERS = [ROOT / "tests" / "fixtures", ROOT / "benchmarks" / "genres",
           ROOT / "benchmarks" / "genres_heldout"]

#: Written to reach every look-around rule: negation one, two and three words back,
#: "never so/this", "without doubt", idioms before and after, boosters, "least", caps.
RULES = [
    "This is not good.", "It was not very good.", "I am not at all happy.",
    "Never so happy in my life!", "Never this sad.", "Without doubt the best day.",
    "Without any doubt, a fine result.", "That was the shit, honestly.",
    "It is kind of sad.", "Sort of nice I guess", "The least bad option.",
    "At least it was fun.", "Not the least bit helpful.", "no good deed", "No.",
    "The plan was NOT GOOD at all!!!", "She isn't great, but he's worse :(",
    "Bad ass performance", "yeah right, cut the mustard", "hand to mouth, kiss of death",
    "good", "", "   ", "Wow", "I love it \U0001f60d\U0001f60d", "so sad\U0001f622 really",
    "\U0001f44d", " \u2764\ufe0f kind of great", "kind", "kind of", "Not kind of bad",
    "it's a good day, isn't it? not really... never mind",
]


def _texts() -> list[str]:
    out = list(RULES)
    for path in sorted(p for folder in FOLDERS for p in folder.glob("*.txt")):
        text = path.read_text("utf-8")
        out.append(text)
        out += [s for s in text.split(". ") if s.strip()]
    return out


def test_the_windowed_analyzer_scores_every_text_as_the_stock_one():
    stock, ours = SentimentIntensityAnalyzer(), vader()
    texts = _texts()
    assert len(texts) > 500
    for text in texts:
        assert ours.polarity_scores(text) == stock.polarity_scores(text), text
