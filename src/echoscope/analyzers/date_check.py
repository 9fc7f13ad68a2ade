"""Flag posts whose date does not fit the article's date."""

from __future__ import annotations

import re
from datetime import date

from ..config import Setting
from ..doc import Doc, Flag
from ..text.sentences import split_sentences
from ..text.social_text import DATE_RE, MONTH_NAMES, date_from_match
from .base import Analyzer


class PostDateCheck(Analyzer):
    """Analyzer: a ``post_date_anomaly`` flag for each post dated too long before the
    article (``max_days_before``, default 30) or after it (``max_days_after``, default 0).

    Articles or posts without a date are not checked. An old post the article itself dates
    in the prose just before it ("In July 2019 she posted: …", "Last month, she shared …"),
    in the sentence right after it when that is about the post ("The post was written in
    2019, years before the fire.") or in its headline (the post's year, when it is not the
    story's own) is not flagged: the article does not present it as a reaction.
    """

    name = "date_check"
    requires = ("posts", "published")
    assigns = ("flags",)

    settings = {
        "max_days_before": Setting(30, "A post dated more than this many days before the "
                                   "article gets a post_date_anomaly flag.", min=0, max=36_500),
        "max_days_after": Setting(0, "A post dated more than this many days after the article "
                                  "gets a post_date_anomaly flag.", min=0, max=36_500),
    }

    def __call__(self, doc: Doc) -> Doc:
        if not doc.published:
            return doc
        published = date.fromisoformat(doc.published)
        runs: dict[int, tuple[int, int]] | None = None
        for i, post in enumerate(doc.posts):
            if not post.posted:
                continue
            days = (published - date.fromisoformat(post.posted)).days
            if days > self.config["max_days_before"]:
                runs = _runs(doc) if runs is None else runs
                if _dated_by_article(doc, i, post.posted, *runs[i]):
                    continue  # the article says when it was posted: not presented as new
                message = (
                    f"post by @{post.handle or '?'} is dated {post.posted}, {days} days before "
                    f"the article ({doc.published}); it may be old news presented as a reaction"
                )
            elif -days > self.config["max_days_after"]:
                message = (
                    f"post by @{post.handle or '?'} is dated {post.posted}, {-days} days after "
                    f"the article ({doc.published}); the article date or the post date is wrong"
                )
            else:
                continue
            doc.flags.append(Flag("post_date_anomaly", message, post.start, post.end, post=i))
        return doc


#: How far before and after a post the prose is read for the article's own dating of it.
LEAD_IN = 300
#: Before a post, the paragraphs that lead in to it are read whole — up to this many
#: (an interview's question dates the post its answer quotes) and this many characters.
LEAD_PARAGRAPHS = 2
LEAD_IN_MAX = 800


#: The article saying a post is not new: "last month", "two years ago", "earlier this year";
#: or placing it in time after another event it tells of ("Five months later, he posted",
#: "the following year").
_AGO = re.compile(r"\b(?:last (?:week|month|year|spring|summer|autumn|fall|winter)|"
                  r"(?:weeks|months|years|a week|a month|a year) (?:ago|earlier|before)|"
                  r"earlier this (?:year|month)|the previous (?:year|month)|"
                  r"(?:days|weeks|months|years|a day|a week|a month|a year) "
                  r"(?:later|afterwards?)|the (?:following|next) (?:day|week|month|year))\b",
                  re.I)


#: A sentence about the post just quoted.
_ABOUT_POST = re.compile(r"\b(?:post|posts|posted|tweet|tweets|tweeted|wrote|written|published|"
                         r"shared|message|caption|uploaded)\b|^(?:It|That|This)\b", re.I)


def _runs(doc: Doc) -> dict[int, tuple[int, int]]:
    """For each post (by index): where the run of posts quoted back to back with it begins
    (nothing but white space between them), and where the post before that run ends (0:
    none) — the prose between the two leads in to every post of the run."""
    order = sorted(range(len(doc.posts)), key=lambda k: (doc.posts[k].start, doc.posts[k].end))
    out: dict[int, tuple[int, int]] = {}
    head, floor, last_end = 0, 0, 0
    for n, k in enumerate(order):
        post = doc.posts[k]
        if post.start < last_end:  # inside or across another post: no run, as before
            out[k] = (post.start, max([0] + [p.end for p in doc.posts if p.end <= post.start]))
            last_end = max(last_end, post.end)
            continue
        if n == 0 or doc.text[last_end:post.start].strip():
            head, floor = post.start, last_end
        out[k] = (head, floor)
        # A post the prose quotes mid-line ("This week @x posted on X: "…"") is part of the
        # prose leading in to the next one, not a wall before it.
        if not doc.text[doc.text.rfind("\n", 0, post.start) + 1:post.start].strip():
            last_end = max(last_end, post.end)
    return out


def _dated_by_article(doc: Doc, i: int, posted: str, head: int, floor: int) -> bool:
    """Does the prose just before post ``i`` — or before the first of the posts quoted
    back to back with it — (its last :data:`LEAD_IN` characters, and
    before them those of the :data:`LEAD_PARAGRAPHS` paragraphs leading in to it, at most
    :data:`LEAD_IN_MAX` back, that speak of a post or ask a question; never inside another
    post), or the sentence right after it when that is about the post, date it —
    its year (its month, when the article is from the same year), or a phrase that places
    it in the past ("last month", "years ago") — or the headline give its year (one that is
    not the story's own)? (An old post the article only calls old — "an older post",
    "an old tweet of hers" — is still flagged: tried twice and withdrawn, reviewers' old
    posts presented as new lost their flags.)"""
    post = doc.posts[i]
    # Posts quoted back to back, nothing between them, share the prose that leads in to
    # the first ("Several customers had complained weeks before the recall." then three
    # posts; :func:`_runs`): it dates each of them.
    start = max(floor, head - LEAD_IN)
    # Further back, the paragraphs leading in to the post count only where they speak of a
    # post or ask a question (an interview's question dates the post its answer quotes;
    # "the budget was cut last year" dates nothing).
    far = max(floor, _lead_in(doc.text, head))
    lead = []
    at = far
    for par in doc.text[far:head].split("\n"):  # whole paragraphs that begin early
        if at < start and (_ABOUT_POST.search(par) or "?" in par):
            lead.append(par)
        at += len(par) + 1
    end = min([len(doc.text), post.end + LEAD_IN]
              + [p.start for p in doc.posts if p.start >= post.end])
    year, month = int(posted[:4]), int(posted[5:7])
    same_year = doc.published is not None and doc.published[:4] == posted[:4]
    if doc.title and (re.search(rf"(?<!\d){year}\s+(?:post|tweet)s?\b(?!-)", doc.title) or (
            not same_year and re.search(rf"(?<!\d){year}(?!\d)", doc.title))):
        return True  # "Jury shown defendant's 2019 post" (not "Election 2024" in 2024)
    # After the post, only the sentence right after it, and only when it is about the post
    # ("The post was published in June 2019 ..."; not "Turnout was up on last year.").
    first = split_sentences(doc.text, post.end, end)[:1]
    after = doc.text[first[0][0]:first[0][1]] if first else ""
    before = "\n".join([*lead, doc.text[start:head]])
    for prose in (before, after if _ABOUT_POST.search(after) else ""):
        if _AGO.search(prose):
            return True
        if any(date_from_match(m) == posted for m in DATE_RE.finditer(prose)):
            return True  # the post's own date, in any form ("on Jan. 14, 2025:")
        if same_year:
            # "On March 11, she posted", "On Jan. 14": the story's own year
            name = MONTH_NAMES[month]
            if re.search(rf"\b(?:{name}|{name[:3]}\.?)(?!\w)", prose):
                return True
        elif re.search(rf"(?<!\d){year}(?!\d)", prose):
            return True
    return False


def _lead_in(text: str, at: int) -> int:
    """Where the :data:`LEAD_PARAGRAPHS` paragraphs (lines with text) before ``at`` begin,
    no more than :data:`LEAD_IN_MAX` characters back."""
    floor = max(0, at - LEAD_IN_MAX)
    i, seen = at, 0
    while i > floor:
        j = text.rfind("\n", floor, i)
        if text[j + 1:i].strip():
            seen += 1
            if seen == LEAD_PARAGRAPHS:
                return j + 1 if j >= 0 else floor
        if j < 0:
            return floor
        i = j
    return floor
