"""Flag posts whose date does not fit the article's date."""

from __future__ import annotations

from datetime import date

from ..config import Setting
from ..doc import Doc, Flag
from .base import Analyzer


class PostDateCheck(Analyzer):
    """Analyzer: a ``post_date_anomaly`` flag for each post dated too long before the
    article (``max_days_before``, default 30) or after it (``max_days_after``, default 0).

    Articles or posts without a date are not checked.
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
        for i, post in enumerate(doc.posts):
            if not post.posted:
                continue
            days = (published - date.fromisoformat(post.posted)).days
            if days > self.config["max_days_before"]:
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
