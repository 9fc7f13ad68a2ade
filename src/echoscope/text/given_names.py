"""Given names that may be one name: a short form and the name it shortens ("Bill" and
"William", "Tommy" and "Tomasz", "Marc" and "Marcus").

News writes one person "William Barr" in one paragraph and "Bill Barr" in the next: the
quotation layer must not read them as two people of one surname, whose surname alone
would then name no speaker. Two given names may be one where they are equal, where one is
a listed short form of the other (:data:`_SHORT_FORMS`, the irregular ones: "Bill",
"Bob", "Peggy"), or where the shorter begins the longer, is at least three letters and
two short of it ("Dan" and "Daniel", "Doug" and "Douglas"; not "Joe" and "Joel") —
unless the longer ends as women's names and pet names often do, in "a", "e" or "y"
("Paul" and "Paula", "Dan" and "Danielle", "Ivan" and "Ivanka": a couple or siblings may
be named so). A short form is also a name of its own ("Sam", "Chris", "Pat"), and a
father and son may be "Robert" and "Rob": this says two names *may* be one, never that
two people are (the entity layer keeps them two).
"""

from __future__ import annotations

from functools import lru_cache

#: Irregular short forms (lower case) and the names they stand for.
_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "bill": ("william",), "billy": ("william",), "will": ("william",), "willie": ("william",),
    "liam": ("william",), "bob": ("robert",), "bobby": ("robert",), "rob": ("robert",),
    "robbie": ("robert",), "bert": ("robert", "albert", "herbert"), "dick": ("richard",),
    "rick": ("richard", "frederick", "eric"), "ricky": ("richard",), "rich": ("richard",),
    "richie": ("richard",), "jim": ("james",), "jimmy": ("james",), "jamie": ("james",),
    "jack": ("john",), "johnny": ("john", "jonathan"), "jon": ("jonathan",),
    "ted": ("edward", "theodore"), "teddy": ("edward", "theodore"), "ned": ("edward",),
    "ed": ("edward", "edmund", "edwin"), "eddie": ("edward",), "mike": ("michael",),
    "mick": ("michael",), "mickey": ("michael",), "micky": ("michael",),
    "tony": ("anthony", "antony"), "chuck": ("charles",), "charlie": ("charles",),
    "hank": ("henry",), "harry": ("henry", "harold"), "hal": ("henry", "harold"),
    "liz": ("elizabeth",), "lizzie": ("elizabeth",), "beth": ("elizabeth", "bethany"),
    "betty": ("elizabeth",), "bess": ("elizabeth",), "eliza": ("elizabeth",),
    "kate": ("katherine", "catherine", "kathryn", "katharine"),
    "katie": ("katherine", "catherine", "kathryn", "katharine"),
    "kathy": ("katherine", "kathryn", "kathleen"), "cathy": ("catherine",),
    "kat": ("katherine", "katrina"), "peggy": ("margaret",), "maggie": ("margaret",),
    "meg": ("margaret", "megan"), "sandy": ("sandra", "alexander", "alexandra"),
    "drew": ("andrew",), "andy": ("andrew",), "joe": ("joseph",), "joey": ("joseph",),
    "steve": ("stephen", "steven"), "stevie": ("stephen", "steven"),
    "nick": ("nicholas", "nicolas"), "nicky": ("nicholas", "nicola"),
    "chris": ("christopher", "christine", "christina", "christian"),
    "sue": ("susan", "suzanne"), "susie": ("susan",), "sam": ("samuel", "samantha"),
    "fred": ("frederick", "alfred"), "freddie": ("frederick", "alfred"),
    "gerry": ("gerald", "gerard"), "jerry": ("gerald", "jeremy", "jerome"),
    "larry": ("lawrence", "laurence"), "ron": ("ronald",), "ronnie": ("ronald",),
    "stan": ("stanley",), "walt": ("walter",), "wally": ("walter",), "zach": ("zachary",),
    "zack": ("zachary",), "jenny": ("jennifer",), "jen": ("jennifer",),
    "jess": ("jessica",), "jessie": ("jessica",), "vicky": ("victoria",),
    "vicki": ("victoria",), "tori": ("victoria",), "becky": ("rebecca",),
    "becca": ("rebecca",), "debbie": ("deborah",), "deb": ("deborah",), "patty": ("patricia",),
    "patsy": ("patricia",), "trish": ("patricia",), "pat": ("patrick", "patricia"),
    "paddy": ("patrick",), "dot": ("dorothy",), "dottie": ("dorothy",), "polly": ("mary",),
    "molly": ("mary",), "sally": ("sarah",), "sadie": ("sarah",), "jo": ("joanna", "josephine"),
    "aggie": ("agnes",), "nan": ("ann", "anne"), "nancy": ("ann", "anne"),
    "tommy": ("thomas", "tomasz", "tomas"), "tom": ("thomas", "tomasz", "tomas"),
    "tam": ("thomas",), "mo": ("mohammed", "muhammad", "mohamed", "maureen"),
    "alf": ("alfred",), "archie": ("archibald",), "bernie": ("bernard",),
    "benny": ("benjamin",), "danny": ("daniel",), "davy": ("david",), "dave": ("david",),
    "gabe": ("gabriel",), "izzy": ("isabel", "isabella", "isobel"), "jake": ("jacob",),
    "kit": ("christopher",), "lew": ("lewis", "llewellyn"), "lou": ("louis", "louise"),
    "manny": ("manuel",), "matty": ("matthew",), "mitch": ("mitchell",), "monty": ("montgomery",),
    "pete": ("peter",), "phil": ("philip", "phillip"), "ray": ("raymond",), "reg": ("reginald",),
    "sid": ("sidney",), "terry": ("terence", "terrence"), "tim": ("timothy",),
    "timmy": ("timothy",), "val": ("valerie", "valentine"), "vince": ("vincent",),
    "wes": ("wesley",), "abby": ("abigail",), "abbie": ("abigail",), "allie": ("alison",),
    "annie": ("ann", "anne", "anna"), "babs": ("barbara",), "barb": ("barbara",),
    "bea": ("beatrice",), "cindy": ("cynthia",), "connie": ("constance",), "di": ("diana",),
    "ellie": ("eleanor", "elena"), "em": ("emily", "emma"), "fran": ("frances",),
    "frankie": ("francis", "frances"), "gail": ("abigail",), "ginny": ("virginia",),
    "gwen": ("gwendolyn",), "kim": ("kimberly", "kimberley"), "lexi": ("alexandra",),
    "lottie": ("charlotte",), "lucy": ("lucinda",), "mandy": ("amanda",), "millie": ("amelia",),
    "mimi": ("miriam",), "nell": ("eleanor", "helen"), "nellie": ("eleanor", "helen"),
    "pam": ("pamela",), "penny": ("penelope",), "rosie": ("rosemary", "rosalind"),
    "steph": ("stephanie",), "tess": ("theresa", "teresa"), "tessa": ("theresa", "teresa"),
    "trudy": ("gertrude",), "winnie": ("winifred",),
}


@lru_cache(maxsize=4096)
def same_given_name(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` one given name: equal, a listed short form of the other, or the
    shorter (three letters or more, two short) beginning the longer, which does not end
    in "a", "e" or "y"? Case-insensitive."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if a == b:
        return True
    if b in _SHORT_FORMS.get(a, ()) or a in _SHORT_FORMS.get(b, ()):
        return True
    short, long = sorted((a, b), key=len)
    if len(short) < 3 or len(long) < len(short) + 2 or not long.startswith(short):
        return False  # (not "Joe" and "Joel")
    return not long.endswith(("a", "e", "y"))  # "Paula", "Danielle", "Roberta": another's
