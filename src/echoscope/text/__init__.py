"""Pure text helpers shared by the readers and the analyzers (they import only each other).

- :mod:`.social_text` — dates as embeds render them, links, hashtags, mentions, post URLs;
- :mod:`.signatures` — the one grammar of a post signature (``— Name (@handle) DATE``);
- :mod:`.sentences` — sentence spans and the article's own prose (outside posts).
"""
