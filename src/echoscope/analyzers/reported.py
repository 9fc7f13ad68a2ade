"""Stances an article reports ("X backed Y", "Y was criticised by X", "X, who supported Y
in 2012, ...", "X declined to abandon his backing of Y"), read from the dependency parse.

For every verb or noun of support or opposition in a prose sentence that names at least
one person: the actor is its subject (the agent of a passive; the possessor of a noun, "her
support"; the noun a relative clause hangs on, "X, who backed ..."; for a pronoun, the
person the sentence or the article is about), the target its object (the subject of a
passive; the object of "for"/"of"/"against"; the noun a relative clause hangs on, "Y,
whom she backed"). A stance undone once — by a negation ("did not back") or a verb that
undoes it ("withdrew her support") — is no stance (not the opposite one); undone twice
("declined to abandon his backing") it stands. It is left out when it is only possible
("might back"), asked, or conditional ("if she backs"), or only relayed: the content of a
claim, rumour or report ("the claim that X endorsed Y is false"), of a verb of claiming
("posts alleged that ...") or of belief ("many voters think X endorsed Y"), attributed to
hearsay or an unnamed source ("according to a viral post"), or said falsely or
reportedly. The date is a year in the stance's own clause ("whom he endorsed in 2012"),
never one elsewhere in the sentence; a stance set in a past it does not date ("who once
backed Y", "her previous support for Y") is left out.

General patterns over syntax, not phrases from any one article; tested on sentences
written in several phrasings per pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..ml.spacy_pipeline import load_pipeline

FAVOR_VERBS = frozenset("back endorse support defend praise champion applaud laud commend hail "
                        "embrace believe".split())
AGAINST_VERBS = frozenset("criticise criticize condemn oppose attack denounce slam blast rebuke "
                          "disavow reject ridicule mock accuse scold berate lambast lambaste "
                          "castigate".split())
FAVOR_NOUNS = frozenset("support backing endorsement praise defence defense".split())
AGAINST_NOUNS = frozenset("criticism opposition condemnation".split())
#: verb + preposition: "vote for", "stand by", "campaign against", "turn on".
PREP_VERBS = {("vote", "for"): "FAVOR", ("campaign", "for"): "FAVOR", ("stand", "by"): "FAVOR",
              ("rally", "behind"): "FAVOR", ("side", "with"): "FAVOR",
              ("vote", "against"): "AGAINST", ("campaign", "against"): "AGAINST",
              ("speak", "against"): "AGAINST", ("turn", "on"): "AGAINST",
              ("rail", "against"): "AGAINST", ("call", "out"): "AGAINST"}
#: Verbs that undo what they govern: "withdrew her support", "refused to back".
FLIP_VERBS = frozenset("refuse decline fail stop cease withdraw drop abandon rescind revoke "
                       "retract end pull deny avoid refrain".split())
#: Verbs that look back on a stance taken ("regrets backing Y", "regrets not backing Y"):
#: whether it still holds they do not say, so no stance is reported.
REGRET_VERBS = frozenset("regret rue lament".split())
#: "demanded that X resign", "called on X to step down": against X.
CALL_VERBS = frozenset("demand call urge ask press".split())
CALL_FOR = frozenset("resign quit impeach investigate prosecute arrest fire sack oust".split())
_MODALS = frozenset("might may could would should".split())
#: Nouns whose content clause the article does not assert: "the claim that X backed Y",
#: "rumours that ...", "Claim: X backed Y" (a fact-check's heading).
HEARSAY_NOUNS = frozenset("claim allegation rumour rumor report suggestion speculation "
                          "notion myth hoax theory assertion insinuation denial "
                          # and what someone believes: "a belief that he supports Y"
                          "belief suspicion impression perception assumption fear hope "
                          "expectation".split())
#: ... unless the sentence vouches for it: "confirmed reports that ...".
CONFIRM_VERBS = frozenset("confirm acknowledge admit verify corroborate".split())
#: ... nor these when denied: "no evidence that X backed Y".
PROOF_NOUNS = frozenset("evidence proof sign indication record".split())
#: Verbs whose content clause the article does not assert: "posts claimed that X ...".
HEARSAY_VERBS = frozenset("claim allege rumor rumour speculate purport insinuate suggest "
                          "imply".split())
#: Words that set a stance in a past they do not date ("who once backed Y", "her previous
#: support for Y", "initially endorsed"): no position at the article's date, and no year.
BYGONE = frozenset("once formerly previously initially originally onetime one-time erstwhile "
                   "former previous past prior".split())
#: Verbs of belief, suspicion or hope: their content clause is what someone takes to be
#: so, not what the article reports ("many voters think X endorsed Y", "critics suspect
#: that X backs Y"). ("hop": the small model's lemma of "hoped". Not "doubt": "no one
#: doubts that X ..." asserts it; nor "wonder": "wonders why she ever backed Y" did.)
BELIEF_VERBS = frozenset("believe think suspect assume presume suppose imagine fear guess "
                         "reckon hope hop wish".split())
#: What rumours and claims do when only spreading ("rumours swirled that ..."), unlike a
#: report that confirms or finds.
SPREAD_VERBS = frozenset("swirl circulate spread persist surface emerge abound fly grow "
                         "resurface".split())
#: A claim verb closing the sentence after a comma: "..., a viral post claimed."
_TRAILING_CLAIM = re.compile(
    r",\s+(?:[\w'’-]+\s+){0,5}(?:claimed|claims|alleged|alleges|suggested|suggests|implied|"
    r"implies|speculated|insinuated|purported|rumou?red)\s*[.!]?[\"”’]?\s*$", re.IGNORECASE)
#: "it is false that X backed Y".
UNTRUE = frozenset("false untrue wrong baseless unfounded fabricated fake".split())
#: "falsely said that X backed Y": said so, not so (on a verb above the stance only:
#: "falsely accused Y" is still against Y).
FALSELY = frozenset("falsely wrongly mistakenly erroneously incorrectly baselessly".split())
#: "reportedly backed Y", "her alleged support for Y": hedged, wherever they stand.
HEDGES = frozenset("supposedly allegedly reportedly purportedly rumoredly "
                   "alleged rumoured rumored supposed purported".split())
#: "according to a viral post, X backed Y", "per sources": a stance attributed to hearsay or
#: an unnamed source is relayed; one attributed to a person or office ("according to her
#: spokesperson") stays reported.
RELAY_SOURCES = HEARSAY_NOUNS | frozenset("post tweet video meme screenshot message thread "
                                          "gossip chatter whisper source insider tipster "
                                          "tabloid".split())
#: ... and any source described so: "according to unconfirmed accounts".
RELAY_ADJECTIVES = frozenset("unconfirmed unverified unnamed anonymous viral".split())
_PRONOUNS = frozenset("he she they him her them his hers their who whom that which".split())
_YEAR = re.compile(r"^(?:19|20)\d\d$")
#: "opposition to X's nomination": a stance toward someone's role is toward them.
ROLE_NOUNS = frozenset("nomination candidacy candidature appointment confirmation campaign "
                       "bid election reelection re-election presidency leadership tenure "
                       "premiership".split())


#: A sentence worth parsing holds a word of support or opposition (a cheap pre-filter, a
#: superset of the words :func:`_label_of` reads by their lemma): not the people
#: who do it ("supporters", "voters", "attackers"), nor words that only open like one
#: ("railway", "turnout", "background", "spokeswoman", "sidewalk").
_STANCE_WORD = re.compile(
    r"\b(?:(?:endors|support|defen[cdsz]|prais|champion|applau|laud|commend|embrac|believ|"
    r"criticis|criticiz|condemn|oppos|attack|denounc|slam|blast|rebuk|disavow|reject|"
    r"ridicul|accus|scold|berat|lambast|castigat)\w*(?<!er)(?<!ers)(?<!or)(?<!ors)"
    r"|(?:back|hail|mock)(?:s|ed|ing|ings)?)\b", re.I)
#: The verbs that are a stance only with their preposition (:data:`PREP_VERBS`:
#: "voted for", "turned on", "sided with"), by their forms; a sentence is worth parsing for
#: one only where it holds that preposition too ("The council voted 8 to 5 on Thursday"
#: is no stance). ("call out" is a verb of calling, below.)
_PREP_VERB_FORMS = {
    "vote": r"vot(?:e|es|ed|ing)", "campaign": r"campaign(?:s|ed|ing)?",
    "stand": r"stand(?:s|ing)?|stood", "rally": r"rall\w*", "side": r"sid(?:e|es|ed|ing)",
    "speak": r"speak(?:s|ing)?|spok(?:e|en)", "turn": r"turn(?:s|ed|ing)?",
    "rail": r"rail(?:s|ed|ing)?"}
_PREPS = {verb: "|".join(sorted(p for v, p in PREP_VERBS if v == verb))
          for verb in _PREP_VERB_FORMS}
_PREP_STANCE = [(re.compile(rf"\b(?:{forms})\b", re.I), re.compile(rf"\b(?:{_PREPS[verb]})\b", re.I))
                for verb, forms in _PREP_VERB_FORMS.items()]
#: A verb of calling ("called on X to resign", "called X out") counts only beside what it
#: calls for, or "out".
_CALL_WORD = re.compile(r"\b(?:call(?:s|ed|ing)?|demand(?:s|ed|ing)?|urg(?:e|es|ed|ing)|"
                        r"ask(?:s|ed|ing)?|press(?:es|ed|ing)?)\b", re.I)
_CALLED_FOR = re.compile(r"\b(?:(?:resign|quit|impeach|investigat|prosecut|arrest|sack|oust|"
                         r"step|drop)\w*|fir(?:e|es|ed|ing)|out)\b", re.I)


def names_a_stance(sentence: str) -> bool:
    """Does ``sentence`` hold a word of support or opposition (:data:`_STANCE_WORD`, a verb
    with its preposition, a verb of calling beside what it calls for)? A cheap test: every
    sentence :func:`reported_stances` finds a stance in passes it."""
    return _STANCE_WORD.search(sentence) is not None or any(
        verb.search(sentence) and prep.search(sentence) for verb, prep in _PREP_STANCE) or (
        _CALL_WORD.search(sentence) is not None and _CALLED_FOR.search(sentence) is not None)


@dataclass(frozen=True, slots=True)
class Reported:
    """One reported stance: token offsets (within the text parsed) of the actor and target
    words, the label, and the year of its clause if it names one."""

    actor: tuple[int, int]
    target: tuple[int, int]
    label: str
    year: str | None
    actor_is_pronoun: bool


MAX_SENTENCE = 2_000  # characters; a reported stance sits in an ordinary sentence


def parser(model: str) -> Any:
    """A spaCy pipeline with the dependency parser (no NER), loaded once per process."""
    return load_pipeline(model, ("ner",), setting="analysis.positions.parser_model")


def _unread(sentence: str) -> bool:
    """Is ``sentence`` one that reports no stance, whatever its parse?"""
    return (sentence.rstrip().endswith("?")  # a question reports nothing
            # not a sentence but a run-on block (no full stops): never parsed
            or len(sentence) > MAX_SENTENCE
            # "X endorsed Y, a viral post claimed.": relayed, not reported
            or _TRAILING_CLAIM.search(sentence) is not None)


def reported_stances(sentence: str, model: str) -> list[Reported]:
    """Every reported stance in one sentence, from its parse."""
    return [] if _unread(sentence) else _stances(parser(model)(sentence))


def reported_stances_many(sentences: list[str], model: str) -> dict[str, list[Reported]]:
    """:func:`reported_stances` of each sentence, parsed together (spaCy's batches: about
    half the time of one sentence at a time)."""
    todo = [s for s in dict.fromkeys(sentences) if not _unread(s)]
    out: dict[str, list[Reported]] = dict.fromkeys(sentences, [])
    for sentence, doc in zip(todo, parser(model).pipe(todo, batch_size=64), strict=True):
        out[sentence] = _stances(doc)
    return out


def _stances(doc: Any) -> list[Reported]:
    """The reported stances of one parsed sentence."""
    kept: list[tuple[Reported, Any, Any]] = []
    undone: list[tuple[str, Any, Any]] = []  # (label, actor, target) of stances undone
    for tok in doc:
        label = _label_of(tok)
        if label is None:
            continue
        # Undone once ("did not back", "withdrew her support") is no stance, not the
        # opposite one; undone twice ("declined to abandon his backing") is the stance.
        polarity = _polarity(tok)
        if polarity == "flip":
            undone.append((label, _actor(tok), _target(tok)))
        if polarity != "keep":
            continue
        actor, target = _actor(tok), _target(tok)
        if actor is None or target is None or actor.i == target.i:
            continue
        year = _year(tok)
        if year is None and any(c.dep_ in ("advmod", "amod") and c.lower_ in BYGONE
                                for c in tok.children):
            continue  # "who once backed Y", "her previous support of Y": when, unsaid
        if _believed(tok, actor):
            continue  # "many voters think X endorsed Y": a belief, not a report
        kept.append((Reported(_span(actor), _span(target), label, year,
                              actor.lower_ in _PRONOUNS), actor, target))
    # "X, who endorsed Y on Friday, is withdrawing that endorsement": a stance the same
    # sentence takes back — same kind, same actor, the same target or none named ("that
    # endorsement", "her support for him") — is not the actor's position (one with
    # its own year stands: it is dated history, "who backed Y in 2016"). "withdrew her
    # backing of Z and endorsed Y" takes back nothing about Y.
    return [r for r, actor, target in kept if r.year is not None or not any(
        label == r.label and (other is None or _same(other, actor))
        and (undone_target is None or _same(undone_target, target)
             or _points_back(undone_target))
        for label, other, undone_target in undone)]


#: What a taken-back stance may point with instead of naming its target again ("withdrew
#: her support for him", "that endorsement"); "the tax plan", "anyone" are other targets.
_POINTERS = frozenset("it him her them this that these those".split())


def _points_back(tok: Any) -> bool:
    return tok.lower_ in _POINTERS or any(
        c.dep_ == "det" and c.lower_ in ("that", "this", "same") for c in tok.children)


#: Pronouns of one person, by the words that refer to them.
_PERSONS = {w: k for k, ws in {"she": "she her hers herself", "he": "he him his himself",
                              "they": "they them their theirs themselves"}.items()
            for w in ws.split()}


def _believed(tok: Any, actor: Any) -> bool:
    """Is the stance word ``tok`` only what someone else believes, suspects or hopes: in the
    content clause of a verb of belief (:data:`BELIEF_VERBS`) after it ("critics suspect
    that X backs Y"), or before it across a comma ("X has backed Y all along, her rivals
    suspect")? Not one's own ("X believes she was right to back Y", "we oppose Y, we think
    his plan is reckless"), nor a clause the parse hangs on a belief after a semicolon or
    a dash ("X endorsed Y in March; critics think she was paid")."""
    cur = tok
    for _ in range(5):
        head = cur.head
        if head.i == cur.i:
            return False
        if cur.dep_ == "ccomp" and head.lemma_.lower() in BELIEF_VERBS and head.pos_ == "VERB":
            believer = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")),
                            None)
            if believer is not None and _same(believer, actor):
                return False
            if cur.i < head.i:  # the clause before the belief: a comma only between
                after = cur.right_edge.i + 1
                return after < len(tok.doc) and tok.doc[after].text == "," and not any(
                    t.text in (";", "—", "–", "-", ":") for t in tok.doc[after:head.i])
            return True
        if cur.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children) \
                and any(t.text in (",", ";") for t in tok.doc[head.i:cur.i]):
            return False  # "X thinks Y is dangerous, and she has attacked him": a clause of
            # its own, whatever the parse hangs it on
        if cur.dep_ in ("ccomp", "xcomp", "conj") and head.pos_ in ("VERB", "AUX"):
            cur = head
            continue
        return False
    return False


def _same(a: Any, b: Any) -> bool:
    """Do two tokens name the same one: the same word, or a pronoun and the named subject
    it refers to ("Ana Ruiz ... withdrew her support"), or two pronouns of one person that
    nothing before them places ("She endorsed Y and withdrew her endorsement")."""
    ra, rb = _antecedent(a), _antecedent(b)
    if ra is not None and rb is not None:
        return ra.lower_ == rb.lower_
    if ra is None and rb is None:
        return _PERSONS.get(a.lower_, a.lower_) == _PERSONS.get(b.lower_, b.lower_)
    return False


def _antecedent(tok: Any, depth: int = 0) -> Any | None:
    """The named word a pronoun refers to: the noun a relative clause hangs on ("Ana Ruiz,
    who ..."), else the nearest subject before it — a name, or a pronoun resolved in turn;
    a common noun there ("Omar's wife withdrew her support") leaves it unplaced (None)."""
    if tok.lower_ not in _PRONOUNS:
        return tok
    if tok.dep_ == "nsubj" and tok.head.dep_ == "relcl":
        return tok.head.head  # "Ana Ruiz, who ..."
    if depth > 3:
        return None
    for prev in reversed(tok.doc[:tok.i]):
        if prev.dep_ in ("nsubj", "nsubjpass"):
            if prev.lower_ in _PRONOUNS:
                return _antecedent(prev, depth + 1)
            return prev if prev.pos_ == "PROPN" else None
    return None


def _label_of(tok: Any) -> str | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        if lemma in FAVOR_VERBS:
            # "believe" is support only of a person (believe her), not of a claim.
            if lemma == "believe" and not any(c.dep_ == "dobj" for c in tok.children):
                return None
            return "FAVOR"
        if lemma in AGAINST_VERBS:
            return "AGAINST"
        for child in tok.children:
            key = (lemma, child.lower_)
            if child.dep_ in ("prep", "prt") and key in PREP_VERBS:
                return PREP_VERBS[key]
        if lemma in CALL_VERBS and _called_for(tok) is not None:
            return "AGAINST"
    if tok.pos_ == "NOUN":
        if lemma in FAVOR_NOUNS:
            return "FAVOR"
        if lemma in AGAINST_NOUNS:
            return "AGAINST"
    return None


def _polarity(tok: Any) -> str | None:
    """"keep" or "flip" the stance word's polarity, or None when the sentence only says the
    stance is possible, conditional or hoped for."""
    flips = 0
    cur = tok
    for _ in range(5):
        if _hearsay(cur, above=cur.i != tok.i):
            return None
        if any(c.dep_ == "neg" for c in cur.children):
            flips += 1
        if cur.i != tok.i and cur.lemma_.lower() in FLIP_VERBS:
            flips += 1
        if cur.i != tok.i and cur.lemma_.lower() in REGRET_VERBS:
            return None
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in cur.children):
            return None
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in cur.children):
            return None
        if cur.dep_ in ("xcomp", "dobj", "pobj", "prep", "ccomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return "flip" if flips % 2 else "keep"


def _hearsay(tok: Any, above: bool) -> bool:
    """Does the article only relay ``tok``'s clause, not assert it? The content of a claim,
    a rumour or a report ("the claim that X backed Y") unless the sentence confirms it, of
    denied evidence ("no evidence that ..."), of a verb of claiming ("posts alleged that
    ..."), what is hedged ("reportedly backed", "her alleged support") or, ``above`` the
    stance word, said falsely ("falsely said X backed Y")."""
    words = HEDGES | FALSELY if above else HEDGES
    if any(c.dep_ in ("advmod", "amod") and c.lower_ in words for c in tok.children):
        return True
    if any(c.dep_ == "parataxis" and c.lemma_.lower() in HEARSAY_VERBS for c in tok.children):
        return True  # "X, the report claimed, had backed Y"
    if any(_relayed_source(c) for c in tok.children):
        return True  # "according to a viral post, X backed Y"
    head = tok.head
    if head.i == tok.i or tok.dep_ not in ("acl", "ccomp", "relcl", "appos"):
        return False
    lemma = head.lemma_.lower()
    if head.pos_ in ("NOUN", "PROPN"):
        if head.dep_ == "dobj" and head.head.lemma_.lower() in CONFIRM_VERBS:
            return False  # "confirmed reports that she backed Y"
        return lemma in HEARSAY_NOUNS or (
            lemma in PROOF_NOUNS and any(c.dep_ == "det" and c.lower_ == "no"
                                         for c in head.children))
    if tok.dep_ != "ccomp":
        return False
    # "posts alleged that ...", "rumours swirled that ...", "it is false that ..."
    return lemma in HEARSAY_VERBS or any(
        (c.dep_ == "nsubj" and c.lemma_.lower() in HEARSAY_NOUNS and lemma in SPREAD_VERBS)
        or (c.dep_ == "acomp" and c.lower_ in UNTRUE) for c in head.children)


def _relayed_source(prep: Any) -> bool:
    """Is ``prep`` "according to"/"per" a hearsay or unnamed source?"""
    if prep.dep_ != "prep" or prep.lower_ not in ("according", "per"):
        return False
    heads = [c for c in prep.children if c.dep_ == "prep" and c.lower_ == "to"] or [prep]
    for head in heads:
        for source in (c for c in head.children if c.dep_ == "pobj"):
            if source.lemma_.lower() in RELAY_SOURCES or any(
                    c.dep_ == "amod" and c.lower_ in RELAY_ADJECTIVES for c in source.children):
                return True
    return False


def _subject(verb: Any) -> Any | None:
    for c in verb.children:
        if c.dep_ == "agent":  # passive: "by X"
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None  # a passive without "by": nobody reported as actor
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None:
        if subj.lower_ in ("who", "that") and verb.dep_ == "relcl":
            return verb.head
        return subj
    if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        return _subject(verb.head)
    return None


def _actor(tok: Any) -> Any | None:
    if tok.pos_ == "NOUN":
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        cur = tok.head
        while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
            cur = cur.head
        return _subject(cur) if cur.pos_ in ("VERB", "AUX") else None
    return _subject(tok)


def _target(tok: Any) -> Any | None:
    return _holder(_object(tok))


def _object(tok: Any) -> Any | None:
    if tok.pos_ == "VERB":
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            return passive
        if tok.lemma_.lower() in CALL_VERBS:
            return _called_for(tok)
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return tok.head if obj.lower_ in ("whom", "who", "that") and \
                tok.dep_ == "relcl" else obj
        for child in tok.children:
            if child.dep_ in ("prep", "prt"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        return None
    # "support for X", "criticism of X" — the parser may hang "for X" on the verb instead
    # ("withdrew her support for X").
    holders = [tok] + ([tok.head] if tok.dep_ == "dobj" else [])
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "against", "to"):
                return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _holder(obj: Any | None) -> Any | None:
    """``X`` for an object like "X's nomination"; the object itself otherwise."""
    if obj is not None and obj.lemma_.lower() in ROLE_NOUNS:
        return next((c for c in obj.children if c.dep_ == "poss"), obj)
    return obj


def _called_for(verb: Any) -> Any | None:
    """The one a "demand/call/urge" asks to resign, step down, be investigated ..."""
    for c in verb.subtree:
        if c.i == verb.i or c.pos_ != "VERB":
            continue
        lemma = c.lemma_.lower()
        step_down = lemma == "step" and any(g.lower_ == "down" for g in c.children)
        drop_out = lemma == "drop" and any(g.lower_ == "out" for g in c.children)
        if lemma in CALL_FOR or step_down or drop_out:
            subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
            obj = next((g for g in verb.children if g.dep_ == "dobj"), None)
            if obj is not None:
                return obj
            prep = next((g for g in verb.children if g.dep_ == "prep"), None)
            return next((g for g in prep.children if g.dep_ == "pobj"), None) if prep else None
    return None


#: What opens a clause that happens at the same time as the one it hangs on ("when
#: critics questioned it in 2022, she defended him"): its year dates both. Not "while"
#: or "as", which as often mean "although" or "like" ("While she opposed him in 2016,
#: she now backs him").
_AT_THE_TIME = frozenset(["when"])


def _year(tok: Any) -> str | None:
    """A year in the stance's own clause: its subtree, less the subtrees of its subject,
    its object and any clause hanging in them; or "in"/"during" a year in a "when" clause
    hanging on it ("when critics questioned the claims in 2022, she defended him"). Not
    one of a clause before or after it ("after she lost in 2016, she backed him")."""
    clause = tok if tok.pos_ == "VERB" else tok.head
    return _clause_year(clause, depth=0)


def _clause_year(clause: Any, depth: int) -> str | None:
    skip: set[int] = set()
    same_time = []
    for c in clause.children:
        if c.dep_ == "prep":
            # "accused him of raping her in 1978": the year of what is alleged, not of the
            # accusation.
            for g in c.children:
                if g.dep_ == "pcomp":
                    skip.update(t.i for t in g.subtree)
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "conj", "relcl", "ccomp", "advcl"):
            skip.update(t.i for t in c.subtree)
            if c.dep_ == "advcl" and depth == 0 and any(
                    g.dep_ in ("mark", "advmod") and g.lower_ in _AT_THE_TIME and g.i < c.i
                    for g in c.children):
                same_time.append(c)
    inside = {t.i for t in clause.subtree}
    for t in clause.subtree:
        if not _YEAR.match(t.text):
            continue
        if t.i not in skip and t.dep_ in ("pobj", "npadvmod", "nummod") and not depth:
            return t.text
        # In a clause of the same moment, only "in 2022" dates it, wherever the parse
        # hangs it ("questioned the claims about charging times in 2022"); "the 2019
        # budget", "asked about the 2019 scandal" not.
        if depth and t.dep_ == "pobj" and t.head.lower_ in ("in", "during") and not any(
                a.dep_ in ("relcl", "acl", "ccomp") and a.i != clause.i for a in t.ancestors
                if a.i in inside):
            return t.text
    for c in same_time:
        year = _clause_year(c, depth + 1)
        if year is not None:
            return year
    return None


def _span(tok: Any) -> tuple[int, int]:
    return tok.idx, tok.idx + len(tok.text)


_ACCUSE = frozenset("accuse allege".split())
_ACCUSATION = frozenset("accusation allegation claim charge complaint".split())


def roles(sentence: str, model: str) -> list[tuple[tuple[int, int], str]]:
    """Who is ``accused`` and who the ``accuser`` in one sentence, by the parse: the object
    of "accuse" (or the subject of its passive, "X, who was accused by Y") is accused, its
    subject (or the agent of its passive) the accuser; "an accused predator", "the X
    accusation", "allegations against X" name the accused, "her accuser X" the accuser."""
    doc = parser(model)(sentence)
    out: list[tuple[tuple[int, int], str]] = []

    def add(tok: Any | None, role: str) -> None:
        if tok is None:
            return
        if tok.lower_ in ("who", "that") and tok.head.dep_ == "relcl":
            tok = tok.head.head
        out.append((_span(tok), role))
        for c in tok.children:  # "a former aide, Lia Park": the name in apposition
            if c.dep_ == "appos":
                out.append((_span(c), role))

    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in _ACCUSE:
            # A headline drops the "was": "X accused of fraud by Y" is a passive too.
            by = any(c.dep_ in ("prep", "agent") and c.lower_ == "by" for c in tok.children)
            for c in tok.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    add(c, "accused")
                elif c.dep_ == "nsubj":
                    add(c, "accused" if by else "accuser")
                elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                    add(next((g for g in c.children if g.dep_ == "pobj"), None), "accuser")
            if tok.dep_ in ("amod", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
                holder = tok.head  # "an accused sexual predator": whom the noun describes
                add(holder.head if holder.dep_ in ("appos", "attr") else holder, "accused")
        elif tok.pos_ == "NOUN" and lemma in _ACCUSATION:
            for c in tok.children:
                if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN":
                    add(c, "accused")  # "the Biden accusation"
                elif c.dep_ == "prep" and c.lower_ in ("against", "about"):
                    add(next((g for g in c.children if g.dep_ == "pobj"), None), "accused")
        elif tok.pos_ == "NOUN" and lemma == "accuser":
            for c in tok.children:
                if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN":
                    add(c, "accuser")
            if tok.dep_ == "appos":
                add(tok.head, "accuser")
    return out
