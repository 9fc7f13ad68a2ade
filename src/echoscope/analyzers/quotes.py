"""Quotations: direct quotes with their speaker, and scare quotes.

A *direct* quote reports someone's words: it is long enough to be a statement, or a say-verb
("said", "told", "wrote", "according to", ...) attributes it. Its speaker is the person or
organisation the attribution names (the name after or before a say-verb, or before a
colon: ``Milano: "…"``) — only when that name is a person or organisation the article
names (an entity), so headline scraps, places and cut-off names are no speaker, and never
for a title in quotes ("told 'Face the Nation'"). Quoted words inside an embedded post
(kind ``in_post``) are the author's only when the post gives them to its author ("Okafor:
'…'" in Maya Okafor's post); otherwise they have no speaker: the author quotes them from
someone else (a quote-post, mockery) or puts them in someone's mouth (parody).

A *scare* quote is a short quoted word or phrase the writer distances themselves from
('feminist', "believe women", “morality”): short, not attributed by a say-verb in its
sentence (up to 250 characters back, not past a paragraph) or after it where it closes a
clause ('"…," she said', '"…," said the report'), nor by
"saying", "called", "calling" or what someone described, dismissed, opposed or praised it
as (someone's words, though "so-called" is the writer's), nor by a headline's colon before
a name ('"…": Ana Ruiz on …'), and not a name of capitalised words ("Face the Nation"). A
quoted word or two naming a label ('a "sell" rating', 'the "also tested" list') is no
quotation at all. A name after "from", "in", "of", "near", "outside" before a say-verb is
a place, no speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..config import Setting
from ..doc import Doc, Entity, Quote
from ..text.given_names import same_given_name
from ..text.social_text import CALENDAR_NAMES
from .base import Analyzer
from .common import (
    PERSON_NOUNS,
    ROLE_WORD,
    SAY_VERBS,
    SPEAKER_ROLES,
    SURNAME_PARTICLES,
    clean_name,
    headline,
    post_body_end,
)
from .entities import TITLES, quoted_nicknames, shared_surnames, titled_bearer, unplaced_name

# Opening -> closing marks. ASCII quotes pair by order within a paragraph.
_PAIRS = {"“": "”", "‘": "’", "«": "»", "„": "“", '"': '"'}
_SAY = SAY_VERBS
#: A say-verb's base form after a modal or "to" ("will insist the UK should not
#: 'underestimate' its strength", "the documents claim"): it attributes words, but never
#: names a speaker (bare, "claim" and "tweet" are nouns: "the Labour claim").
_SAY_BASE = re.compile(
    r"\b(?:will|would|to|did|does|do|may|might|can|could|should|must|documents|reports|"
    r"they|critics|officials)(?:,\s*\w+,)?\s+(?:not\s+)?(?:tell|write|insist|argue|claim|declare|explain|"
    r"warn|announce|admit|acknowledge|concede|reply|respond|tweet)\b", re.IGNORECASE)
#: Words someone is quoted as saying, or calling or describing something, a few words before
#: the quotation: theirs, not the writer's distance ("quotes her as saying 'has merit'",
#: "called the study 'careful work'", "what the firm calls a 'thermal map'", "described the
#: plan as 'bold'") — though "so-called" is the writer's; "calling for", "called to" and
#: "called on" are not naming. They decide direct or scare only, never who the speaker is.
_NAMING = re.compile(r"(?:(?<!so[\s\u2010\u2011-])\b(?:saying|calling|called|calls)\s+"
                     r"(?!(?:for|to|on|off|up|in|out|back)\b)(?:[\w'’-]+\s+){0,3}"
                     r"|\b(?:describ(?:e|es|ed|ing)|dismiss(?:es|ed|ing)?|brand(?:s|ed|ing)?|"
                     r"label(?:s|ed|led|ing|ling)?|denounc(?:e|es|ed|ing)|decr(?:y|ies|ied|ying)|"
                     r"critici[sz](?:e|es|ed|ing)|condemn(?:s|ed|ing)?|oppos(?:e|es|ed|ing)|"
                     r"attack(?:s|ed|ing)?|mock(?:s|ed|ing)?|characteri[sz](?:e|es|ed|ing)|"
                     r"portray(?:s|ed|ing)?|reject(?:s|ed|ing)?|welcom(?:e|es|ed|ing)|"
                     r"prais(?:e|es|ed|ing)|hail(?:s|ed|ing)?|defend(?:s|ed|ing)?|"
                     # a seller's or backer's words: "billed as 'regeneration'"
                     r"billed|billing|tout(?:s|ed|ing)|marketed|pitched|advertised)\s+"
                     r"(?:[\w'’-]+\s+){0,6}as\s+(?:an?\s+)?"
                     # "Guidebooks call it 'a hidden gem'", "they call the plan 'reckless'":
                     # the verb after its subject (a pronoun, a plural noun, a modal, "to"),
                     # not the noun ("a Zoom call", "his call", "the roll call").
                     r"|\b(?:they|we|you|i|people|to|would|could|might|may|will|should|must|"
                     r"often|now|still|also|even|sometimes|usually|"
                     r"(?!(?:his|its|this|was|is|has|does|as|us|plus|thus|bus|whereas)\b)"
                     r"[a-z'’-]+s)\s+call\s+"
                     r"(?!(?:for|to|on|off|up|in|out|back|from|and|was|is)\b)(?:[\w'’-]+\s+){0,3}"
                     # A grade or a class is the grader's word ("the board grades as
                     # 'moderate'", "rated the walk as 'easy'"), not a rate or a list as
                     # something happens ("rates rose as 'stagflation' fears mounted").
                     # ("her grades as a 'mature student'": the noun, after a possessive)
                     r"|(?<!\bher\s)(?<!\bhis\s)(?<!\btheir\s)(?<!\bmy\s)(?<!\byour\s)"
                     r"(?<!\bour\s)(?<!\bits\s)"
                     r"\b(?:graded|grades|rated|classified|classifies|listed)\s+as\s+(?:an?\s+)?"
                     r"|\b(?:grad(?:e|es|ed|ing)|rat(?:e|es|ed|ing)|classif(?:y|ies|ied|ying)|"
                     r"list(?:s|ed|ing)?)\s+(?:it|them|him|her|this|that|these|those|the|its|"
                     r"their|his|our|my|your)\s+(?:[\w'’-]+\s+){0,2}as\s+(?:an?\s+)?"
                     # An accusation's words are the accuser's: "accused the Netherlands of
                     # attaching 'colonial conditions'", "blamed her for", "charged him with".
                     # ("charges of 'Islamophobia'", a noun, may be the writer's distance.)
                     r"|\b(?:accus(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){0,5}of|"
                     r"blam(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){1,5}for|"
                     r"charg(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){1,5}with)\s+(?:[\w'’-]+\s+){0,4})"
                     "[\"“‘'«„]?$",
                     re.IGNORECASE)
#: After the quotation, an attribution: a say-verb, with or without a pronoun ("…," she
#: said; "…," said the report) — only where the quotation closes a clause (its words end in
#: , ? ! or . or a comma or dash follows), so 'the so-called "experts" said nothing' is not.
_SAID_AFTER = re.compile(rf"[\s,—–-]*(?:(?:he|she|they|we|i|it|you)\s+)?(?:{_SAY})\b",
                         re.IGNORECASE)
#: After a quotation that closes a clause, a subject of a few words that are no name and
#: its say-verb: '"Two were arrested," police said', '"…," a spokesperson for the council
#: said', '…," aides and officials said' — words attributed, to no one the text names (not
#: a relative clause, 'the "consultation", which residents said …', another clause, '…,"
#: and officials said', a phrase, 'a "lifetime of prayer," with permission to say Mass', the
#: passive, '…," he was asked', a say-verb before a colon or "to" ('continued to deny')).
#: Only for a quotation that opens its sentence and closes with a comma, a question or an
#: exclamation (a full stop ended the sentence; inside one, the words after may be the
#: sentence's own: 'Despite the "ceasefire," fighting continued', 'the "package," all
#: told, cost'), and not a title ('the novel "Salt and Bone," critics said').
#: (``_CLAUSE_WORDS``: words that open a clause of its own; ``_LINK_WORDS``: that join
#: another's phrase.)
_CLAUSE_WORDS = (r"which|who|whom|whose|that|where|when|while|as|but|if|because|so|though|"
                 r"although|since|until|after|before|what|how|why")
_LINK_WORDS = r"and|or|nor|with|without|to|of|in|on|at|for|from|by|about|than|into"
_SUBJECT_SAID_AFTER = re.compile(
    rf"[\s,—–-]*(?!(?:{_CLAUSE_WORDS}|{_LINK_WORDS})\b)(?:(?!(?:{_CLAUSE_WORDS})\b)"
    rf"[\w'’.-]+\s+){{1,5}}"
    rf"(?<!was )(?<!were )(?<!been )(?<!being )(?<!\bis )(?<!are )(?<!\bbe )(?<!\bto )"
    rf"(?:{_SAY})\b(?!\s*:)(?!\s+to\s)", re.IGNORECASE)
#: A pronoun saying it, right after a quotation that opens its sentence: '"Here we go" he
#: says' (informal, no comma) is someone's words; a bare say-verb there may have the
#: quoted word as subject ('the so-called "experts" said nothing'), and inside a sentence
#: the pronoun may begin a clause of its own ('the "experts" they say failed').
_PRONOUN_SAID_AFTER = re.compile(rf"\s*,?\s*(?:he|she|they|we|i)\s+(?:{_SAY})\b",
                                 re.IGNORECASE)
#: Words shouted, chanted or cried: someone's words, though no say-verb names a speaker.
_UTTER = re.compile(r"\b(?:shout\w*|chant(?:s|ed|ing)?|scream\w*|yell(?:s|ed|ing)?|cried|crying|cries)"
                    r"[\s,:]+(?:\w+\s+){0,2}"
                    r"[\"“‘']?$", re.IGNORECASE)
#: A headline's colon before a name: '"We were never vaporware": Ana Ruiz on …'.
_HEADLINE_COLON = re.compile(r"\s*:\s+[A-Z][\w'’-]*\s+[A-Z]")
#: Right after a quotation, an apposition that says it is a term: '"Type II", a term it uses'
#: (the comma inside the marks, American style, or after them).
#: (Not "a phrase", "a slogan": '"never again", a phrase she repeated' is her words; not
#: after a dash, nor "the label's founder": reviewers'.)
_A_TERM_AFTER = re.compile(r",?\s*(?:a|the)\s+(?:[a-z-]+\s+)?(?:term|label|nickname|"
                           r"designation|classification|euphemism|acronym|abbreviation)\b"
                           r"(?!['’])")
#: A quoted word that names a label, not anyone's words: 'a "sell" rating', 'the "also
#: tested" list' — no quotation at all.
_LABEL_NOUN = re.compile(
    r"\s+(?:rating|ratings|label|labels|list|button|tab|section|category|option|status|"
    r"tag|mode|setting|menu|column|box|field|folder|badge|stamp|designation|grade|tier)"
    r"(?![\w-])")
#: A grade in quotation marks after a verb of rating and its object: 'who rates the stock
#: "hold"', 'rated the school "inadequate"', 'graded it "B"', 'rated the bonds "Aaa"' — the
#: grade, no one's words. (Only grades, and only after the thing graded — a pronoun, an
#: article or a name: 'mortgage rates "will fall"', 'interest rates were "good"', 'rated the
#: deal "a disaster"' are someone's words; so is "good", which voters and critics give as
#: often as inspectors.)
_RATES_BEFORE = re.compile(r"\b(?:rates|rated|grades|graded)\s+(?:(?:it|them|the|its|their|"
                           r"this|that|these|those|a|an|his|her)\b|(?-i:[A-Z]))"
                           r"[\w'’&-]*(?:\s+[\w'’-]+){0,2}\s+[\"“‘']$", re.IGNORECASE)
_GRADES = re.compile(
    r"(?i:(?:strong\s+)?(?:buy|sell)|hold|overweight|underweight|equal[\s-]weight|outperform|"
    r"underperform|market[\s-]perform|neutral|accumulate|reduce|outstanding|"
    r"requires\s+improvement|inadequate|junk)"
    # letter grades, as written: "B", "A+", "AAA", "BBB-", "Aaa", "Baa2" (not "bad", "ace")
    r"|[A-F][+-]?|(?:AAA|AA|BBB|BB|CCC|CC)[+-]?|(?:Aaa|Aa|Baa|Ba|Caa|Ca)[123]?|[AB][123]")
#: Someone speaking for the name that follows, a title or two between: "a spokeswoman for
#: European Commission president Jean-Claude Juncker said" — not the principal's words;
#: nor are those of someone near them, one lower-case word and titles at most between:
#: "a source close to the singer Ana Ruiz told", "friends of Darcy Fenwick said" (but
#: "people close to the club say Ana Ruiz told", "people close to him believe Tom Lee
#: said" are theirs; "Friends of the Earth campaigner Kate Blake", a group's, is no
#: friend's).
_SPEAKING_FOR = re.compile(
    r"\b(?:(?:spokes(?:man|woman|person|people|men|women)|aides?|lawyers?|attorneys?|"
    r"representatives?|advis[eo]rs?|allies|ally|office|staff|campaign)\s+(?:for|of|to)"
    r"\s+(?:the\s+)?(?:[\w.'’&-]+\s+){0,4}"
    # "close to" someone: a body's name may come before the one word for their role
    # ("close to Chelsea owner Todd Boehly")
    r"|(?:sources?|someone|people|insiders?|friends?|pals?|an?\s+person)\s+close\s+to"
    r"\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:(?-i:[A-Z])[\w.'’&-]*\s+){0,3}"
    r"(?:(?-i:[a-z])[\w'’-]*\s+)?(?:(?-i:[A-Z])[\w.'’&-]*\s+){0,3}"
    # "friends of" someone: not after a name ("Friends of the Earth campaigner Kate Blake")
    r"|(?:friends?|pals?)\s+of\s+(?:the\s+|his\s+|her\s+|their\s+)?"
    r"(?:(?-i:[a-z])[\w'’-]*\s+)?(?:(?-i:[A-Z])[\w.'’&-]*\s+){0,3})$", re.IGNORECASE)
#: Just before a name: it is a place someone is from or in ("Sandra from Upper Hatch
#: wrote"), not the speaker ("a spokesman at Acme said" keeps Acme).
_PLACE_BEFORE = re.compile(r"\b(?:from|in|of|near|outside|for)\s+$", re.IGNORECASE)
#: Bodies a headline says were told something ("…", High Court told): the ones told.
_TOLD_BODY = re.compile(r"\b(?:[Cc]ourt|[Tt]ribunal|[Ii]nquiry|[Ii]nquest|[Jj]ury|[Hh]earing|"
                        r"MPs|MSPs|[Cc]ommittee|[Cc]ouncillors|[Pp]eers|[Pp]arliament|"
                        r"[Pp]anel|[Bb]oard|Senate|Commons|Lords|Assembly)$")
#: People or a branch "at" a body before its name: they speak, not the body ("The union
#: branch at Northmoor said", a fresh audit's; "a spokesman at Acme said" keeps Acme).
_GROUP_AT = re.compile(
    r"\b(?:branch|branches|staff|students|pupils|workers|members|union|unions|campaigners|"
    r"residents|researchers|scientists|doctors|nurses|teachers|academics|lecturers|"
    r"employees|colleagues|protesters|fans|players|officers|volunteers|parents|patients|"
    r"managers|engineers|pilots|drivers|shoppers|customers|guests|visitors|people|someone|"
    r"anyone|everyone)\s+at\s+(?:the\s+)?$", re.IGNORECASE)
#: A preposition just before a name and its colon: a place, a time or a thing, no speaker
#: ("Our reporter is at Kelsworth Central: '…'", "Scenes outside Wexley Town Hall: '…'").
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:at|in|from|of|near|outside|inside|for|to|on|into|onto|with|by|across|over|"
    r"under|behind|beside|through|towards?|around|past)\s+(?:the\s+)?$", re.IGNORECASE)
_OPENING = re.compile("[" + "".join(_PAIRS) + "]")
_SAY_RE = re.compile(rf"\b(?:{_SAY})\b", re.IGNORECASE)
#: Words that give a quotation to someone without being a say-verb that names a speaker:
#: "confirmed ... that the club had 'decided not to proceed'", "said in a statement",
#: "replying with the words 'back to work'". They decide direct or scare only. (Not
#: "confirmed a broken ankle", "the replies to", "responding to the 'crisis'".)
_ATTRIBUTING = re.compile(
    # "confirmed that", "confirmed late on Tuesday that", "confirmed in a statement that"
    # (not "confirmed a broken ankle that", "confirmed the fears that")
    r"\bconfirm(?:s|ed)?\s+(?:(?:in|on|at|late|early|just|after|before|to|with|by)\b"
    r"[^.;:,\"“]{0,60}?\s+)?that\b"
    r"|(?:\b(?:said|says|added|adds|wrote|writes|announced|confirmed)|,)\s+in\s+an?\s+"
    r"(?:[\w-]+\s+){0,2}statement(?![\w-])(?!\s+of\b)"
    r"|\breplying\s+(?:with|to\s+[\w@'’.-]+\s+with)\b"
    r"|\bthe\s+words\s*[\"“‘']?$", re.IGNORECASE)
#: A word, a term or a phrase the writer mentions as such ("the word 'parody' in the
#: bio", "the phrase 'levelling up' appears nine times"): no one's words and no distance
#: (four words at most).
_MENTIONED = re.compile(r"\bthe\s+(?:word|term|phrase|slogan)\s*$", re.IGNORECASE)
#: What a place or a thing is called by name: 'Locals still call it "Tam's"' (a fresh
#: audit's direct quotation).
#: (habitual or naming verbs only: 'Councillor Jo Platt called it "Madness."' is her word —
#: a reviewer's)
_CALL_IT = re.compile(r"\b(?:call|calls|nickname|nicknamed|dub|dubbed|name|named)"
                      r"\s+(?:it|them|the\s+(?:shop|place|bakery|pub|cafe|café|restaurant|"
                      r"bar|store|club|team|site|building|hall|ground|street|road|estate|"
                      r"area|town|village|house|farm|firm|company|brand|band|show|dog|cat|"
                      r"horse|boat|car))\s*$", re.IGNORECASE)
#: A username's shape: one word with an underscore or a digit ("kiwi_hodl", "apex99").
_USERNAME = re.compile(r"[A-Za-z0-9._]*[_\d][A-Za-z0-9._]*")
#: Before it, what makes it an account's name ('posting as "kiwi_hodl"', 'a user named
#: "apex_marcus"', 'under the name "x"': a fresh audit's direct quotations).
_POSTING_AS_BEFORE = re.compile(r"\b(?:posting|writing|going|known)\s+as\s*$|\b(?:named|called|"
                                r"handle|username|account)\s*$", re.IGNORECASE)
#: A name mentioned as one: 'used the nickname "Nik"', 'under the username "rev_king"' (a
#: fresh audit's), whatever verb comes before.
_NAME_MENTIONED = re.compile(r"\bthe\s+(?:nickname|name|username|user\s+name|pseudonym|alias|"
                             r"codename|code\s+name|initials|handle)\s*$", re.IGNORECASE)
#: Two words set against each other as words: 'the distinction he drew between "selling"
#: and "sharing"', 'between "fair" and "reasonable"' (a fresh audit's: read as quotations).
#: Both of a word or two, and no say-verb before them in the sentence: 'Hale said the choice
#: was between "jobs" and "nothing"' quotes him (a reviewer's).
_BETWEEN_FIRST = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_AND_SECOND = re.compile(r"\s+and\s+[\"“][^\s\"“”]+(?:\s[^\s\"“”]+)?[\"”]")
_BETWEEN_SECOND = re.compile(r"\bbetween\s+[\"“][^\s\"“”]+(?:\s[^\s\"“”]+)?[\"”]\s+and\s+$",
                             re.IGNORECASE)
_SAY_IN_SENTENCE = re.compile(rf"\b(?:{_SAY}|told)\b[^.!?\n]*$", re.IGNORECASE)
#: ... unless it is a distinction drawn between them ('specialists said the distinction
#: Verhoeven was drawing between "selling" and "sharing"').
_DISTINCTION_BETWEEN = re.compile(r"\b(?:distinctions?|differences?|line)\b[^.!?\"“”\n]{0,60}"
                                  r"\bbetween\s+(?:[\"“][^\"“”\n]{1,30}[\"”]\s+and\s+)?$",
                                  re.IGNORECASE)
#: A thing's name given as a term, right after "a" and the thing: 'a record called a "hard
#: search"' (a fresh audit's: read as a quotation). Not after a word for someone or a body
#: that may call something so ("a man called", "the union called a"), nor where the noun
#: is a clause's subject ('a plan its critics called "reckless"', 'what the report called
#: a "culture of fear"': reviewers'), nor a plural's.
_THING_CALLED = re.compile(
    r"\b(?:a|an)\s+(?:(?P<noun>[a-z][\w-]*(?<!s)|[a-z][\w-]*(?:ss|us|is))|"
    # (or a word or two before a noun of a thing that has a name: "a PayBridge group chat
    # called", a fresh audit's — not "a senior Whitehall source called", a reviewer's)
    r"(?:[A-Za-z][\w-]*\s+){1,2}(?:chat|channel|group|page|thread|forum|server|account|"
    r"app|scheme|programme|program|project|operation|fund|unit|podcast|newsletter|blog|"
    r"website|band|club|file|folder|spreadsheet|document|video|film|song|album|show|"
    r"series))\s+(?:called|named|termed|dubbed)\s+(?:an?\s+)?$")
#: A term as commonly called: 'Electors who break their pledge are often called "faithless
#: electors."' (a fresh audit's; the full stop is the sentence's, set inside in American
#: style); 'what used to be called a "contributions holiday"'. Passive only, after a form
#: of "be" (not 'Holt also called "shameful" the decision', 'Hart also called "for an
#: urgent review."': a reviewer's); set off by a comma, :data:`_ALSO_CALLED`.
_COMMONLY_CALLED = re.compile(r"\b(?:(?:is|are|was|were|be|been|being)\s+(?:often|sometimes|"
                              r"commonly|usually|generally|widely|popularly|informally|"
                              r"formally)\s+(?:called|termed|referred\s+to\s+as)(?:\s+the)?|"
                              # "what used to be called a", "what is now called" (a
                              # fresh audit's term)
                              r"what\s+(?:is|are|was|were|used\s+to\s+be|had\s+been|has\s+"
                              r"been)\s+(?:now\s+|once\s+|often\s+|commonly\s+)?called"
                              r"(?:\s+(?:an?|the))?)\s*$", re.IGNORECASE)
#: The same set off by a comma, of a name in title case only ('applied utilitarianism,
#: also called "Principlism"'; not 'Jane Hart, who chairs the committee, also called "for
#: an urgent review."': a reviewer's).
_ALSO_CALLED = re.compile(r",\s+(?:also|often|sometimes|commonly|usually|generally|widely|"
                          r"popularly|informally|formally)\s+(?:called|termed|referred\s+to\s+"
                          r"as)\s*$", re.IGNORECASE)
#: A signature's letters or name after "signed" and what was signed: 'signed some messages
#: "NS."', 'signed the letter "Dave"', 'a short apology, signed "L'équipe CFLB."' (fresh
#: audits'): no one's words.
_SIGNED_AS = re.compile(r"(?:\bsigned\s+(?:(?:off\s+)?(?:it|them|(?:[\w'’-]+\s+){0,3}"
                        r"(?:messages?|letters?|emails?|texts?|notes?|posts?|cards?)))|"
                        # (or what was signed before a comma: "a short apology, signed …";
                        # not 'Olsen signed "Absolutely."', in sign language: a reviewer's)
                        r",\s*signed)\s*$")
_SIGNATURE_WORDS = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}[.,]?")
#: After a quoted name, words that say whom it stands for: '"Lisa" was understood to be the
#: head of planning' (a fresh audit's direct quotation), '"Nik" referred to Sarin'.
_STANDS_FOR = re.compile(r"\s+(?:(?:was|is|were|are)\s+(?:understood|believed|thought|taken|"
                         r"assumed|presumed)\s+to\s+(?:be|mean|refer)|"
                         r"(?:referred|refers|refer)\s+to)\b")
#: A name set off after a comma: ', called "…"', ', titled "…"'.
_CALLED_AFTER_COMMA = re.compile(r",\s+(?:called|named|titled|entitled|branded)\s*$")
#: Words in title case, up to five (small words lower case): a name's.
_TITLE_CASE_WORDS = re.compile(r"[A-Z][\w'’&-]*(?:\s+(?:(?:of|the|and|for|in|on|a|an|to)\s+)?"
                               r"[A-Z][\w'’&-]*){0,4}")
_CALLERS = frozenset("company firm union council government party group board committee club "
                     "team police court family campaign charity agency regulator".split())
#: Words asked or told about, not said by the sentence's subject: "what he had meant by".
_MEANT_BY = re.compile(r"\b(?:meant|mean|means|meaning)\s+by\s*$", re.IGNORECASE)
#: ... unless someone says it: 'replied with the word "Yes"'.
_SAY_BEFORE_WORD = re.compile(rf"\b(?:{_SAY}|answered|responded|replying|answering|"
                              r"texted|shouted)\b[^.!?\"“”]{0,25}\bthe\s+\w+\s*$",
                              re.IGNORECASE)


#: A surname particle (capitalised where a name opens, "Van der Berg", it reads as a word).
_PARTICLE = "(?:" + "|".join(SURNAME_PARTICLES) + ")"
_LEADING_PARTICLES = re.compile(rf"^(?:{_PARTICLE}\s+)+")


#: Titles abbreviated with a full stop.
_ABBREVIATED = r"(?:Dr|Mr|Mrs|Ms|Mx|Prof|Rev|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Det|Insp|Supt|Cllr|Coun)"


def _name(group: str) -> str:
    # "Jane Doe", or "Jane Doe's office/spokesperson/campaign/lawyer" (group ``<group>_for``:
    # someone speaking for Jane Doe, so no speaker — not her words).
    # A name word ends with a letter, or is an initial ("D."): "Reyes." ends a sentence.
    # A possessive is not part of the name ("Ruiz's lawyer": Ruiz, then 's lawyer).
    # Surname particles may stand before a name word ("van der Berg", "De la Cruz").
    # Nor a plural's or an s-name's apostrophe ("Jones' lawyer").
    # A title abbreviated with a full stop before a name is one word ("said Dr. Kenneth
    # Abara": the name is not cut at "Dr").
    # A word starts a name only where no word goes on before it: a particle is a word of
    # its own, not the end of one ("Council leader Roderick Vale said": not "der Roderick
    # Vale", nor "people Ana Ruiz").
    word = (rf"(?<![\w'’])(?:{_ABBREVIATED}\.(?=\s+[A-Z])|(?:{_PARTICLE}\s+){{0,2}}[A-Z]"
            rf"(?:\.|(?:(?!['’]s\b)(?!['’](?!\w))[\w'’-])*))")
    return (rf"(?P<{group}>{word}(?:\s+{word}){{0,3}})"
            rf"(?P<{group}_for>['’]s?\s+(?:office|spokes(?:person|woman|man)|campaign|team|"
            r"lawyer|attorney|aide|aides|staff|spokespeople))?")


_NAME = _name("name")
#: Lower-case role words between a say-verb and a name ("said lead author Professor X",
#: "said store manager Y"): no function word ("said that X", "said on Monday").
_ROLE = (r"(?:(?!(?:who|whom|whose|which|that|in|on|at|by|to|of|with|for|from|after|before|"
         r"about|when|while|as|and|but|so|because|if|this|his|her|their|its|our|it|he|she|"
         r"they|we|i|you|a|an|"
         r"not|also|then|now|later|earlier|again|once|only|just|recently)\b)[a-z][\w-]*\s+)"
         r"{0,3}(?<!ing )(?<!ed )")  # ("said doctors treating X": X is no speaker)
#: An adverb of time or manner between a name and its say-verb (group ``adv``: "Ana Ruiz
#: later said", "she then wrote", "Tom Vance angrily replied"): the name is still the
#: verb's subject. A closed list: not one that doubts or denies the words were said
#: ("allegedly", "probably", "nearly", "barely"), nor a noun that ends in "ly".
_SAY_ADVERB = (r"(?P<adv>(?:later|then|also|earlier|again|once|previously|subsequently|"
               r"finally|initially|originally|separately|recently|immediately|repeatedly|"
               r"quickly|quietly|angrily|calmly|simply|publicly|privately|openly|proudly|"
               r"bluntly|firmly|sharply|flatly|tersely|curtly|defiantly|candidly|frankly|"
               r"jokingly|tearfully|wryly|swiftly|briefly|promptly|formally|officially|"
               r"falsely|wrongly|mistakenly|famously|infamously|mockingly|sarcastically|"
               r"memorably|notoriously|pointedly|tartly|drily|dryly|icily|coolly|loudly|"
               r"softly|gently|emphatically|passionately|bitterly|happily|sadly)\s+)?")
# Speaker after the quote: `…," said Jane Doe` / `…," Jane Doe said` / `…, according to X`.
_AFTER = re.compile(
    rf"^[\s,:—–-]*(?:(?:{_SAY})\s+(?:the\s+)?{_ROLE}{_name('name')}|{_name('name2')}\s+"
    rf"{_SAY_ADVERB}(?:{_SAY})\b)")
# Speaker before the quote: `Jane Doe said: "…"` / `Jane Doe told reporters "…"` / `Milano: "…"`.
# (What commas set off after the name describes it, unless it goes on with "and", "or" or
# "nor": a list, "Tom Vance, and Ana Ruiz, said", someone else, "Tom Vance, or someone with
# access to his account, wrote", or a clause about the name, "sent to Ana Ruiz, and seen
# by the Herald, said".)
_BEFORE = re.compile(
    rf"{_NAME}(?:,(?P<app>(?!\s*(?:and|or|nor|&)\s)[^,]{{0,60}}),)?\s+{_SAY_ADVERB}(?P<say>{_SAY})\b"
    rf"[^.!?;\"“]{{0,60}}$|"
    # (A weekday or a month before the colon is when, not who: "told me on Friday: '…'".)
    rf"(?P<colon>(?!(?:{'|'.join(sorted(CALENDAR_NAMES))})\b)[#@]?[A-Z][\w'’-]*"
    rf"(?:\s+[A-Z][\w'’-]*){{0,3}}):\s*$")
#: After a quotation, a role before a name and its say-verb: '…," Justice Department
#: spokeswoman Kerri Kupec told the paper', '…," defense attorney John Zwerling said' (the
#: role's words are checked by ``_NOT_ROLE_WORD``; a say-verb before a colon or "to" says no
#: quotation before it).
_ROLE_NAME_SAID_AFTER = re.compile(
    rf"^[\s,—–-]*(?P<role>(?:[\w.'’-]+\s+){{1,4}}?){_name('name')}\s+(?:{_SAY})\b"
    rf"(?!\s*:)(?!\s+to\s)")
#: A role's words that make its name someone other than the speaker: a preposition ("a
#: spokesman for Ana Ruiz said"), a clause or a list ("Ruiz and Tom Vance said"), a
#: contrast ('…," yet economist Tom Hale said'), a verb's participle ('a banner mocking
#: chairman Ray Dunmore said'; not "acting", "managing director"), a plural before the
#: role noun ('nurses alongside union leader X', 'volunteers plus harbour manager X').
_NOT_ROLE_WORD = re.compile(
    rf"(?i)\b(?:{_CLAUSE_WORDS}|{_LINK_WORDS}|yet|then|meanwhile|however|even|not|also|"
    rf"instead|alongside|behind|beside|besides|plus|opposite|near|among|amid|against|around|"
    rf"except|including|like|under|over|between|beyond|despite|during|towards?|via|within|"
    rf"upon|through|past|unlike)\b|&|\b(?!(?:acting|managing|outgoing|incoming|leading|"
    rf"sitting|serving|presiding|founding|visiting)\b)\w+ing\b"
    rf"|(?-i:\b(?!(?:his|its|this|has|was|is|us|yes|thus|news)\b)[a-z]+[^s\W]s\s+(?=\S))")
#: Two names and a say-verb after a quotation: '…," Ana Ruiz and Tom Vance said'.
_PAIR_SAID_AFTER = re.compile(
    rf"^[\s,:—–-]*{_name('first')}\s+(?:and|&)\s+{_name('second')}\s+(?:{_SAY})\b")
#: What commas set off after a name that only goes on a list of names ("Tom Vance, Ana Ruiz
#: and Omar Reyes, said"): no description of the name before it, and the list is no one's
#: subject (the sentence's subject is further back). The name after "and" has two words at
#: least ("Chief Executive and Founder" describes).
_LISTED = re.compile(r"\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s+(?:and|&)\s+"
                     r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}\s*")
#: A word that makes a clause of its own, whose object a name after it is ("officers who
#: questioned the driver, Tom Vance"; "lawyers representing X").
_CLAUSE_WORD = r"(?:who|whom|whose|which|that|[a-z]+ing|[a-z]+ed)\b"
#: After the quotation, a say-verb, a role and the name set off by commas: '…,"
#: according to the trial's statistician, Dr Ana Ruiz', '…," said the firm's chief
#: executive, Tom Vance.'
_AFTER_APPOSED = re.compile(
    rf"^[\s,:—–-]*(?:{_SAY})\s+(?:(?:the|a|an|its|his|her|their)\s+)?"
    rf"(?:(?!{_CLAUSE_WORD})(?:[a-z][\w-]*|[A-Z][\w-]*)(?:['’]s?)?\s+){{0,4}}(?!{_CLAUSE_WORD})"
    rf"[a-z][\w-]*,\s+{_NAME}\s*(?:[,.;]|$)")
#: After "said X", X's role and the name set off by commas: "'s sales director, Callum
#: Oyedepo." (lower-case role words only: no second name between).
#: After a body's name that a say-verb put first, a role noun and the person who has it:
#: '…," said Pawsafe volunteer Graham Tait', 'said Harbour Trust manager Ellen Voss'.
_ROLE_THEN_NAME = re.compile(rf"\s+(?P<role>(?:(?!(?:{_CLAUSE_WORDS})\b|(?:{_LINK_WORDS})\b|"
                             rf"(?:{_SAY})\b|(?:the|a|an)\b)"
                             rf"[a-z][\w-]*\s+){{1,3}}){_NAME}")
_OF_SOMEONE = re.compile(rf"['’]s?\s+(?:[a-z][\w-]*\s+){{0,4}}[a-z][\w-]*,\s+{_NAME}\s*(?:[,.;]|$)")
#: After the quotation, someone's role and the speaker set off by commas, then the say-verb:
#: '…," Strathmore's operations director, Alasdair Munro, said'.
_POSSESSOR_APPOSED = re.compile(
    rf"^[\s,:—–-]*(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}}['’]s?\s+"
    rf"(?:[a-z][\w-]*\s+){{0,4}}[a-z][\w-]*,\s+{_NAME},\s+(?:{_SAY})\b")
#: Nothing but space or a dash between a sentence's start and the opening quotation mark.
_OPENS_ITS_SENTENCE = re.compile(r"(?:^|[.!?…][\"”’')]*\s+|\n)[\s—–-]*$")
#: A speaker set off by commas as what someone else is ("Ruiz's agent, Kerry Dunmore, told
#: ..."): a comma before the name as well as after it, the noun it describes opening the
#: sentence (after an opening phrase at most: "Asked about it, her agent, Kerry Dunmore,
#: said:"), in no phrase of its own ("a report commissioned by the mayor, Ana Ruiz, says").
_APPOSED = re.compile(rf"^(?:[^,\"“”]{{1,40}},\s+)?(?P<np>(?:[\w'’-]+\s+){{0,4}}[\w'’-]+),\s+{_NAME},\s+"
                      rf"(?P<say>{_SAY.replace('|according to', '')})\b[^.!?\"“]{{0,60}}$")
#: A sentence's subject (after an opening phrase at most), then a description set off by a
#: comma that ends in a preposition: the name after it is in the description ("Warren
#: Holt, an economist at the Fennimore Institute"; not "The family of Tom Vance, a driver
#: for Acme, said", nor "A spokesperson for Tom Vance, the chief executive of …").
_DESCRIPTION = (r",\s+(?:an?|the|its|his|her|their)\s+[^,.;:!?\"“]{1,60}?"
                r"\b(?:at|of|for|with|from|in|to)\s+(?:the\s+)?$")
_IN_APPOSITION = re.compile(rf"^(?:[^,.;:!?\"“]{{1,40}},\s+)?{_NAME}{_DESCRIPTION}")
#: The same description after someone who is not the subject: no speaker the text names.
_DESCRIPTION_BEFORE = re.compile(_DESCRIPTION)
#: Words that put the noun a comma-set name describes in a phrase of its own.
_PREPOSITIONS = frozenset("by to from for with of at on in about against".split())
#: Words that open a phrase between a name and its say-verb that describes no one ("Ana
#: Ruiz, at Monday's meeting, said the chair"), unlike a description ("Ana Ruiz, the mayor,").
_ADVERBIAL = _PREPOSITIONS | {"after", "during", "before", "amid"}
#: After a say-verb, a subject of its own: the attribution is inverted ("backed Ana Ruiz,
#: said the chair") and the name before it is not the speaker.
_INVERTED = re.compile(r"\s+(?:(?:the|a|an|his|her|their|its|our)(?:\s+[\w'’-]+){1,3}|(?!(?:"
                       + "|".join(sorted(CALENDAR_NAMES)) + r")\b)[A-Z][\w'’-]*"
                       r"(?:\s+[A-Z][\w'’-]*)*)\s*[,;—–]")
#: Say-verbs that take whom something was said to as their object ("told the Herald"): no
#: sign of an inverted attribution.
_TELL = frozenset("told tells asked asks".split())
#: Whom something was said to, just before the colon: "told (the) Herald: '…'", "speaking
#: to the Herald: '…'", "in an interview with the Herald: '…'" (but "according to X:" is X's).
_ADDRESSEE = re.compile(r"(?<!according )\b(?:told|tells|tell|asked|asks|to|with)\s+(?:the\s+)?$|"
                        # "telling co-host Brett "Bear" Ellison: '…'", "asked her sister
                        # Mila Arden:": a role, names and a nickname between
                        # (also "telling Kelso Rovers chairman Ian Strachan:", "telling
                        # the station's managing director, Rachel Ferris:")
                        r"\b(?:told|tells|tell|telling|asked|asks|ask|asking)\s+(?!by\b)"
                        r"(?:(?:the|his|her|their|its|a|an)\s+)?"
                        r"(?:(?-i:[A-Z][\w'’.-]*),?\s+|(?-i:(?!(?:by|that|and|but|or|when|after|"
                        r"before|who|whom|which|while|as|because|if|then|to|in|on|at|for|from|"
                        r"with|about|of)\b)[a-z][\w'’-]*),?\s+|"
                        r"[\"“‘'][^\"”’'\n]{1,25}[\"”’'],?\s+){0,7}$",
                        re.IGNORECASE)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
#: A sentence that opens with a name, then "of" and the body it belongs to: "Professor Ana
#: Ruiz of the Fennimore Institute said", "Analyst Fiona Grieve of the retail consultancy
#: Harcourt Lane said" (the body's description before its name: a fresh audit's, whose
#: quotation went to the consultancy).
_HEAD_OF = re.compile(rf"\s*{_NAME}\s+of\s+(?:the\s+)?$")
#: The same with the body described before its name ("of the retail consultancy", "of
#: the children's charity"), after a full name (two words or more, checked by the caller;
#: perhaps after a role in lower case: "Chief executive Mark Oduya of the building society
#: Westmoor said"): not after a role alone ("Leader of the opposition Keir Starling said"
#: is Starling's: a reviewer's).
_HEAD_OF_DESCRIBED = re.compile(
    rf"\s*(?:[A-Z][a-z]+\s+(?:[a-z]+\s+){{0,2}})?{_NAME}\s+of\s+the\s+"
    rf"(?:(?!(?:and|or|but|nor|who|whom|which|that|with)\b)[a-z][a-z'’-]+\s+){{1,3}}$")
#: Before a name: someone of theirs, or people for or against them, who speak ("The widow
#: of the former miner Albert Finch said", "Relatives of the late singer Tom Vance said",
#: "Critics of the minister X said"): not the name's words (reviewers').
_RELATIONS = (r"daughters?|sons?|widow|widower|wife|husband|mother|father|sisters?|brothers?|"
              r"family|families|parents|children|relatives?|partner|fianc[ée]e?|girlfriend|"
              r"boyfriend|grandmother|grandfather|grandson|granddaughter|nieces?|nephews?|"
              r"cousins?|neighbours?|neighbors?|colleagues?|supporters?|critics?|opponents?|"
              r"rivals?|fans|admirers|victims?|accusers?|friends?")
#: (after a determiner, or a plural opening the sentence: "Relatives of the late singer X
#: said"; not a singular role opening it, the name's own: "Mother of the bride Anne Lowe
#: said", "Victim of the scam Margaret Hale said", "Neighbour of the year Ken Blythe": a
#: reviewer's)
_RELATION_OF = re.compile(
    rf"(?:(?:^|[\s(])(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Aa]n?|[Oo]ne|[Tt]wo|[Ss]ome|[Mm]any)\s+"
    rf"(?:[a-z]+\s+)?(?i:{_RELATIONS})|(?:^|(?<=\s))(?:Relatives|Critics|Supporters|Opponents|"
    rf"Rivals|Fans|Admirers|Friends|Colleagues|Neighbours|Neighbors|Parents|Children|Families|"
    rf"Victims|Accusers|Sons|Daughters|Sisters|Brothers|Cousins))\s+of\s+"
    # (a role before the name, with "the" or without: "the sister of former librarian Ann
    # Tully wrote:", a reviewer's speaker Ann Tully)
    rf"(?:(?:the\s+)?(?:(?!(?:and|or|but|nor|who|whom|which|that|with|one|two|three|four|"
    rf"five|six|seven|eight|nine|ten|eleven|twelve)\b)[a-z][a-z'’-]+\s+){{0,3}})?$")
#: "according to (the) X, '…'": X, named just before the quotation.
_ACCORDING_TO = re.compile(rf"\b[Aa]ccording\s+to\s+(?:the\s+)?{_NAME}\s*[,:]?\s*$")
MAX_SCARE_WORDS = 4


#: Double quotation marks of any style: a text with none quotes with single ones.
_DOUBLE_MARKS = re.compile("[\"“”„«»]")
_OPENING_SINGLE = re.compile("[" + "".join(_PAIRS) + "']")
#: A straight single quote that may close a quotation: no letter or digit after it.
_SINGLE_CLOSER = re.compile(r"'(?![^\W_])")
#: Words that open with an apostrophe standing for letters left out ("'em", "'til",
#: "rock 'n' roll", "the '90s"): no quotation opens there.
_ELISION = re.compile(r"'(?:\d|em\b|til\b|cause\b|cos\b|bout\b|n'|tis\b|twas\b|round\b)",
                      re.IGNORECASE)


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of quoted text, inside the quote marks, in order. In a text
    with no double quotation marks at all (British style: 'We will appeal,' she said),
    straight single quotes are quotation marks too, each quotation closed on its own line
    (a paragraph of a quotation running over several, opened and not closed, is not joined
    to the next quotation)."""
    spans: list[tuple[int, int]] = []
    single = _DOUBLE_MARKS.search(text) is None
    opening = _OPENING_SINGLE if single else _OPENING
    closers = [m.start() for m in _SINGLE_CLOSER.finditer(text)] if single else []
    i = 0
    while (mark := opening.search(text, i)) is not None:
        i = mark.start()
        if text[i] == "'":
            if not _opens(text, i) or _ELISION.match(text, i):
                i += 1
                continue
            j = _find_single_close(text, i + 1, closers)
            if j is not None and len(text[i + 1:j].strip()) >= 2:
                spans.append((i + 1, j))
                i = j + 1
            else:
                i += 1
            continue
        close = _PAIRS[text[i]]
        if not _opens(text, i):
            i += 1
            continue
        j = _find_close(text, i + 1, close)
        if j is None:
            i += 1
            continue
        if text[i + 1:j].strip():
            spans.append((i + 1, j))
        i = j + 1
    return spans


def _opens(text: str, i: int) -> bool:
    """A quote mark opens a quotation when it is not inside or after a word."""
    ch = text[i]
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in ("’",):
        return False
    if ch in ("'", "‘") and prev.isalnum():
        return False  # an apostrophe (don't, '90s is handled by the closing rule)
    if ch == '"' and prev.isalnum() and not nxt.isspace():
        return False
    return not nxt.isspace()


def _find_close(text: str, start: int, close: str) -> int | None:
    limit = min(len(text), start + 1500)
    # Quotations do not run across paragraphs here: no close after a blank line.
    paragraph = text.find("\n\n", start, limit + 1)
    k = start
    while (j := text.find(close, k, limit)) != -1:
        if paragraph != -1 and paragraph < j:
            return None
        after = text[j + 1] if j + 1 < len(text) else " "
        if close in ("’", "'") and after.isalpha():
            k = j + 1  # an apostrophe inside the quotation (don’t)
            continue
        return j
    return None


def _find_single_close(text: str, start: int, closers: list[int]) -> int | None:
    """The straight single quote that closes a quotation opened just before ``start``, on
    the same line and within 1,500 characters (``closers``: where the text has a mark no
    letter or digit follows, in order): not an apostrophe inside a word ("don't"), nor a
    plural's possessive before a lower-case word ("the players' union") where the line
    closes the quotation later."""
    limit = min(len(text), start + 1500)
    stop = text.find("\n", start, limit)
    stop = limit if stop == -1 else stop
    found = None
    i = bisect_right(closers, start)
    while i < len(closers) and closers[i] < stop:
        j = closers[i]
        i += 1
        if _possessive_at(text, j):
            # "the players' union is strong' today": a possessive when the next mark on the
            # line closes a quotation too and is no possessive itself ("…'s process' on the
            # terms, adding: 'For …'": the next opens one, so this one closed; "'fake news'
            # and the players' union": the next is a possessive, so this one closed).
            n = text.find("'", j + 1, stop)
            if n != -1 and not text[n - 1].isspace() and not text[n + 1:n + 2].isalnum() \
                    and not _possessive_at(text, n):
                found = found if found is not None else j
                continue
        return j
    return found


def _possessive_at(text: str, j: int) -> bool:
    """Could the mark at ``text[j]`` be a plural's apostrophe ("the players' union")?"""
    return text[j - 1:j] == "s" and re.match(r" [a-z]", text[j + 1:j + 3]) is not None


class QuoteFinder(Analyzer):
    """Analyzer: ``doc.quotes``, direct (with speaker) and scare quotes."""

    name = "quotes"
    requires = ("text", "posts", "entities")
    assigns = ("quotes", "posts.display_name")

    settings = {
        "max_scare_words": Setting(4, "Longest unattributed quotation (in words) still read as "
                                   "a scare quote.", min=1, max=50),
    }

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        post_spans = [(p.start, post_body_end(text, p), i) for i, p in enumerate(doc.posts)]
        quotes = []
        # Surnames someone the entity layer missed may share ("June Marsh" beside Owen
        # Marsh, "Elspeth and Tom Calloway"): a speaker named by one alone is no one.
        shared = shared_surnames(
            text, [e.name for e in doc.entities if e.type == "person" and " " in e.name],
            {w for e in doc.entities if e.type != "person" for w in e.name.split()},
            maybe_given={e.name for e in doc.entities
                         if e.type == "organization" and " " not in e.name})
        for start, end in find_quotes(text):
            post = next((i for s, e, i in post_spans if s <= start < e), None)
            if post is None and any(p.start <= start < p.end for p in doc.posts):
                continue  # inside a signature (display names with quotes)
            if post is not None and text[start:end].strip().rstrip(",").rstrip() == \
                    doc.posts[post].text.strip():
                # The article's quotation marks around the whole post ('"…," Ana Ruiz
                # wrote on X': the comma is the prose's). A post the prose gives to a
                # pronoun ('She wrote on X: "…"') has its author here: the speaker these
                # words would have as a quotation, where that is sure.
                p = doc.posts[post]
                if p.display_name is None and p.handle is None:
                    said = self._classify(doc, start, end, None, shared)
                    # (the pronoun of the post's own sentence: "She wrote on X:", '"…,"
                    # she wrote', not one before it: "She was furious. The airline wrote")
                    lead = re.split(r"[.!?…][\"”’']?\s+|\n", text[max(0, p.start - 160):p.start])
                    tail = re.split(r"[.!?…]\s|\n", text[p.end:p.end + 30])
                    pronoun = _POST_PRONOUN.search(lead[-1] + " " + tail[0])
                    if said is not None and said.kind == "direct" and said.speaker_id and \
                            pronoun and _gender(said.speaker_id, doc, votes_needed=2) == \
                            pronoun.group(1).lower():
                        # (and only where the text says twice the person is a "she" or a
                        # "he": a post is a new claim, not the words a quotation had)
                        p.display_name = said.speaker
                continue
            quote = self._classify(doc, start, end, post, shared)
            if quote is not None:
                quotes.append(quote)
        doc.quotes = _continued(doc, quotes)
        if doc.meta.get("genre") == "satire":
            # A page that labels itself satire (:func:`echoscope.readers.text.satire_label`):
            # its quotations are the satirist's inventions, no one's words
            doc.quotes = [Quote(q.kind, q.text, q.start, q.end, post=q.post)
                          for q in doc.quotes]
        return doc

    def _classify(self, doc: Doc, start: int, end: int, post: int | None,
                  shared: set[str] | frozenset[str] = frozenset()) -> Quote | None:
        text = doc.text
        inner = text[start:end]
        words = len(inner.split())
        if words <= 2 and (_LABEL_NOUN.match(text, end + 1) or (
                _GRADES.fullmatch(inner.strip()) is not None
                and _RATES_BEFORE.search(text, max(0, start - 40), start))):
            return None  # 'a "sell" rating', 'rates the stock "hold"': a label's name
        term = _A_TERM_AFTER.match(text, end + 1) if words <= 4 else None
        if term and (term.group().startswith(",") or inner.rstrip().endswith(",")) and \
                not re.search(r"[.!?]\s*$", inner) and re.match(r"\s*(?:[A-Z]|\S*\d)", inner):
            return None  # 'describes the recall as "Type II", a term it uses': a term,
            # named as one (a fresh audit's direct quotation) — a name's or a code's, in
            # capitals or with a digit; not 'characterizes the caravan as "an invasion," a
            # term to which Acosta objected', his words (the regression corpus)
        if words <= 2 and any(m.start("nick") == start for m in quoted_nicknames(
                text, max(0, start - 40), min(len(text), end + 40))):
            return None  # 'Brett "Bear" Ellison': a nickname, no one's words
        if post is None and words <= 4 and _MENTIONED.search(text, max(0, start - 20),
                                                             start - 1) and \
                not _SAY_BEFORE_WORD.search(text, max(0, start - 45), start - 1):
            return None  # "the word 'parody'": a word mentioned, not a quotation (a
            # sentence after "the phrase" quotes someone's: "the phrase 'Your hospital is
            # GONE' appeals to fear")
        if post is None and words <= 2 and (
                _BETWEEN_FIRST.search(text, max(0, start - 10), start - 1)
                and _AND_SECOND.match(text, end + 1)
                or _BETWEEN_SECOND.search(text, max(0, start - 60), start - 1)) and \
                (not _SAY_IN_SENTENCE.search(text, max(0, start - 200), start - 1)
                 or _DISTINCTION_BETWEEN.search(text, max(0, start - 120), start - 1)):
            return None  # 'between "selling" and "sharing"': two words set against each other
        if post is None and words <= 4 and (
                (_COMMONLY_CALLED.search(text, max(0, start - 50), start - 1)
                 or _ALSO_CALLED.search(text, max(0, start - 50), start - 1)
                 and _TITLE_CASE_WORDS.fullmatch(inner.strip().rstrip(".,")) is not None)
                and not re.search(r"[!?]\s*$|[.]\s*\S", inner.rstrip().rstrip(".,"))
                and not re.match(r"\s+by\b", text[end + 1:end + 5])
                or _SIGNED_AS.search(text, max(0, start - 60), start - 1)
                and _SIGNATURE_WORDS.fullmatch(inner.strip())
                or words <= 2 and _NAME_MENTIONED.search(text, max(0, start - 25), start - 1)
                or words == 1 and _CALL_IT.search(text, max(0, start - 25), start - 1) is not None
                and re.fullmatch(r"[A-Z][\w'’-]+,?", inner.strip()) is not None
                or words == 1 and _USERNAME.fullmatch(inner.strip(" ,.")) is not None
                and _POSTING_AS_BEFORE.search(text, max(0, start - 30), start - 1) is not None
                or words == 1 and re.fullmatch(r"[A-Z][a-z'’-]+", inner.strip(" ,.")) is not None
                and _STANDS_FOR.match(text, end + 1)):
            return None  # a term, a signature or a name, no one's words: 'are often
            # called "faithless electors."', 'signed some messages "NS."', '"Lisa" was
            # understood to be …', 'posting as "kiwi_hodl"', 'Locals call it "Tam's"'
            # (fresh audits')
        if post is None and words <= 4 and not re.search(r"[.!?]\s*$", inner):
            called = _THING_CALLED.search(text, max(0, start - 60), start - 1)
            if called and called.group("noun") not in SPEAKER_ROLES | PERSON_NOUNS | _CALLERS:
                return None  # 'a record called a "hard search"': a thing's name, a term
            if _CALLED_AFTER_COMMA.search(text, max(0, start - 20), start - 1) and \
                    _TITLE_CASE_WORDS.fullmatch(inner.strip()) and \
                    re.match(r"[,.;)]", text[end + 1:end + 2]):
                return None  # 'the campaign, called "Weatherproof", on Thursday': a name
                # set off by commas (a fresh audit's), not 'a plan its critics called
                # "reckless"' (no comma, a subject; nor lower-case words)
        speaker = _attributed_speaker(text, start - 1, end + 1, post, doc)
        if post is None and speaker is not None and _THAT_READ.search(
                text, max(0, start - 40), start - 1):
            # 'X posted a screenshot of a message that read: "…"', 'X shared a post which
            # read:', 'an account pretending to be X posted a message which read:': the
            # words of the thing that read them — a post the post layer would have read as
            # X's, where it is X's; anything else, someone else's (reviewers' probes)
            speaker = None
        if speaker and _WHO_SAID.search(text, max(0, start - 120), start - 1):
            # '… with a shift lead, Martin Kehoe, who told her to "ignore him"' (a fresh
            # audit's: the words went to the sentence's subject, Ms Kinsella): the relative
            # clause's, whose antecedent is unsure — no speaker
            speaker = ""
        if speaker and _WRITING_SAID.search(text, max(0, start - 60), start - 1):
            # 'Mr Osei said the post had called for "a lifetime ban …"' (a fresh audit's: the
            # words went to him): a writing's words, which the speaker tells of — no one's
            # the text names
            speaker = ""
        if speaker and _MEANT_BY.search(text, max(0, start - 30), start - 1):
            # '… asked Mr Dunmore what he had meant by "not one of us"': the words are
            # asked about, someone else's (a fresh audit's; they had gone to the asker)
            speaker = ""
        # Straight single quotes (a text with no double ones) are never read as scare
        # quotes: British style puts a source's words and terms in them ('good faith',
        # 'land bridge') far more often than the writer's distance, and an apostrophe can
        # pass for one.
        reported = speaker is not None or text[start - 1:start] == "'" or \
            _reported(text, start, end, inner)
        if post is not None:
            # Words in quotation marks inside a post are words its author quotes — someone
            # else's (a quote-post, mockery) or put in someone's mouth (parody: "#Someone:
            # ..."). They are the author's only when the post gives them to its author
            # ("Okafor: '…'" posted by Maya Okafor); otherwise no speaker. Short words no
            # one is said to have said or called something are the author's scare quotes.
            if (words <= self.config["max_scare_words"] and not reported
                    and not re.search(r"[.!?]\s*$", inner)):
                return Quote("scare", inner, start, end, post=post)
            p = doc.posts[post]
            name, eid = _resolve(p.display_name or (f"@{p.handle}" if p.handle else None),
                                 doc.entities)
            if eid is None or _resolve(speaker, doc.entities)[1] != eid:
                return Quote("in_post", inner, start, end, post=post)
            return Quote("in_post", inner, start, end, speaker=name, speaker_id=eid, post=post)
        if (_capitalised_name(inner) or _capitalised_name(inner.rstrip()[:-1])
                and inner.rstrip().endswith(".") and _titled_work(text, start, end)) and (
                _titled_work(text, start, end) or _document_title(text, start, end)
                or ((named_as := _NAMED_AS.search(text, max(0, start - 30), start - 1))
                    and "," not in inner.strip().rstrip(",")
                    # (after "calling him", a nickname, not a title-case insult: 'calling
                    # him "A Disgrace To The Office"', a reviewer's)
                    and not (named_as.group("object") and (
                        words > 3 or re.match(r"(?:A|An|The)\s", inner.strip()))))) \
                and not headline(text, start, asks=False):
            return None  # a work's title set by its kind, or a name given as one, even in a
            # sentence with a say-verb: 'she wrote a memoir, "Pilot Ladder", published in
            # 2017', 'the dish the menu calls "The Forager's Plate"'
        if inner.rstrip().endswith(".") and _capitalised_name(inner.rstrip()[:-1]) and \
                words <= 3 and not re.match(r"(?:A|An|The)\s", inner.strip()) and \
                (named_as := _NAMED_AS.search(text, max(0, start - 30), start - 1)) and \
                named_as.group("object") and not headline(text, start, asks=False):
            return None  # the same nickname with the sentence's stop inside, American
            # style ('calling the mayor "Gord the Flip."', a fresh audit's)
        if words <= 6 and _KNOWN_AS.search(text, max(0, start - 80), start - 1) and \
                not _TO_BE_KNOWN_AS.search(text, max(0, start - 80), start - 1) and \
                not re.search(r"[!?]\s*$", inner) and (
                    not inner.rstrip().endswith(".")
                    # (a name's stop the sentence's, American style: 'commonly known as
                    # "Super Tuesday."', a fresh audit's direct quotation)
                    or _capitalised_name(inner.rstrip()[:-1])):
            return None  # a term's or a name's words, no one's: 'what is known as "SIM
            # swapping"', 'the condition, also known as "burning mouth syndrome"', 'became
            # known as "the comeback kids"' (a fresh audit's; not 'described the plan as
            # "reckless"', the describer's word)
        named = (_title(inner) and (words >= 2 or _titled_work(text, start, end))
                 or _document_title(text, start, end))
        if (named or _title(inner.rstrip().removesuffix(".")) and inner.rstrip().endswith(".")
                and _NAMING.search(text, max(0, start - 60), start - 1)
                and _THE_BEFORE.search(text, max(0, start - 8), start - 1)) and words >= 2 \
                and inner.upper() != inner and _DETERMINER_BEFORE.search(
                text, max(0, start - 30), start - 1) and not headline(text, start, asks=False):
            return None  # a name of capitalised words after a determiner, even where a
            # say-verb is near: 'The company says its "Heritage Range" boards …', 'the
            # "Save Our Park" campaign' (a fresh audit's direct quotation), 'call the bill the
            # "Parental Review Act."' (its stop the sentence's, American style: another's) —
            # not a headline's, nor words in capitals, shouted ('claimed it is a "WITCH
            # HUNT"')
        if not reported and named and not headline(text, start, asks=False):
            # A name of two or more capitalised words ("Harbour Mist", "Face the Nation")
            # or a work's title ('the paper, "…", is published') that no one is said to
            # say is named, neither someone's words nor the writer's distance: no quotation.
            # (In a title-case headline every word is capitalised: "Farage Warns 'We'll
            # Lose'" may quote words, read below as a quotation with no speaker.)
            return None
        # A question or an exclamation is someone's words, whatever its length ('"Who
        # won?" depends on the app'), not the writer's distance from a term.
        # ('so-called "experts?"', the question mark inside in American style, stays the
        # writer's distance.)
        so_called = re.search(r"\bso[\s\u2010\u2011-]called\s*$",
                              text[max(0, start - 14):max(0, start - 1)], re.IGNORECASE)
        sentence_like = (words >= 5
                         or (re.search(r"[!?]\s*$", inner) is not None and not so_called)
                         or (words >= 3 and re.search(r"[.!?]\s*$", inner) is not None))
        if so_called and not sentence_like and words <= self.config["max_scare_words"]:
            # 'said the so-called "aftercare" was a phone number': a term held at a
            # distance, not the speaker's words quoted (a fresh audit gave it a speaker)
            return Quote("scare", inner, start, end, post=post)
        if (not reported and not sentence_like and words <= self.config["max_scare_words"]
                and not named):
            return Quote("scare", inner, start, end, post=post)
        name, eid = _resolve(speaker, doc.entities)
        if speaker and name and _spouse_shares(text, speaker) and (
                " " not in name or eid is None or _gender(eid, doc, votes_needed=2) != (
                    "he" if speaker.split()[0].rstrip(".") == "Mr" else "she")):
            # "Mrs Bellucci said" where a Mr Bellucci is named too: one "Bellucci" to the
            # entity layer, or the one "Gavin Bellucci" it names in full, who may be either
            # (a reviewer's: "Mrs Pryce said" was given to Gavin Pryce) — unless the text
            # shows the full name's sex and it is the title's
            name = eid = None
        if name and " " not in name:
            here = _named_here(text, start, name, doc.entities)
            bearers = _bearers(name, doc.entities)
            titled = titled_bearer(text, speaker.split()[0], [e.name for e in bearers],
                                   start) if speaker and len(speaker.split()) == 2 else None
            if titled is not None:
                # '"…," Councilwoman Vance said' beside Congressman Derek Vance: the one
                # the text brought in with that title (Councilwoman Paula Vance)
                name, eid = next((e.name, e.id) for e in bearers if e.name == titled)
            elif here is not None:
                # '"…," Morrow said' in a paragraph that names Jenna Morrow and no other
                # Morrow of the text's (an Alan Morrow): hers
                name, eid = here.name, here.id
            elif _two_people(_bearers(name, doc.entities)):
                # "Thorne told reporters" where Evelyn and Marcus Thorne are both named and
                # the text does not say which: no speaker (the surname stays its own entity)
                name = eid = None
        alone = clean_name(speaker, person=True) if speaker else None
        if name and " " in name and alone and " " not in alone and alone.lower() in shared:
            # "Marsh told me" given to Owen Marsh, where a June Marsh may be meant (a
            # surname the entity layer keeps as itself, "Marsh", stays: that is what the
            # text says)
            name = eid = None
        if name and _names_speaker(inner, name, eid, doc.entities):
            # '"I don't care what Roger says," Mrs Tate said' given to Roger Tate: words
            # that speak of the speaker by their first name are someone else's
            name = eid = None
        if not _sure(eid, doc.entities) or _title(inner):
            name = eid = None  # precision first: a speaker we cannot place is no speaker
        return Quote("direct", inner, start, end, speaker=name, speaker_id=eid, post=post)


#: An attribution right after a quotation, whoever its subject: '," the Department said'.
_OWN_ATTRIBUTION = re.compile(rf"^[\s,:—–-]*(?:[\w'’.-]+\s+){{0,5}}(?:{_SAY})\b", re.IGNORECASE)


#: Between two quotations, only the first's pronoun attribution: '"A," he said. "B."'.
_HE_SAID_BETWEEN = re.compile(rf"\s*(?:he|she)\s+(?:{_SAY})[^.!?\"“”\n]{{0,40}}[.!?]\s*")


#: The next paragraph's first sentence saying the words before were someone's reply.
_REPLY_NEXT = re.compile(r"[\"”’']?\s*\n\s*\n[^.\n]*\b(?:repl(?:y|ies|ied)|respon(?:se|ses|ded)|"
                         r"answer(?:ed|s)?|comments?|came\s+from)\b", re.I)


def _continued(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """Quotations that go on a speaker's words: '"A," Pujalte told me. "B."' — B, with no
    attribution of its own, right after the sentence that gives A to a speaker and names
    them, in the same paragraph, is that speaker's."""
    text = doc.text
    out = list(quotes)
    # A post the prose quotes by its author's name ('"A," Ana Ruiz wrote on X. "B."') is
    # such a speaker's words too (its span holds its quotation marks).
    prose = [p for p in doc.posts if p.display_name and text[p.start:p.start + 1] in '"“']
    named = {n: e.id for e in doc.entities if e.type in ("person", "organization")
             for n in (e.name, *e.aliases)} if prose else {}
    quoted = [Quote("direct", p.text, p.start + 1, p.end - 1, speaker=p.display_name,
                    speaker_id=named.get(p.display_name or "")) for p in prose]
    for i, q in enumerate(out):
        before = [x for x in [*out[max(0, i - 1):i], *quoted] if x.end < q.start]
        if not before:
            continue
        prev = max(before, key=lambda x: x.end)
        if prev in quoted and (text[q.end + 1:text.find("\n", q.end) % (len(text) + 1)].strip()
                               or _REPLY_NEXT.match(text, q.end + 1)):
            continue  # after a post, only words that end its paragraph go on it ('"Read
            # the room." That was the union's reply.'), and not where the next paragraph
            # says they were a reply
        if q.kind != "direct" or q.speaker or q.post is not None or prev.kind != "direct" or \
                not prev.speaker_id or prev.post is not None:
            continue
        between = text[prev.end + 1:q.start - 1]
        after = text[q.end + 1:q.end + 80].split("\n", 1)[0]
        # One sentence between, the one that attributes A: '," X said. '; B ends a sentence
        # of its own ('"B," Vance shot back' is Vance's, whatever the verb); A asks no
        # question (the answer is someone else's).
        if len(between) > 200 or "\n" in between or _DOUBLE_MARKS.search(between) or \
                not re.search(r"[.!?]\s*$", between) or \
                re.search(r"[.!?]\s+\S", between.strip()) or not _SAY_RE.search(between) or \
                not re.search(r"[.!?…]$", q.text.strip()) or \
                re.match(r"\s*[,—–-]|\s*[a-z]", after) or prev.text.rstrip().endswith("?"):
            continue
        # No other person is named between (an outlet or employer may be: "Muhammad told
        # TPM"), and B says not whose it is ('"B," the Department said', '"B," she said').
        if any(prev.end < m.start < q.start for e in doc.entities
               if e.id != prev.speaker_id and e.type == "person"
               and e.name.split()[-1] != (prev.speaker or "").split()[-1]  # "Trump"
               for m in e.mentions) or unplaced_name(text, prev.end + 1, q.start - 1, doc) or \
                _OWN_ATTRIBUTION.match(after) or \
                _attributed_speaker(text, q.start - 1, q.end + 1, None, doc) is not None:
            continue
        speaker = next((e for e in doc.entities if e.id == prev.speaker_id), None)
        if speaker is not None and (any(prev.end < m.start < q.start for m in speaker.mentions)
                                    or _HE_SAID_BETWEEN.fullmatch(between)
                                    # (a surname two people share: its own entity, given
                                    # to the speaker by their paragraph, above)
                                    or re.search(rf"(?<![\w'’-]){re.escape(speaker.name.split()[-1])}"
                                                 rf"\s+(?:{_SAY})\b", between)):
            out[i] = Quote("direct", q.text, q.start, q.end, speaker=prev.speaker,
                           speaker_id=prev.speaker_id)
    return out


def _reported(text: str, start: int, end: int, inner: str) -> bool:
    """Does the text give the quotation at ``text[start:end]`` to someone, beyond a named
    speaker: a say-verb or a naming verb ("called us", "dismissed it as") in its clause
    (as far back as 250 characters, not past a paragraph: "X said the migration had
    caused 'significant disruption'"), a say-verb after a quotation that closes a clause
    ('"…," he says'), or a headline's colon before a name?"""
    clause = re.split(r"[.!?…][\"”’')]*\s+|\n", text[max(0, start - 250):start])[-1]
    after = text[end + 1:end + 80].split("\n", 1)[0]
    closes = bool(re.search(r"[,?!.]\s*$", inner) or re.match(r"\s*[,—–]", after))
    return (_SAY_RE.search(clause) is not None or _NAMING.search(clause) is not None
            or _UTTER.search(clause) is not None
            or _SAY_BASE.search(clause) is not None
            or _ATTRIBUTING.search(clause) is not None
            or (closes and _SAID_AFTER.match(after) is not None)
            or (_SUBJECT_SAID_AFTER.match(after) is not None
                and bool(re.search(r"[,?!]\W*$", inner) or re.match(r"\s*[,—–]", after))
                and _OPENS_ITS_SENTENCE.search(text, max(0, start - 201), start - 1) is not None
                and not _title(inner.rstrip(" ,")))
            or (_PRONOUN_SAID_AFTER.match(after) is not None
                and not clause.strip(" \t—–-\"“‘'"))
            or _HEADLINE_COLON.match(after) is not None)


def _inverted(before: str, m: re.Match[str]) -> bool:
    """Is the say-verb of match ``m`` inverted: after a comma (not one closing a
    description of the name before it: "Ana Ruiz, the mayor, said"), and followed by a
    subject of its own (", said the chair,", ", said Tom Vance,")? ("Ana Ruiz said the
    plan, which cost millions, was '…'" is not.)"""
    say = m.group("say")
    app = (m.groupdict().get("app") or "").split()
    if app and app[0].lower() not in _ADVERBIAL:
        return False  # "Ana Ruiz, the mayor, said the plan, which ...": she said it
    return (say.lower() not in _TELL and before[:m.start("say")].rstrip().endswith(",")
            and _INVERTED.match(before, m.end("say")) is not None)


#: A relative pronoun opening a clause right before a name ("which the Crown says …").
_RELATIVE_BEFORE = re.compile(r"\b(?:which|who|whom|that)\s+(?:the\s+|a\s+|an\s+)?$")
#: After that clause's say-verb, its end and the sentence's own verb ("…, posted:").
_MAIN_VERB_AFTER = re.compile(rf"[^,]*,\s+(?:then\s+|later\s+)?(?:{_SAY}|posted|wrote|tweeted|"
                              r"replied|shouted|added)\b")  # (with no subject of its own: "In
# the letter, which Boyd said was sent on Monday, she wrote:" is hers — a reviewer's)


def _attributed_speaker(text: str, qstart: int, qend: int, post: int | None,
                        doc: Doc) -> str | None:
    """The name a say-verb (or a colon) attributes the quotation at ``text[qstart:qend]`` to;
    "" when it is attributed to someone speaking for a name ("Ruiz's lawyer said"), who is
    no speaker the text names."""
    after = text[qend:qend + 80].split("\n", 1)[0]
    quoted = text[qstart + 1:qend - 1]
    if _PAIR_SAID_AFTER.match(after) and (
            re.search(r"[,—–-]\W*$", quoted) or re.search(r"[.!?…]\W*$", quoted)
            and _OPENS_ITS_SENTENCE.search(text, max(0, qstart - 200), qstart)):
        # '"…," Ana Ruiz and Tom Vance said', '"…," Marks and Spencer said': attributed (not
        # the writer's distance), to two people or to a firm's name — which, the entity
        # layer cannot tell — so to no one named; where the quotation closes a clause of
        # the sentence they say it in (not '… "We are leaving." Ruiz and Lee said they
        # would stay', nor 'the "reform" Ruiz and Vance announced').
        return ""
    m = _AFTER.match(after)
    if m and m.group("name2") and m.group().endswith(("told", "tells")) and \
            _TOLD_BODY.search(m.group("name2")) and re.match(r"\s*$", after[m.end():]):
        return ""  # '… were "a campaign of lies", High Court told': a headline's passive,
        # the court the one told, the speaker unnamed (a fresh audit's)
    if m and m.group("name2") and re.search(r"[.!?…]\W*$", quoted) and \
            not _OPENS_ITS_SENTENCE.search(text, max(0, qstart - 200), qstart):
        # 'Horowitz said they had exchanged "tens of thousands of texts." Ohio Rep. Jim
        # Jordan asked …': the quotation ended its sentence; the next one's subject is not
        # its speaker.
        m = None
    if m and m.group("name") and _FINITE_AFTER.match(after, m.end()):
        # 'Barry Ferguson, calling him "a decent man in an impossible job", said Clement had
        # been let down' (a reviewer's: the words went to Clement): "said" + a name + a
        # verb of its own is a clause reported, not an attribution turned round
        return None
    if m and (m.group("name") or m.group("name2")):
        if m.group("name_for") or m.group("name2_for"):
            # "…," said Treadwell's spokesman: someone's words, not Treadwell's own (""
            # says it was attributed, to no one the text names).
            return ""
        if m.group("name") and re.match(r"['’]s?\s+\w", after[m.end("name"):]):
            # "…," said Ardent's sales director, Callum Oyedepo: the one set off by commas
            # (else someone of Ardent's the text does not name), never Ardent.
            m2 = _OF_SOMEONE.match(after, m.end("name"))
            return m2.group("name") if m2 else ""
        if m.group("name"):
            m2 = _ROLE_THEN_NAME.match(after, m.end("name"))
            if m2 and (m2.group("name_for") or re.match(r"['’]", after[m2.end("name"):])):
                # 'said Pawsafe founder Graham Tait's widow, Ruth Tait': the one set off by
                # commas, else someone of his the text does not name
                m3 = _OF_SOMEONE.match(after, m2.end("name"))
                return m3.group("name") if m3 and not m2.group("name_for") else ""
            if m2:
                # '"…," said Pawsafe volunteer Graham Tait': the person after the body's
                # name and a role noun (a role of no person's: someone the text does not
                # name), never the body.
                if m2.group("role").split()[-1] not in SPEAKER_ROLES | PERSON_NOUNS:
                    return ""
                return _pronoun_or(m2.group("name"), text, qstart, doc)
        return _pronoun_or(m.group("name") or m.group("name2"), text, qstart, doc)
    m = _ROLE_NAME_SAID_AFTER.match(after)
    role = m.group("role").split() if m else []
    if m and not m.group("name_for") and not _NOT_ROLE_WORD.search(m.group("role")) and (
            re.search(r"[,?!]\W*$", quoted) or re.match(r"\s*[,—–]", after)) and \
            _OPENS_ITS_SENTENCE.search(text, max(0, qstart - 200), qstart) and \
            not (re.search(r"[?!]\W*$", quoted) and role[0][:1].isupper()):
        # '"…," defense attorney John Zwerling said': the name after a role noun, where the
        # quotation opens its sentence and closes a clause (after "?" or "!" a capital
        # opens the next sentence: '"Where was the board?" Club captain X said the
        # players …'; not '…course." Defense attorney X said later', 'Fans chanted "…,"
        # club captain X admitted', '"…," a lawyer representing X said', '"…," her
        # husband Tom said'). After an article alone, only a body's name as written: "the
        # White House said", not "the California Democrat said" (a description, whatever
        # type a rule gave it) nor "a Labour MP told".
        words = m.group("name").split()
        if len(words) > 1 and re.fullmatch(r"[A-Z]{2,4}s?", words[-1]):
            return ""  # "one Google VP told", "the Labour MP said": a title, no one named
        name = _pronoun_or(m.group("name"), text, qstart, doc)
        if name and " " not in name and sum(
                e.type == "person" and e.name.split()[-1] == name for e in doc.entities) > 1:
            return ""  # "the elder Varga added", where Peter and Tomas Varga are named
        if [w.lower() for w in role] in (["the"], ["a"], ["an"], ["one"]):
            found = next((e for e in doc.entities if e.id == _resolve(name, doc.entities)[1]),
                         None)
            return name if found is not None and found.type == "organization" and \
                m.group("name") in (found.name, *found.aliases) else ""
        # (A name of one word after a role may be a first name another of the text has.)
        return name if role[-1].lower() in SPEAKER_ROLES and len(words) > 1 else ""
    m = _POSSESSOR_APPOSED.match(after)
    if m and re.search(r"[,?!—–-]\s*$", quoted) and \
            _OPENS_ITS_SENTENCE.search(text, max(0, qstart - 200), qstart):
        # '"…," Strathmore's operations director, Ana Ruiz, said': a quotation that opens
        # its sentence and closes a clause (not '…course." But Trump's attorney, X, told',
        # nor 'After critics called it "a betrayal," Acme's chief executive, X, said').
        return m.group("name")
    m = _AFTER_APPOSED.match(after)
    if m:
        return m.group("name")  # '…," according to the trial's statistician, Dr Ana Ruiz'
    before = text[max(0, qstart - 140):qstart].rsplit("\n", 1)[-1]
    # Only the sentence the quotation is in can attribute it.
    before = re.split(r"[.!?…][\"”’')]*\s+", before)[-1]
    m = _ACCORDING_TO.search(before)
    if m and not (_SAY_RE.search(before, 0, m.start()) or _UTTER.search(before, 0, m.start())
                  or re.search(r"\bread(?:s)?\b", before[:m.start()])):
        # "The hall, according to Tom Barrow, '…'" (but "Johnson told aides, according to
        # the Mail, '…'" is Johnson's, the outlet only reports it)
        return "" if m.group("name_for") else _pronoun_or(m.group("name"), text, qstart, doc)
    m = _BEFORE.search(before)
    while m is not None and m.group("name"):
        # "The IG said they found it in May, and Jordan asked '…'": a later clause's own
        # subject and say-verb, closer to the quotation, take it (not "Vance, asked whether
        # Ruiz said it, replied": no clause boundary between).
        later = _BEFORE.search(before, m.end("say"))
        if later is None or not later.group("name"):
            break
        if re.search(r"\bthat\s+$", before[m.end("say"):later.start()]):
            return None  # "X told the committee that Y said: '…'": Y's words as X tells
            # them — whose, a report of a report does not say
        joined = _CLAUSE_BREAK.search(before, m.end("say"), later.start())
        # A bare comma ends a clause only an opening subordinate one ("Asked whether X said
        # it, Y replied"; not "Mitchell said, Thompson told the Herald, that …").
        if joined is None or (joined.group().strip() == "," and not _OPENS_SUBORDINATE.match(
                before[:m.start()])):
            break
        m = later
    if m and m.group("app") and _LISTED.fullmatch(m.group("app")):
        return None  # "includes Nicky Morgan, Oliver Letwin, and Nick Boles, said, '…'"
    # "... told the Herald: '…'": the name before the colon is who was told, not the speaker;
    # "... is at Kelsworth Central: '…'" is where the speaker is.
    if m and not (m.group("colon") and (_ADDRESSEE.search(before, 0, m.start("colon"))
                                        or _PREPOSITION_BEFORE.search(before, 0,
                                                                      m.start("colon")))):
        if m.group("name") and m.group("say").lower().startswith("according"):
            # "the Cultural Service Medal, an honour she accepted, according to her family,
            # '…'": the words are those of whom "according to" names, never the name before.
            return None
        if m.group("name") and _own_naming(before, m.end("say")):
            return None  # "She said the phone, which the defendant described as a '…'"
        if m.group("name") and _RELATIVE_BEFORE.search(before, 0, m.start("name")) and \
                _MAIN_VERB_AFTER.search(before, m.end("say")):
            return None  # 'A user named "apex_marcus", which the Crown says was Liu's
            # account, posted: "…"': the relative clause's subject is not who posted (a
            # fresh audit's speaker "Crown")
        if m.group("name"):
            inner = _IN_APPOSITION.search(before, 0, m.start("name"))
            if inner:
                # "Warren Holt, an economist at the Fennimore Institute, a think tank,
                # wrote …": the institute is where the subject works, not who wrote.
                return _pronoun_or(inner.group("name"), text, qstart, doc)
            if _DESCRIPTION_BEFORE.search(before, 0, m.start("name")):
                return None  # "The family of X, a driver for Acme, a haulage firm, said"
        if m.group("name") and _SPEAKING_FOR.search(before, 0, m.start("name")):
            return ""  # "a spokeswoman for Commission president Jean-Claude Juncker said"
        if m.group("name") and _RELATION_OF.search(before, 0, m.start("name")):
            return None  # "The widow of the former miner Albert Finch said"
        head = _HEAD_OF.match(before, 0, m.start("name")) if m.group("name") else None
        if head is None and m.group("name"):
            head = _HEAD_OF_DESCRIBED.match(before, 0, m.start("name"))
            if head is not None and len(head.group("name").split()) < 2:
                head = None
        if head and not (_inverted(before, m) or m.group("name_for")
                         or _SAY_RE.search(before, m.end("say"))):
            # "Detective Sergeant Imogen Tallis of Kernow Police said:": the sentence opens
            # with the speaker, whose body follows "of" (not "The daughter of X said").
            return _pronoun_or(head.group("name"), text, qstart, doc)
        if m.group("name") and head is None and re.search(
                r"\bof\s+(?:the\s+)?$", before[:m.start("name")]) and \
                not _inverted(before, m):
            return None  # "The head of the Labour Party said", "Cllr Dearbhla Ó Murchú of
            # the Labour Party posted" where her name is not read (a fresh audit's speaker
            # "Labour Party"): the body is not who spoke
        if m.group("name") and (_inverted(before, m) or m.group("name_for")
                                or _PLACE_BEFORE.search(before, 0, m.start("name"))
                                or _GROUP_AT.search(before, 0, m.start("name"))):
            # "backed Ana Ruiz, said the chair, calling it '…'"; "from Hatch"; "Ruiz's
            # office said" and "a spokesman for Ruiz said": someone else's words
            return None
        later = _PRONOUN_SAYS.search(before, m.end("say")) if m.group("name") and \
            _ASKS_SOMEONE.fullmatch(m.group("say")) else None
        if later:
            # "When the Courier asked him about it, he said: '…'": the one asked answers,
            # in a clause of their own, whom the pronoun names (or no one sure).
            return _pronoun_or(later.group("pronoun"), text, qstart, doc)
        if m.group("name") and _OWN_SUBJECT_SAYS.search(before, m.end("say")) and \
                _other_subject(before, m, doc):
            # "The Home Office admitted him into the country, despite the fact that he has
            # said: '…'", "Prosecutors say he told the victim: '…'": a later clause's own
            # subject says it — whom the pronoun names, a report may not tell: no one
            return None
        if m.group("name") and _ANOTHER_SUBJECT_AFTER.match(before, m.end("say")):
            return None  # 'In another message, Ortiz said, the coach referred to his line as
            # "…"' (a fresh audit's: the words went to Ortiz, who read them out): a clause
            # of its own after the say-verb, with its own subject and verb — whose words,
            # that subject's, whom the text may not name
        if m.group("name") and m.group("adv") and not _opens_its_clause(before, m.start("name")):
            return None  # "Judge X sentenced Tom Harle then told the court: '…'": the name
            # before an adverb and a say-verb is its clause's subject only where it opens it
        name = m.group("name") or m.group("colon")
        return _pronoun_or(name, text, qstart, doc)
    m = _APPOSED.search(before)
    if m and not set(m.group("np").lower().split()) & _PREPOSITIONS:
        return m.group("name")  # "Ruiz's agent, Kerry Dunmore, told the Herald: '…'"
    if _SAY_RE.search(before[-60:]):
        # "Okafor said the closure was 'a painful necessity'": the subject of the say-verb.
        m2 = re.search(rf"{_NAME}\s+{_SAY_ADVERB}(?:{_SAY})\b", before)
        if m2 and _own_naming(before, m2.end()):
            return None  # "She said the phone, which the defendant described as a '…'"
        if m2 and _SPEAKING_FOR.search(before, 0, m2.start()):
            return ""
        if m2 and (_OWN_SUBJECT_SAYS.search(before, m2.end()) and _other_subject(before, m2, doc)
                   or m2.group("adv") and not
                   _opens_its_clause(before, m2.start("name"))):
            return None  # "… that he has said", "turned to Tom Harle then said"
        if m2 and not m2.group("name_for") and not _PLACE_BEFORE.search(before, 0, m2.start()) \
                and not _GROUP_AT.search(before, 0, m2.start()):
            return _pronoun_or(m2.group("name"), text, qstart, doc)
    pronoun = _HE_SAID_AFTER.match(after)
    if pronoun and re.search(r"[,?!…]\W*$", quoted):
        return _subject_before(text, qstart, doc, pronoun.group("pronoun"))
    return None


#: A speaker named by a gendered title and a surname: "Mrs Anna Bellucci", "Mr. Vance".
_GENDERED_TITLE = re.compile(r"(?P<title>Mrs|Ms|Miss|Mr)\.?\s+(?:[A-Z][\w'’-]*\s+)*"
                             r"(?P<surname>[A-Z][\w'’-]*)$")


def _spouse_shares(text: str, speaker: str) -> bool:
    """Is ``speaker`` "Mrs X" (or "Mr X") in a text that names a "Mr X" (or a "Mrs/Ms/Miss
    X") too — a couple or a family, whom the entity layer may have made one person?"""
    m = _GENDERED_TITLE.match(speaker.strip())
    if m is None:
        return False
    other = "Mr" if m.group("title") != "Mr" else "(?:Mrs|Ms|Miss)"
    return re.search(rf"\b{other}\.?\s+{re.escape(m.group('surname'))}(?![\w'’-])",
                     text) is not None


def _names_speaker(inner: str, name: str, eid: str | None, entities: list[Entity]) -> bool:
    """Does the quotation ``inner`` name the person it was given to by their first name
    ("… what Roger says", given to Roger Tate)? People speak of others so, rarely of
    themselves: the speaker is likelier someone who shares the surname."""
    e = next((x for x in entities if x.id == eid), None)
    if e is None or e.type != "person":
        return False
    words = e.name.split()
    if len(words) < 2 or len(words[0]) < 2:
        return False
    for m in re.finditer(rf"(?<![\w'’-]){re.escape(words[0])}(?![\w-])", inner):
        after = re.match(r"\s+([A-Z][\w'’-]*)", inner[m.end():])
        if after is None or after.group(1) == words[1]:
            return True  # not "Juan Barros" in Juan Carlos Cruz's letter: another Juan
    return False


#: A pronoun's say-verb right after a quotation: '"…," he said', '"…?" she asked'.
_HE_SAID_AFTER = re.compile(rf"\s*(?P<pronoun>he|she)\s+{_SAY_ADVERB}(?:{_SAY})\b")
#: Before a sentence's subject: an opening phrase or a role set off by a comma at most ("Its
#: chair, Hugh Rennard", "After the match, Ana Ruiz"), then titles ("Professor", "Dr").
_SUBJECT_PREFIX = re.compile(
    r"\s*(?:[^,.;:!?\"“”\n]{1,80},\s*)?(?:[A-Z][\w.'’-]*\s+){0,3}"
    # ... or a role in lower case and the titles after it ("Privacy lawyer", "Digital
    # media researcher Dr")
    # (no verb, plural or preposition before the role: "Jurors heard officer X" is the
    # jurors', "Like coach X, the captain, said" the captain's)
    r"|\s*(?:(?![\w'’-]*(?:ed|ing|[^s\W]s)\b)(?!(?i:heard|told|said|saw|knew|found|learnt|read|"
    r"like|unlike|alongside|besides?|beside|with|without|after|before|for|to|of|by|from|about|"
    r"against|than|as|behind|including|near|at|in|on|under|over|between|among|amid|despite|"
    r"except|via|during)\b)"
    rf"[A-Za-z][\w'’-]*\s+){{0,2}}(?i:{'|'.join(sorted(SPEAKER_ROLES, key=len, reverse=True))})"
    r"\s+(?:[A-Z][\w.'’-]*\s+){0,2}")
#: Between a subject and its say-verb: nothing, a clause set off by commas ("Ferreira,
#: 18, who was making his fourth appearance, said"), the comma that closes the role
#: before it ("Its chair, Hugh Rennard, said") or the body the subject is of ("Inspector
#: Kwame Hollingsworth of Westmoor Police said"); an adverb ("now concedes").
_SUBJECT_MIDDLE = re.compile(r"\s*(?:,[^.!?;:\"“”\n]{1,250},|,|\s+of\s+(?:the\s+)?"
                             r"[A-Z][\w'’&-]*(?:\s+(?:of|for|and|&|[A-Z][\w'’&-]*)){0,4})?\s*"
                             r"(?:(?:[a-z]+ly|now|also|later|then|again|still)\s+)?")

#: A clause that is a capitalised name alone, set off by commas: someone the entity layer
#: missed, the subject in apposition ("Ashby East, Fiona Ravenscroft, said").
_APPOSED_NAME = re.compile(r"\s*,\s*(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]*\s*,\s*")


def _subject_before(text: str, qstart: int, doc: Doc, pronoun: str) -> str | None:
    """Whose words '"…," he said' are: the person the sentence just before the quotation
    names as the subject of its say-verb (its role, title or body before or after it:
    "Privacy lawyer X, of the firm Y, said", "Inspector X of Westmoor Police said"), in
    the same paragraph or as the last sentence of
    the one before a paragraph the quotation opens ("Derek Haines, who runs the inn, said
    the pub would keep a chair empty. '…,' he said"). None when its subject is no person
    the article names, when it says nothing or asks, or when the pronoun may be someone
    else's: another person named, spoken of or speaking in it, a word of the other gender,
    a possessive before the subject, someone speaking for them ("through his lawyer"),
    a quotation of "my client" ("Asked about it, Haskell smiled. '…,' he said" and "Smith
    said his boss had called him in. '…,' he said" stay unsure). (Verbs of a speech act —
    "rejected the comparison. '…,' he said" — were tried and withdrawn: two reviewers'
    court and match reports gave the defendant, the manager or the mayor words that were
    the prosecutor's, the new signing's or a resident's.)"""
    head = text[max(0, qstart - 800):qstart]
    ends = list(_SENTENCE_END.finditer(head))
    if not ends or ends[-1].end() != len(head) or \
            not re.fullmatch(r"[.!?…][\"”’')]*(?:[ \t]+|[ \t]*\n[ \t]*\n[ \t]*)", ends[-1].group()):
        return None  # the quotation opens its sentence, or its paragraph after one
    if len(ends) > 1:
        a = qstart - len(head) + ends[-2].end()
    elif qstart <= 800:
        a = 0
    else:
        return None
    b = qstart - len(head) + ends[-1].start() + 1
    say = _SAY_RE.search(text, a, b)
    if say is not None and say.group() == "Asked" and not text[a:say.start()].strip(" \t\n\"”’'"):
        # "Asked about the post, Mr Vance said …": a question put to the subject, whose
        # answer the sentence gives after the comma (no one named in the question)
        comma = text.find(",", say.end(), b)
        if comma < 0 or any(a <= m.start < comma for e in doc.entities if e.type == "person"
                            for m in e.mentions):
            return None  # "Asked by Tom Vance about it, …": whose answer, unsure
        say, a = _SAY_RE.search(text, comma, b), comma + 1
    if say is None or say.group().lower() in _ASKING:
        return None  # no say-verb, or a question: the answer is someone else's
    people = sorted((m.start, m.end, e) for e in doc.entities if e.type == "person"
                    for m in e.mentions if a <= m.start < b and m.post is None)
    subject = next(((s, e, ent) for s, e, ent in people
                    if _SUBJECT_PREFIX.fullmatch(text, a, s)
                    and _SUBJECT_MIDDLE.fullmatch(text, e, say.start())), None)
    if subject is None:
        return None
    if any(ent.id != subject[2].id for _, _, ent in people) or unplaced_name(text, a, b, doc):
        return None  # "Smith said Jones had lied. '…,' he said": whose, unsure
    if _APPOSED_NAME.fullmatch(text, subject[1], say.start()):
        return None  # "The candidate in Ashby East, Fiona Ravenscroft, said": a name missed
    sentence, reported = text[a:b], text[say.end():b]
    close = re.search(r"[\"”]", text[qstart + 1:qstart + 2000])
    quoted = text[qstart:qstart + 1 + close.start()] if close else ""
    if _THROUGH_SOMEONE.match(text, subject[1], say.start()) or \
            _THROUGH_SOMEONE.match(text, say.end()) or \
            re.search(r"(?i)\bmy\s+clients?\b", quoted):
        # "X, through his lawyer, said it was false. 'My client will fight,' he said": the
        # lawyer's words (not "X, who complained through her solicitor in 2024, said")
        return None
    other = _FEMALE if pronoun == "he" else _MALE
    if other.search(sentence) or _SPOKEN.search(reported) or _SOMEONE.search(reported) or \
            _POSSESSED.search(text, a, subject[0]):
        # Someone else in the sentence the pronoun may be: another gender's pronoun or
        # title ("Mr Ahmed said he had asked the receptionist. '…,' she said"), speech
        # reported inside it ("said his boss had called him in"), a person it speaks of
        # ("said the swimmer was exhausted"), or whose the subject is ("Her opponent, X").
        return None
    return subject[2].name


#: Someone speaking for the subject, right after the name or the say-verb: "X, through his
#: lawyer, said", "X said via a spokeswoman" (not "X, who complained through her
#: solicitor in 2024, said").
_THROUGH_SOMEONE = re.compile(r"(?i)\s*,?\s*(?:through|via)\s+(?:his|her|their|its|a|an|the)\s+"
                              r"(?:[\w-]+\s+)?(?:lawyers?|solicitors?|barristers?|attorneys?|"
                              r"spokes(?:man|woman|person|people)|agents?|representatives?|"
                              r"publicists?|aides?|office)\b")
#: Say-verbs that ask: what follows answers them, in someone else's words.
_ASKING = frozenset({"asked", "asks", "ask"})
#: Pronouns and titles of each gender.
_MALE = re.compile(r"\b(?:he|him|his|himself|Mr|father|husband|son|brother|boyfriend)\b",
                   re.IGNORECASE)
_FEMALE = re.compile(r"\b(?:she|her|hers|herself|Mrs|Ms|Miss|mother|wife|daughter|sister|"
                     r"girlfriend)\b", re.IGNORECASE)
#: Speech reported inside the reported clause: someone else's words may follow.
_SPOKEN = re.compile(rf"\b(?:{_SAY}|ordered|demanded|begged|shouted|screamed|yelled|"
                     r"called|phoned|rang|pleaded|urged|whispered)\b", re.IGNORECASE)
#: A person the reported clause speaks of ("said the swimmer was exhausted").
_PERSON_WORD = (
    r"(?:man|men|woman|women|boy|girl|child|children|kid|baby|mum|mom|dad|parent|parents|"
    r"mother|father|wife|husband|son|daughter|brother|sister|partner|friend|neighbou?r|"
    r"officer|driver|victim|defendant|suspect|accused|witness|patient|nurse|doctor|"
    r"teacher|pupil|student|boss|manager|employer|colleague|customer|client|tenant|"
    r"landlord|landlady|swimmer|passenger|receptionist|robber|attacker|gunman|thief|"
    r"stranger|player|striker|coach|referee|judge|lawyer|prosecutor|juror|resident|"
    r"owner|worker|staff|member|guest|fan|voter|candidate|opponent|rival|family|"
    r"people|person|someone|anyone|nobody|everyone|caller|interviewer|reporter|"
    r"spokes(?:man|woman|person)|mayor|widow|widower|midwife|chairman|chairwoman|"
    r"minister|councillor|senator|leader)\b")
_SOMEONE = re.compile(
    r"\b(?:the|a|an|his|her|their|its|my|our|one|another|every|each|no)\s+(?:[a-z-]+\s+){0,2}"
    + _PERSON_WORD)
#: Someone else who may speak, in a sentence after its subject, whom a later pronoun may
#: name: "said the mayor had broken his promise", "Tom Vance's daughter said" — not an
#: apposition ("Tom Vance, the mayor, said") nor what the subject is ("is a councillor").
_OTHER_SPEAKER = (r"(?:mayor|minister|councillor|senator|leader|chairman|chairwoman|"
                  r"spokes(?:man|woman|person)|widow|widower|wife|husband|son|daughter|mother|"
                  r"father|brother|sister|lawyer|solicitor|judge|prosecutor)\b")
_SOMEONE_ELSE = re.compile(r"(?<!, )(?<!,)(?<!\bis )(?<!\bwas )(?<!\bbeen )(?<!\bas )"
                           r"\b(?:the|a|an|his|her|their|my|our)\s+(?:[a-z-]+\s+){0,2}"
                           + _OTHER_SPEAKER + r"|['’]s\s+(?:[a-z-]+\s+)?" + _OTHER_SPEAKER)
#: A possessive before the subject: someone else's ("Her opponent, Tom Reeve").
_POSSESSED = re.compile(r"\b(?:his|her|their|my|your|our)\b", re.IGNORECASE)


#: One-word organisation names that name no one by themselves (a span cut from a longer
#: name: "the Justice Department" -> "Department").
_GENERIC_ORGS = frozenset(
    "department ministry office agency committee court government police administration "
    "house council bureau service commission authority party senate congress".split())


def _sure(eid: str | None, entities: list[Entity]) -> bool:
    """A speaker counts when it is a person or organisation the article names: an entity
    the attribution resolved to, not a generic one-word organisation. Headline scraps
    ("Trump Vows"), places ("Luton South") and groups ("MPs") are not speakers."""
    if eid is None:
        return False
    e = next((x for x in entities if x.id == eid), None)
    if e is None or e.type not in ("person", "organization"):
        return False
    return not (e.type == "organization" and e.name.lower() in _GENERIC_ORGS)


#: A work's kind, next to its quoted title: '"Calvin" — a song about …', 'the single
#: "Calvin"' — a title, not words someone said or the writer distanced from.
_WORK = (r"song|single|track|album|record|film|movie|documentary|book|novel|memoir|play|"
         r"show|series|episode|poem|podcast|opera|musical|painting|ep")
_WORK_BEFORE = re.compile(
    rf"\b(?:(?:{_WORK}|titled|entitled)\s+"
    # (works named as examples, in a list: 'classics such as "The Color Purple" and "Of
    # Mice and Men."' — a fresh audit's two direct quotations; no plural that is a verb
    # too: 'his team plays like "A Bunch Of Strangers."', a reviewer's)
    rf"|(?:songs|albums|films|movies|documentaries|books|novels|memoirs|poems|podcasts|"
    rf"operas|musicals|paintings|classics|titles)\s+(?:such\s+as|including|like)\s+"
    rf"(?:[\"“][^\"“”\n]{{1,60}}[\"”],?\s+(?:(?:and|or)\s+)?){{0,4}})$", re.IGNORECASE)
#: A document set beside its quoted title by commas: 'the paper, "…", is published'.
_DOC_BEFORE = re.compile(rf"\b(?:{_WORK}|paper|study|report|article|essay|thesis|column|"
                         rf"petition|motion|bill|exhibition),\s*$", re.IGNORECASE)
_WORK_AFTER = re.compile(rf"\s*[,(—–-]+\s*(?:a|an|the|her|his|their|its|our)\s+"
                         rf"(?:{_WORK})\b", re.IGNORECASE)


#: A name given right before title-case quoted words: 'a group called "Hands Off Our Park"'
#: (not "so-called": the writer's distance).
_NAMED_AS = re.compile(r"(?<!so[\s\u2010\u2011-])\b(?:calls|called|calling|named|dubbed|nicknamed|"
                       r"renamed|branded)\s+(?:(?P<object>him|her|them|"
                       # (a person by a role: "calling the mayor", not "calling the plan")
                       rf"the\s+{ROLE_WORD})\s+)?$",
                       re.IGNORECASE)


#: Right before a quoted term or name: "known as", "also known as", "better known as",
#: "what is known as" (no one's words: the term's).
_KNOWN_AS = re.compile(r"\b(?:(?:also|better|commonly|widely|now|locally|simply|"
                       r"affectionately|collectively)\s+)?known\s+"
                       # ('known locally as "Paddy Red"', a fresh audit's)
                       r"(?:(?:locally|widely|universally|affectionately|simply|mostly|"
                       r"only|still)\s+)?"
                       # (to whom: 'known to three generations of surfers as "Rusty"', a
                       # fresh audit's)
                       r"(?:to\s+(?:[\w'’-]+\s+){1,6}?)?as\s+$", re.IGNORECASE)


#: "wanted to be known as", "should be known as", "would become known as": how someone
#: wishes a thing or themselves to be seen, in their own words ('Hale said he wanted to
#: be known as "a fair man"': reviewers'; "had become known as" is a fact, a name's).
_TO_BE_KNOWN_AS = re.compile(r"\b(?:be|(?:would|should|could|might|may|will)\s+become)"
                             r"\s+known\s+as\s+$", re.IGNORECASE)


#: "the" or a possessive right before a quotation ('call the bill the "Parental Review
#: Act."'; not 'what the President has long called a "Witch Hunt."', his words).
_THE_BEFORE = re.compile(r"\b(?:the|its|his|her|their|our)\s+$", re.IGNORECASE)
#: A determiner or a possessive right before a quotation: what it quotes is a noun
#: phrase's (see :meth:`Quotes._classify`).
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|his|her|their|our|this|these|those)\s+$"
                                # a noun's possessive ('the state's "Homes for Heroes"
                                # scheme', a fresh audit's direct quotation)
                                r"|(?<![\w'’-])(?!(?i:it|that|what|there|here|he|she|who|"
                                r"let|where|how|one)['’])(?-i:[a-z]{2,})['’]s\s+$",
                                re.IGNORECASE)  # (not "that": 'told them that "Working
# Families Come First"', a reviewer's)


def _capitalised_name(inner: str) -> bool:
    """Quoted words written as a name: two capitalised words or more and every other word
    a small one ("Pilot Ladder", "The Forager's Plate", "Hands Off Our Park"; not "Play
    on", "Absolutely not", "Stop it": a call, an answer)."""
    words = inner.strip().rstrip(",").split()
    return (sum(w[:1].isupper() for w in words) >= 2
            and all(w[:1].isupper() or w in _SMALL_TITLE_WORDS for w in words)
            and not re.search(r"[.!?]\s*$", inner))


_SMALL_TITLE_WORDS = frozenset("of the a an and in on to for at by or with from".split())


def _titled_work(text: str, start: int, end: int) -> bool:
    """Is the quotation at ``text[start:end]`` a work's title: after its kind ("the song
    'Calvin'") or with its kind set beside it ('"Calvin" — a song about …')?"""
    return bool(_WORK_BEFORE.search(text[max(0, start - 200):start - 1])
                or _WORK_AFTER.match(text, end + 1))


def _document_title(text: str, start: int, end: int) -> bool:
    """Is the quotation at ``text[start:end]`` set beside a document by commas, as its
    title ('the paper, "Walking after meals: a trial", is published')?"""
    return bool(_DOC_BEFORE.search(text[max(0, start - 30):start - 1])
                and text[end + 1:end + 2] == ",")


def _title(inner: str) -> bool:
    """Quoted words that are a title (a show, a book, a film): every word capitalised, few
    words, no sentence punctuation — "Face the Nation" is named, not said."""
    words = inner.strip().split()
    big = [w for w in words if len(w) > 3]
    return (0 < len(words) <= 6 and bool(big) and all(w[0].isupper() for w in big)
            and not re.search(r"[.!?,]\s*$", inner))


def _pronoun_or(name: str, text: str, pos: int, doc: Doc) -> str | None:
    if name.lower() in _PRONOUNS:
        if name.lower() not in ("he", "she"):
            return None  # "I wrote", "we said", "they said": the writer, or more than one
        # A pronoun names the person the prose named last — when that was in the same or
        # the previous sentence, as a subject (opening its sentence, or right before a
        # say-verb), and no other person came between; otherwise: unsure ("Tom Feeney, who
        # chairs Stanton Cross parish council, said … He added": not Stanton Cross).
        window = max(0, text.rfind(". ", 0, max(0, text.rfind(". ", 0, pos))))
        people = sorted((m.start, m.end, e.id, e.name) for e in doc.entities
                        if e.type == "person" for m in e.mentions
                        if window <= m.start < pos and m.post is None)
        # Someone named after the pronoun, before the quotation, is whom it spoke to ("He
        # told Adam that '…'"): never the speaker, and whom the pronoun names is unsure.
        opens = max(0, text.rfind(". ", 0, pos))
        said = [x.start() for x in re.compile(rf"\b{re.escape(name)}\b").finditer(text, opens, pos)]
        if said and any(said[-1] < p[0] for p in people):
            return None
        if not people or len({p[2] for p in people}) > 1 or \
                not any(_as_subject(text, a, b) for a, b, _, _ in people):
            return None
        # ... and named in the same or the previous sentence as prose ends them, where a
        # closing quotation mark or a paragraph break may follow the full stop ('…this."
        # \n\nA spokesman told Reuters: "…"\n\nShe said'): the sentence between may
        # name no one.
        ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, pos - 2000), pos)]
        near = ends[-2] if len(ends) > 1 else max(0, pos - 2000)
        if not any(near <= a for a, _, _, _ in people) or unplaced_name(text, near, pos, doc):
            return None  # (or someone there the entity layer missed: whom, unsure)
        if _APPOSED_NAME.match(text, people[-1][1]):
            return None  # "… in Ashby East, Fiona Ravenscroft, finished fourth. She said"
        gender = _gender(people[-1][2], doc)
        if gender not in (None, name.lower()):
            return None  # "Mr Vance …. She said": the text says the person is not one
        titled = re.search(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$",
                           text[max(0, people[-1][0] - 6):people[-1][0]])
        if titled and gender != ("he" if titled.group(1) == "Mr" else "she"):
            return None  # "Tom Harle, 44, died. Mrs Harle was at the hospital. She said":
            # a titled surname the text does not show is the person's own (a relative's)
        if _SOMEONE_ELSE.search(text, people[0][1], pos):
            return None  # "Claire Hobbs said the mayor had broken his promise. He said",
            # "Mrs Harle was at the hospital. She said": someone else the pronoun may be
        if _ASKED_AFTER.match(text, people[-1][1]):
            return None  # "Dr Vance asked whether … He said": the one asked answers
        return people[-1][3]
    return name


#: After a subject, a question put ("Dr Vance asked whether it would happen. He said …",
#: "Ruiz, the chair, pressed him about it"): whoever answers next may be someone else (not
#: "asked for patience", "pressed ahead with the plan").
_ASKED_AFTER = re.compile(r"(?:['’]s?)?\s*(?:,[^,.;]{0,80},\s*)?(?:then\s+|also\s+|later\s+)?"
                          r"(?:asked|asks|questioned|pressed|quizzed|grilled)\s+"
                          r"(?:(?!(?:to|for|ahead|when)\b)[\w'’-]+\s+){0,3}?"
                          r"(?:whether|if|why|how|what|about)\b")
def _gender(eid: str, doc: Doc, votes_needed: int = 1) -> str | None:
    """"he" or "she" where the text says which a person is: a title before their full name
    ("Mr Tom Vance"; not a bare "Mrs Vance", who may be his wife), or the subject pronouns
    after them ("he", "she") in the sentences that name them and no one else — no other
    person, no one's relative or role ("his daughter", "the mayor", "her patient"), not as
    an owner ("Tom Vance's daughter said she …"), nothing quoted, no "His Majesty" — at
    least ``votes_needed`` of them, all of one kind; else None."""
    votes = _gender_votes(eid, doc)
    return votes[0] if len(set(votes)) == 1 and len(votes) >= votes_needed else None


def _gender_votes(eid: str, doc: Doc) -> list[str]:
    text = doc.text
    entity = next((e for e in doc.entities if e.id == eid), None)
    votes: list[str] = []
    if entity is None:
        return votes
    for t in re.finditer(rf"\b(Mr|Mrs|Ms|Miss|Sir|Lord|Dame|Lady)\.?\s+{re.escape(entity.name)}\b",
                         text):
        votes.append("he" if t.group(1) in ("Mr", "Sir", "Lord") else "she")
    others = [m.start for e in doc.entities if e.type == "person" and e.id != eid
              for m in e.mentions]
    for m in entity.mentions:
        a = max(text.rfind(". ", 0, m.start), text.rfind("\n", 0, m.start)) + 1
        ends = [i for i in (text.find(". ", m.end), text.find("\n", m.end)) if i >= 0]
        b = min(ends) if ends else len(text)
        after = re.sub(r"[\"“][^\"“”]*[\"”]?", " ", text[m.end:b])  # not what is quoted
        if m.post is not None or any(a <= o < b for o in others) or \
                re.match(r"['’]s?\s", text[m.end:m.end + 3]) or _SOMEONE.search(after) or \
                re.search(r"(?i)\b(?:his|her)\s+(?:majesty|royal)\b", after):
            continue
        he, she = _HE.search(after), _SHE.search(after)
        if he and not she:
            votes.append("he")
        elif she and not he:
            votes.append("she")
    return votes


#: The pronoun a post's lead-in or attribution gives it to (the last one before it, or
#: the first after: '"…," she wrote on X').
_POST_PRONOUN = re.compile(r"(?s:.*)\b([Ss]he|[Hh]e)\b")
#: Subject and reflexive pronouns, the votes of :func:`_gender` (not "his"/"her", often
#: someone else's: "praised the midwife for her calm").
_HE = re.compile(r"\b(?:he|himself)\b", re.IGNORECASE)
_SHE = re.compile(r"\b(?:she|herself)\b", re.IGNORECASE)


#: Where a clause of its own begins: ", and", "; then", " but ".
_CLAUSE_BREAK = re.compile(r"(?:[,;]\s*(?:and|but|then|while|whereas)?|\s(?:and|but|then))\s*$")
#: A sentence that opens with a subordinate clause: "Asked whether …", "When …", "After …".
_OPENS_SUBORDINATE = re.compile(r"(?i)\W*(?:asked|when|after|as|while|if|although|though|once|"
                                r"before|since)\b")
#: Verbs of asking someone: the answer that follows is theirs, not the asker's.
_ASKS_SOMEONE = re.compile(r"(?i)ask(?:s|ed|ing)?|question(?:s|ed|ing)?|press(?:es|ed|ing)?")
#: A later clause's own subject and say-verb: ", he said", "and she told them".
_PRONOUN_SAYS = re.compile(rf"(?:[,;]\s*|\b(?:and|then)\s+)(?P<pronoun>he|she|they|we|I)\s+"
                           rf"(?:{_SAY})\b")
def _other_subject(before: str, m: re.Match[str], doc: Doc) -> bool:
    """May the pronoun of a later clause (:data:`_OWN_SUBJECT_SAYS`) be someone other than
    the name before the first say-verb: the name is no person the text names ("The Home
    Office admitted him …, though he has said", "Prosecutors say he told"), or a name
    stands between ("admitted Sam Ruiz … he has said")? Not "Tom Vance insisted he had
    told the truth: '…'", his own words."""
    name = m.group("name")
    later = _OWN_SUBJECT_SAYS.search(before, m.end())
    between = before[m.end():later.start() if later else len(before)]
    person = any(e.type == "person" and name in (e.name, *e.aliases, e.name.split()[-1])
                 for e in doc.entities)
    return not person or re.search(r"\b[A-Z][\w'’-]+\s+[A-Z][\w'’-]+", between) is not None


def _opens_its_clause(before: str, at: int) -> bool:
    """Does the name at ``before[at]`` open its clause — after the sentence's start, a
    comma, a semicolon or "but", with only titles, capitalised words and role words
    before it ("Labour leader Tom Vance later said"; not "The judge told Tom Harle then
    added", "sentenced Tom Harle then told")?"""
    head = re.split(r"[,;:]\s+|\bbut\s+", before[:at])[-1]
    if re.search(r"\band\b", head):
        return False  # "Claire Hobbs and Tom Vance later said": a list, not a subject
    return all(w[:1].isupper() or w.lower() in SPEAKER_ROLES or w.lower() in ("the", "a", "an")
               for w in head.split())


#: A pronoun and its own say-verb, perhaps after an auxiliary or an adverb ("that he has
#: said", "she had once written"): a clause with a subject of its own.
_OWN_SUBJECT_SAYS = re.compile(rf"\b(?P<pronoun>he|she|they|we|I)\s+(?:(?:has|had|have|would|"
                               rf"will|once|also|later|then|previously|repeatedly)\s+)*"
                               rf"(?:{_SAY})\b")
#: After "said" and a name, the name's own verb: "said Clement had been let down".
_FINITE_AFTER = re.compile(r"\s+(?:had|has|have|was|were|is|are|would|will|should|could|did|"
                           r"does|can|must|might|may)\b")
#: After a say-verb and a comma, another clause's subject and its verb of saying or naming:
#: "said, the coach referred to …", "said, his wife described it as …" (not 'Ruiz said, her
#: voice cracked, that …', 'Feld said, the proposed budget was …': a reviewer's).
_ANOTHER_SUBJECT_AFTER = re.compile(r",\s+(?:the|his|her|their|its|a|an)\s+(?:[a-z-]+\s+){0,2}?"
                                    r"(?:referred\s+to|described|called|dubbed|labell?ed|"
                                    r"branded|wrote|told|said)\b[^\"“”.!?]*$")
#: The end of a sentence: its mark, any closing quotation marks or brackets, then space; or
#: a paragraph break (a line break alone may only wrap a line).
_SENTENCE_END = re.compile(r"[.!?…][\"”’')]*\s+|\s*\n\s*\n\s*")


def _own_naming(before: str, pos: int) -> bool:
    """Does a naming verb with a subject of its own come between a say-verb (ending at
    ``pos``) and the quotation ("said the phone, which the defendant described as a '…'")?
    A participle ("said, characterizing the probe as '…'") keeps the speaker's subject."""
    for m in _NAMING.finditer(before, pos):
        if re.match(r"\s*call", m.group()) and _NOUN_BEFORE.search(before, 0, m.start()):
            continue  # "said the calls had been 'relentless'": a noun, not naming
        # A participle right after the say-verb ("said, characterizing …", "said on Monday,
        # calling …") keeps its subject; after anything else ("said critics are calling
        # …") it has one of its own.
        return not (re.match(r"\s*\w+ing\b", m.group()) and re.fullmatch(
            r"\s*(?:(?:on|in|at|after|before|during|later)\b[^,]{0,30})?,\s*",
            before[pos:m.start()]))
    return False


def _as_subject(text: str, start: int, end: int) -> bool:
    """Is the name at ``text[start:end]`` a sentence's subject — opening it (after titles
    or a role, "Labour leader Tom Vance", or an opening phrase and its comma, "On Monday,
    Tom Vance"), right before a say-verb ("Ruiz, the mayor, said"), or after one that
    follows a quotation ('"…," said Tom Vance') — and not a possessive ("Tom Vance's
    lawyer")?"""
    if re.match(r"['’]s?\s+\w", text[end:end + 4]):
        return False
    before = text[max(0, start - 80):start]
    return (_SUBJECT_OPENS.search(before) is not None
            or _SAID_BEFORE.search(before) is not None
            or _SUBJECT_SAYS.match(text, end) is not None)


#: Before a sentence's subject: the sentence's start, an opening phrase and its comma,
#: then capitalised titles and lower-case role words (no past tense or participle:
#: "Police arrested Tom Vance" is no subject).
_SUBJECT_OPENS = re.compile(
    r"(?:^|[.!?…][\"”’')]*\s+|\n)(?:[^,.;\n\"“”]{1,40},\s*)?"
    r"(?:[A-Z][\w.'’-]*\s+(?:(?![a-z]+(?:ed|ing)\b)[a-z]+\s+){0,2}){0,3}$")
#: '"…," said Tom Vance': the say-verb after a quotation, before the name.
_SAID_BEFORE = re.compile(rf"[,?!…][\"”’']\s+(?:{_SAY})\s+(?:[A-Z][\w.'’-]*\s+){{0,2}}$",
                          re.IGNORECASE)
#: After a sentence's subject: a say-verb, an apposition between ("Ruiz, the mayor, said").
_SUBJECT_SAYS = re.compile(rf"(?:['’]s?)?\s*(?:,[^,.;]{{0,80}},\s*)?(?:{_SAY})\b", re.I)
#: A noun before "calls"/"called": no naming ("the calls", "phone calls").
_NOUN_BEFORE = re.compile(r"\b(?:the|his|her|their|its|our|my|your|these|those|phone|many|"
                          r"several|such|angry|abusive)\s+$", re.IGNORECASE)
_LINKISH = re.compile(r"https?\S*|www\.\S+|\bpic\.\S+|(?<!\w)@\w+|#")


#: A relative clause's say-verb before a quotation (", who told her to", ", who said"):
#: the words are its antecedent's.
_WHO_SAID = re.compile(r",\s+who\s+(?:\w+\s+){0,2}(?:told|tells|said|says|wrote|writes|written|"
                       r"asked|asks|replied|added|warned|insisted|urged|posted|tweeted|"
                       r"claimed|stated)\b"
                       r"[^\"“”.!?,]{0,60}$")  # (not a clause closed before the main verb:
# "Ana Ruiz, who the council says was away, said:" is hers)
#: A writing as the subject of the verb right before a quotation: the words are the
#: writing's ("said the post had called for", "told the inquiry the letter demanded"; not
#: "her statement had urged", the speaker's own: a reviewer's).
_WRITING_SAID = re.compile(
    r"\b(?:the|a|an|that|this|one)\s+(?:[\w-]+\s+)?(?:post|tweet|message|"
    r"letter|statement|report|e-?mail|text|document|article|motion|petition|memo|note|leaflet|"
    r"caption|sign|banner|notice|advert|ad)\s+(?:had\s+|has\s+|have\s+|was\s+)?"
    r"(?:called\s+for|called|said|says|read|reads|stated|states|claimed|claims|urged|urges|"
    r"demanded|demands|described|argued|argues|warned|warns|promised|promises|vowed|asked|"
    r"asks|accused|labell?ed|branded)\b(?:\s+(?:\w+\s+){0,3}?(?:as|of|for|to))?\s*$",
    re.IGNORECASE)
#: A lead-in ending on what a thing read ("… a message that read:", "… which reads, in
#: part:").
_THAT_READ = re.compile(r"\b(?:which|that)\s+(?:read|reads)(?:,?\s+in\s+(?:part|full))?,?\s*:?\s*$")


def _bearers(surname: str, entities: list[Entity]) -> list[Entity]:
    """The people the text names in full whose surname is ``surname``."""
    return [e for e in entities if e.type == "person" and len(e.name.split()) > 1
            and e.name.split()[-1] == surname]


def _titled(word: str) -> bool:
    """Is ``word``, a name's first, a title or a role ("Cardinal", "Senator")?"""
    word = word.rstrip(".")
    return any(w.lower() in SPEAKER_ROLES or w in _TITLE_FIRST_WORDS
               for w in (word, word.removesuffix("s")))  # ("Professors Brugger")


_TITLE_FIRST_WORDS = frozenset(w.rstrip(".") for t in TITLES for w in t.split()) | frozenset(
    "Cardinal Archbishop Bishop Pope Father Sister Brother Rabbi Imam Pastor Reverend Rev "
    "Nuncio King Queen Prince Princess Duke Duchess Earl Count PM MP".split())


def _two_people(bearers: list[Entity]) -> bool:
    """Do ``bearers`` (full names of one surname) name two people or more? Not where
    every two are one name written two ways: one holds the other's words ("Christine Ford"
    and "Christine Blasey Ford") or a title in place of the given name ("Cardinal
    Ratzinger"), or their given names are one (:func:`same_given_name`)."""
    def one(a: str, b: str) -> bool:
        wa, wb = a.split(), b.split()
        return (set(wa) <= set(wb) or set(wb) <= set(wa) or same_given_name(wa[0], wb[0])
                or _titled(wa[0]) or _titled(wb[0]))
    names = [e.name for e in bearers]
    return any(not one(a, b) for i, a in enumerate(names) for b in names[i + 1:])


#: A sentence's end: its stop, closing marks, then space.
_SENTENCE_STOP = re.compile(r"[.!?][\"”’')]*\s")


def _named_here(text: str, start: int, surname: str, entities: list[Entity]) -> Entity | None:
    """Of the people the text names whose surname is ``surname`` (two or more: a surname
    alone is its own entity), the one whose full name the paragraph of ``start`` writes,
    where it writes no other's; else None."""
    people = _bearers(surname, entities)
    if len(people) < 2:
        return None
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    paragraph = text[lo:hi if hi >= 0 else len(text)]
    named = [e for e in people if re.search(rf"(?<![\w'’-]){re.escape(e.name)}(?![\w-])",
                                            paragraph)]
    if len(named) != 1 or re.search(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+{re.escape(surname)}\b",
                                     paragraph):
        return None  # "Mrs Morrow agreed": another Morrow in the paragraph
    # Before the quotation, that name opens a sentence that gives it a say-verb ("Jenna
    # Morrow, a baker, said she had complained."): the speaker brought in. (Not a name
    # the sentence speaks of: "Ashby stabbed Daniel Morrow", "her brother, Liam Hale",
    # "Jake Devlin has played only 12 games".)
    for m in re.finditer(rf"(?<![\w'’-]){re.escape(named[0].name)}(?![\w-])", text[lo:start]):
        at = lo + m.start()
        stops = list(_SENTENCE_STOP.finditer(text, lo, at))
        head = text[stops[-1].end() if stops else lo:at]
        stop = _SENTENCE_STOP.search(text, at)
        sentence_end = stop.start() if stop else len(text)
        if re.fullmatch(r"\s*(?:[\"“”]\s*)?(?:[A-Z][\w.'’-]*\s+){0,3}", head) and \
                not re.match(r"['’]", text[lo + m.end():lo + m.end() + 1]) and \
                _SAY_RE.search(text, lo + m.end(), min(sentence_end, start)) and \
                re.fullmatch(r"[.!?][\"”’')]*\s*[\"“]?", text[sentence_end:start]):
            return named[0]  # (the sentence right before the quotation; not "David
            # Morrow's wife said", nor with "Her husband said …" between)
    return None


def _resolve(speaker: str | None, entities: list[Entity]) -> tuple[str | None, str | None]:
    """Map a speaker string to an entity (by name, alias or hashtag/handle form); a speaker
    that is not a short name once links and handles are gone is no speaker."""
    if not speaker:
        return None, None
    for e in entities:  # a handle that is an entity's alias names that entity
        if speaker.lower() in {a.lower() for a in e.aliases}:
            return e.name, e.id
    if speaker.startswith("@") or re.search(r"[_\d]", speaker):
        # A handle, or a name written as one ("SenVance_", "@tomvance2"): its underscores,
        # digits and dots are its own, and @SenVance_ is another account than @SenVance
        # (a parody's, an impostor's): only the handle itself names anyone.
        bare = speaker.lstrip("@").lower()
        for e in entities:
            if bare in {a.lstrip("@").lower() for a in (e.name, *e.aliases)}:
                return e.name, e.id
        return None, None
    plain = _LINKISH.sub(" ", speaker)
    # As written ("Coach USA" the firm), then as a person's name ("Ms Cooper" -> "Cooper").
    names = list(dict.fromkeys(n for n in (clean_name(plain), clean_name(plain, person=True))
                               if n))
    if not names or len(names[-1].split()) > 5 or \
            not _LEADING_PARTICLES.sub("", names[-1])[:1].isupper():
        return None, None
    for name in names:
        key = re.sub(r"[\W_]+", "", name).lower()
        for e in entities:
            forms = {e.name, *e.aliases}
            if any(re.sub(r"[\W_]+", "", f).lower() == key for f in forms):
                return e.name, e.id
    speaker = names[-1]
    # A surname alone ("Okafor: …", "van der Berg said", "Fernández Ortega said") names the
    # one person in the article whose name it ends; so does one after a premier's title
    # ("Premier Lindqvist said:", a reviewer's: the `fast` entity layer reads her as Astrid
    # Lindqvist) — and where none fits, the name stays as written ("Premier Foods", not
    # "Foods": a read-through's).
    for written in ([speaker.split(None, 1)[1], speaker]
                    if re.match(r"Premier\s+[A-Z]", speaker) else [speaker]):
        words = written.lower().split()
        fits = [e for e in entities if e.type == "person" and len(e.name.split()) > len(words)
                and e.name.lower().split()[-len(words):] == words]
        if len(fits) == 1:
            return fits[0].name, fits[0].id
    return speaker, None
