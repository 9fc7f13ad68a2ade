"""Entity linking: aliases, hashtags, handles and the things that are not entities.

Most tests give NER spans by hand (``link_entities``) so they test the linking, not a model.
"""

from __future__ import annotations

import re

import pytest

from echoscope.analyzers.common import clean_name
from echoscope.analyzers.entities import EntityLinker, link_entities, rule_entities, split_camel
from echoscope.analyzers.posts import extract_posts
from echoscope.doc import Doc, entity_id

TEXT = (
    "Councillor Maya Okafor backed the closure, and Mayor Dan Reyes praised her. Okafor said "
    "the vote was hard. Critics were unmoved.\n\n"
    "Honey, nobody believes you. #MayaOkafor #okafor @Maya_Okafor #SaveEastside "
    "— Reader One (@readerone) March 14, 2022\n\n"
    "The group Friends of Eastside Library said Reyes should resign."
)


def spans(*names_labels):
    """NER spans for the first occurrence of each (surface, label)."""
    out = []
    for surface, label in names_labels:
        i = TEXT.index(surface)
        out.append((i, i + len(surface), label))
    return out


def doc():
    d = Doc(text=TEXT, source="t")
    d.posts = extract_posts(TEXT)
    return d


def analysed(text: str, names: list[str]) -> Doc:
    """``text`` through the named analyzers, as the pipeline runs them."""
    from echoscope import load_settings
    from echoscope.pipeline import build_pipeline
    from echoscope.readers.text import parse_text

    return build_pipeline(load_settings(), names)(parse_text(text, "t"))


def by_name(entities):
    return {e.name: e for e in entities}


def linked(text: str, raw) -> dict:
    """:func:`link_entities` over ``text`` (its posts extracted first) with the model's
    spans ``raw``, by name."""
    d = Doc(text=text, source="t")
    d.posts = extract_posts(text)
    return by_name(link_entities(d, raw))


def test_surnames_hashtags_and_handles_resolve_to_the_full_name():
    d = doc()
    raw = spans(("Maya Okafor", "PERSON"), ("Dan Reyes", "PERSON"), ("Honey", "ORG"))
    i = TEXT.index("Okafor said")
    raw.append((i, i + 6, "ORG"))  # the model's wrong label does not matter
    j = TEXT.rindex("Reyes")
    raw.append((j, j + 5, "GPE"))
    ents = by_name(link_entities(d, raw))
    okafor = ents["Maya Okafor"]
    assert okafor.type == "person"
    assert {"Okafor", "#MayaOkafor", "#okafor", "@Maya_Okafor"} <= set(okafor.aliases)
    assert len(okafor.mentions) == 5
    assert ents["Dan Reyes"].type == "person" and len(ents["Dan Reyes"].mentions) == 2
    assert "Honey" not in ents  # a vocative opening a sentence
    assert all(not n.startswith("#") for n in ents)
    in_post = [m for m in okafor.mentions if m.post is not None]
    assert in_post and all(m.post == 0 for m in in_post)
    for e in ents.values():
        for m in e.mentions:
            assert TEXT[m.start:m.end] == m.text


def test_a_surname_inside_a_hyphenated_name_and_a_dotted_handle_are_not_short_names():
    """"Ogden" in "Rosa Marsh-Ogden" is not Paul Ogden, nor is "Ogden-Smith" or "the Ogden"
    (a boat); Instagram's "@rosa.marshogden" is one handle (hers), never "@rosa"."""
    text = ("Paul Ogden died in 2015. His widow Rosa Marsh-Ogden thanked friends, and "
            "Ogden's old colleague Ken Ogden-Smith spoke. Follow @rosa.marshogden for "
            "updates. Ogden is missed. He sailed the Ogden, a boat named for him.")
    d = Doc(text=text, source="t")
    raw = [(text.index(n), text.index(n) + len(n), "PERSON")
           for n in ("Paul Ogden", "Rosa Marsh-Ogden", "Ken Ogden-Smith")]
    ents = by_name(link_entities(d, raw))
    paul = ents["Paul Ogden"]
    assert [text[m.start:m.end + 2] for m in paul.mentions] == ["Paul Ogden d", "Ogden's",
                                                                "Ogden i"]
    rosa = ents["Rosa Marsh-Ogden"]
    assert "@rosa.marshogden" in rosa.aliases and "@rosa" not in rosa.aliases
    assert all("@rosa" not in e.aliases for e in ents.values())


def test_the_rules_backend_takes_no_date_or_sentence_opener_for_a_person():
    """The ``fast`` profile's capitalised-name rule: "In July" (with July used again) is
    no one, "Even Brisk" is Brisk's sentence, not a name; a title is not part of one; a
    council or a radio station is an organisation."""
    text = ("In July the council met. Harold Brisk spoke first. Even Brisk agreed that July "
            "was late. Deputy Mayor Ana Ruiz said little; Ruiz left early. On Monday it "
            "rained, and Monday is market day. Ashby District Council and Radio Pellow "
            "covered it; the Council and Pellow disagreed. Margaret Court watched; Court "
            "said nothing. Later Ruiz spoke again. Including Brisk, six members voted.")
    doc = analysed(text, ["posts", "entities_rules"])
    people = {e.name for e in doc.entities if e.type == "person"}
    assert {"Harold Brisk", "Ana Ruiz", "Margaret Court"} <= people  # Court: a surname too
    orgs = {e.name for e in doc.entities if e.type == "organization"}
    assert {"Ashby District Council", "Radio Pellow"} <= orgs
    assert not people & {"In July", "Even Brisk", "Deputy Mayor Ana", "Mayor Ana",
                         "On Monday", "Later Ruiz", "Including Brisk"}
    assert not any(w in name for name in people for w in ("July", "Monday", "Deputy"))
    # Nor a holiday (a fresh audit's "Pellmarsh Christmas" market, a person, then
    # "Christmas" alone underlined as them, inside a post too).
    text = ("Pellmarsh Christmas market cancelled after storm\n\nThe Pellmarsh Christmas "
            "market was cancelled on Friday. Traders said Christmas would be quiet.")
    doc = analysed(text, ["posts", "entities_rules"])
    assert not [e.name for e in doc.entities if "Christmas" in e.name]
    # A holiday that is a surname is one (a reviewer's "Tom Easter").
    text = ("Tom Easter, the chief executive of Ashby Water, resigned on Monday. Easter said "
            "he took full responsibility.")
    assert "Tom Easter" in {e.name for e in analysed(text, ["posts", "entities_rules"]).entities}
    text = ("Molly Christmas lights up the stage at the Corn Hall. Christmas, 24, said she "
            "loved it.")
    assert "Molly Christmas" in {e.name for e in analysed(text, ["posts", "entities_rules"])
                                 .entities}


def test_the_rules_backend_reads_an_office_before_a_name_as_no_part_of_it():
    """Fresh audits' `fast` rows "Congressman Tom Vance" and "Congressman Vance", and
    "Premier Lindqvist" beside "Premier Astrid Lindqvist": one person each; "Premier
    League", "Premier Inn" and "Premier Foods" keep their first word."""
    text = ("Congressman Tom Vance spoke on Monday. Congressman Vance left early. Premier "
            "Astrid Lindqvist said the pipeline would go ahead. Later, Premier Lindqvist "
            "left. Councilwoman Rosa Diaz agreed. Meteorologist Chris Dunlap of the weather "
            "service said ice was likely. \"That is enough,\" Dunlap said.")
    doc = analysed(text, ["posts", "entities_rules"])
    people = {e.name: [m.text for m in e.mentions] for e in doc.entities if e.type == "person"}
    assert people["Tom Vance"] == ["Tom Vance", "Vance"]
    assert people["Astrid Lindqvist"] == ["Astrid Lindqvist", "Lindqvist"]
    assert "Rosa Diaz" in people and "Chris Dunlap" in people
    text = ("Premier League clubs met the owners of Premier Inn and Premier Foods on Monday. "
            "Premier Foods said it would pay.")
    names = {e.name for e in analysed(text, ["posts", "entities_rules"]).entities}
    assert not names & {"League", "Inn", "Foods"}


def test_the_rules_backend_reads_long_names_whole_and_no_product_as_a_person():
    """A five-word group's name is one organisation, not two fragments taken for people
    (the audit found "Save Linden Street" and "Street Library"), nor is one after a
    possessive; a name whose last word always comes before a model's number ("Luma Pods
    3") is a product's, no one's."""
    text = ("The Save Linden Street Library group handed a petition to the council on Monday. "
            "Organiser Priya Nandakumar said the branch served hundreds of families; "
            "Nandakumar thanked volunteers, and a Save Linden Street Library spokesman thanked "
            "the council. The Luma Pods 3 are the firm's third "
            "earbuds, and the Luma Pods 3 cost less than the Luma Pods 2 did.")
    doc = analysed(text, ["posts", "entities_rules"])
    found = {(e.name, e.type) for e in doc.entities}
    assert ("Save Linden Street Library", "organization") in found
    assert ("Priya Nandakumar", "person") in found
    assert not any(w in name for name, _ in found for w in ("Luma", "Pods"))
    assert {name for name, _ in found} == {"Save Linden Street Library", "Priya Nandakumar"}
    # A surname the text uses alone stays a person's before a number (a scorer's
    # minute), as does one before a year; a role before a name is no part of it.
    text = ("Scorers: Erling Haaland 23, Phil Foden 67. Haaland and Foden were outstanding. "
            "Manchester United Manager Ruben Amorim praised them; Amorim was calm. The Hay "
            "Festival Director Julia Bird said Bird's team and the Hay Festival were ready.")
    doc = analysed(text, ["posts", "entities_rules"])
    found = {(e.name, e.type) for e in doc.entities}
    assert {("Erling Haaland", "person"), ("Phil Foden", "person"), ("Ruben Amorim", "person"),
            ("Julia Bird", "person"), ("Hay Festival", "organization")} <= found
    assert all(len(name.split()) <= 3 for name, _ in found)
    # Nor is a time, a count or a score after a name a model's number.
    text = ("Updated by Jane Smith 10:42 GMT. Posted by Maria Lopez 2 hours ago. Updated by "
            "Jane Smith 11:05 GMT; Maria Lopez 1 hour ago. Bukayo Saka 12 goals. Bukayo "
            "Saka 12 goals.")
    found = {(e.name, e.type) for e in analysed(text, ["posts", "entities_rules"]).entities}
    assert {("Jane Smith", "person"), ("Maria Lopez", "person"),
            ("Bukayo Saka", "person")} <= found
    text = ("Labour's West Yorkshire Combined Authority met; the Authority agreed. Bristol "
            "City 2 Cardiff City 1.")
    found = {(e.name, e.type) for e in analysed(text, ["posts", "entities_rules"]).entities}
    assert found == {("West Yorkshire Combined Authority", "organization"),
                     ("Bristol City", "organization"), ("Cardiff City", "organization")}


def test_a_tables_cell_opens_like_a_sentence():
    """A specification table's cell heads ("| Battery | 8 hours |") are no names unless
    the text writes them mid-sentence too (the audit found "Battery" a place and "Spec" a
    person); a person's name in a cell stays one."""
    text = ("We tested the earbuds for two weeks.\n\n| Spec | Value |\n|---|---|\n"
            "| Battery | 8 hours |\n| Tester | Ruth Okoye |\n\nOkoye found the case stiff.")
    raw = [_at(text, "Spec", "PERSON"), _at(text, "Battery", "GPE"),
           _at(text, "Ruth Okoye", "PERSON"), _at(text, "Okoye", "PERSON", nth=1)]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert set(ents) == {"Ruth Okoye"}
    assert [m.text for m in ents["Ruth Okoye"].mentions] == ["Ruth Okoye", "Okoye"]


def test_entity_ids_are_stable_and_depend_on_the_name():
    assert entity_id("person", "Maya Okafor") == entity_id("person", "maya  okafor")
    assert entity_id("person", "Maya Okafor") != entity_id("organization", "Maya Okafor")


def test_rule_entities_find_titled_people_and_apposed_organisations():
    found = {TEXT[s:e]: label for s, e, label in rule_entities(TEXT)}
    assert found["Maya Okafor"] == "PERSON"
    assert found["Dan Reyes"] == "PERSON"
    assert found["Friends of Eastside Library"] == "ORG"
    # A title ends its line: the name after it is on the same line.
    text = "Of Which He Is A Chief Architect\n\nAssociated Press reported the meeting."
    assert [label for *_, label in rule_entities(text)] == []


def test_split_camel():
    assert split_camel("AlyssaMilano") == "Alyssa Milano"
    assert split_camel("MeToo") == "Me Too"
    assert split_camel("NYC") == "NYC"


def test_with_the_spacy_model():
    d = EntityLinker()(doc())
    ents = by_name(d.entities)
    assert ents["Maya Okafor"].type == "person"
    assert {"#MayaOkafor", "@Maya_Okafor"} <= set(ents["Maya Okafor"].aliases)
    assert not any(re.search(r"[#@]|Reader One", n) for n in ents)  # signatures are not prose


def test_platforms_are_products_and_country_variants_are_one_place(settings):
    from echoscope.pipeline import build_pipeline
    from echoscope.readers.text import parse_text

    text = ("Senator Rosa Delgado told Twitter users that the U.S. would act. Delgado said "
            "America had waited too long, and that the US economy could take it.\n\n"
            "Later on TikTok, Delgado's staff posted a video. Delgado's critics were unmoved.")
    doc = build_pipeline(settings, ["posts", "entities"])(parse_text(text, "t"))
    by_name = {e.name: e for e in doc.entities}
    assert by_name["Twitter"].type == "product" and "Twitter" not in {
        e.name for e in doc.entities if e.type == "person"}
    us = [e for e in doc.entities if e.name == "United States"]
    assert len(us) == 1 and len(us[0].mentions) >= 2
    delgado = by_name["Rosa Delgado"]
    starts = {text[m.start:m.end] for m in delgado.mentions}
    assert len(delgado.mentions) >= 4 and starts <= {"Rosa Delgado", "Delgado"}


def test_a_firm_named_for_its_founders_is_not_them():
    """"Okafor & Lind" is the company, not Chidi Okafor: no surname joined by "&" is a
    mention of the person, whatever the model called it."""
    text = ("Chidi Okafor and Sanna Lind founded Okafor & Lind in 2015. Okafor & Lind's "
            "sales rose. Okafor said the firm would grow; Lind agreed. Okafor & Lind hired.")
    d = Doc(text=text, source="t")
    last = text.rindex("Okafor & Lind")
    raw = [(text.index("Chidi Okafor"), text.index("Chidi Okafor") + 12, "PERSON"),
           (text.index("Sanna Lind"), text.index("Sanna Lind") + 10, "PERSON"),
           (text.index("Okafor & Lind"), text.index("Okafor & Lind") + 13, "ORG"),
           (last, last + 6, "ORG")]  # the model's "Okafor" alone, in the firm's name
    ents = by_name(link_entities(d, raw))
    assert [text[m.start:m.end] for m in ents["Chidi Okafor"].mentions] == ["Chidi Okafor",
                                                                           "Okafor"]
    assert len(ents["Sanna Lind"].mentions) == 2  # "Sanna Lind", "Lind agreed"
    assert "Okafor & Lind" in ents and ents["Okafor & Lind"].type == "organization"
    # In a title-case headline only a legal suffix makes a firm ("Partners With" a verb).
    text = "Vance Partners With Acme On Depot\n\nTom Vance said the depot would open."
    ents = by_name(link_entities(Doc(text=text, source="t"), [_at(text, "Tom Vance", "PERSON")]))
    assert [m.text for m in ents["Tom Vance"].mentions] == ["Vance", "Tom Vance"]
    # Nor is the first word of a firm's name that the text writes with its suffix.
    text = ("Rosalind Pennick ran the depot. Pennick Freight Ltd was fined. Pennick said "
            "sorry, and Pennick Holdings paid.")
    ents = by_name(link_entities(Doc(text=text, source="t"),
                                 [_at(text, "Rosalind Pennick", "PERSON")]))
    assert [m.text for m in ents["Rosalind Pennick"].mentions] == ["Rosalind Pennick",
                                                                   "Pennick"]


def test_a_word_of_a_longer_name_is_that_name_not_a_person():
    """Where the text writes out a longer name it knows, a word of it is that name's:
    "Lennox" of "Lennox Homes" is not Jamie Lennox, "Hatch" of "Homes for Hatch" not Ada
    Hatch — whether the model marked the word alone or not at all; the person's own full
    name written out (a post's signature) is their mention."""
    text = ("Jamie Lennox, a nurse, is no relation of Lennox Homes. Ada Hatch backs the plan. "
            "Homes for Hatch opposes it. Lennox Homes' director spoke. Homes for Hatch said "
            "no. Lennox replied.\n\nWe need homes. \u2014 Jamie Lennox (@jl77) May 2, 2024")
    d = Doc(text=text, source="t")
    d.posts = extract_posts(text)

    def at(surface, label, nth=0):
        i = [m.start() for m in re.finditer(re.escape(surface), text)][nth]
        return (i, i + len(surface), label)

    raw = [at("Jamie Lennox", "PERSON"), at("Lennox Homes", "ORG"), at("Ada Hatch", "PERSON"),
           at("Homes for Hatch", "ORG"), at("Hatch", "PERSON", 2)]  # "Hatch" of the second
    ents = by_name(link_entities(d, raw))
    said = lambda name: [text[m.start:m.end] for m in ents[name].mentions]  # noqa: E731
    assert said("Jamie Lennox") == ["Jamie Lennox", "Lennox", "Jamie Lennox", "@jl77"]
    assert said("Ada Hatch") == ["Ada Hatch"]
    assert said("Homes for Hatch") == ["Homes for Hatch", "Homes for Hatch"]
    assert "Hatch" not in ents


def test_a_word_the_model_calls_a_place_is_no_ones_first_name():
    """A group the model calls a person ("Millbrook Matters") gives its first word to no
    one the model calls a place or organisation: "in Millbrook" is the town. A first name
    the model reads as a person still links, even beside a place of that name ("Victoria
    Station"), and a surname typed as a place stays the person's."""
    text = ("Millbrook Matters, a Facebook group, met. Millbrook District Council will vote. "
            "We rented in Millbrook for years. Victoria Beckham opened a shop near Victoria "
            "Station. Victoria smiled. Rashida Tlaib spoke; Tlaib left.")
    d = Doc(text=text, source="t")

    def at(surface, label):
        i = text.index(surface)
        return (i, i + len(surface.split(" (")[0]), label)

    raw = [(0, 17, "PERSON"), at("Millbrook District Council", "ORG"),
           (text.index("Millbrook for"), text.index("Millbrook for") + 9, "GPE"),
           at("Victoria Beckham", "PERSON"), at("Victoria Station", "FAC"),
           (text.index("Victoria smiled"), text.index("Victoria smiled") + 8, "PERSON"),
           at("Rashida Tlaib", "PERSON"),
           (text.index("Tlaib left"), text.index("Tlaib left") + 5, "GPE")]
    ents = by_name(link_entities(d, raw))
    assert [m.text for m in ents["Millbrook Matters"].mentions] == ["Millbrook Matters"]
    assert ents["Millbrook"].type == "place"
    assert [m.text for m in ents["Victoria Beckham"].mentions] == ["Victoria Beckham",
                                                                    "Victoria"]
    assert [m.text for m in ents["Rashida Tlaib"].mentions] == ["Rashida Tlaib", "Tlaib"]


def test_a_name_does_not_end_with_a_small_word():
    from echoscope.analyzers.common import clean_name

    assert clean_name("Jess Whitford Head of") == "Jess Whitford Head"
    assert clean_name("Ana Ruiz and the") == "Ana Ruiz"
    assert clean_name("Police Service of") == "Police Service"
    assert clean_name("Ludwig van Beethoven") == "Ludwig van Beethoven"


def test_a_name_does_not_run_on_past_a_short_line():
    """A contact block's "Jess Whitford" / "Head of Communications": the name ends at its
    line, and no name ends with a small word ("of" was linked as her surname); a name
    wrapped across two lines of prose stays whole, however narrow the column."""
    text = ("The firm will ship the device in October, and the price of the device will be "
            "announced then by its founder Jess\nWhitford, who has run the company for six "
            "years.\n\nMedia contact\nJess Whitford\nHead of Communications, Pellow Robotics\n"
            "press@pellow.example\n\nThe price of parts and the cost of labour of the staff "
            "went up.")
    doc = analysed(text, ["posts", "entities"])
    people = {e.name: e for e in doc.entities if e.type == "person"}
    assert "Jess Whitford" in people
    assert not any(n.split()[-1].islower() for n in people)
    assert all(m.text[0].isupper() for e in doc.entities for m in e.mentions)
    assert not any("Head" in n for n in people)
    cut = analysed("Media contact\nJess Whitford\nHead of Communications\nWhitford will "
                   "answer questions.", ["posts", "entities"])
    assert "Communications" not in {e.name for e in cut.entities}  # one word left: none
    narrow = ("The council met to debate the chair, Councillor\nMargaret Whitford, who "
              "said the budget\nwas tight. Whitford left early. The deputy Harold\n"
              "Pennington agreed; Pennington voted yes.")
    for names in (["posts", "entities"], ["posts", "entities_rules"]):
        people = {e.name for e in analysed(narrow, names).entities if e.type == "person"}
        assert {"Margaret Whitford", "Harold Pennington"} <= people, names
        assert not people & {"Councillor", "Harold"}, names


def test_the_rules_backend_reads_no_name_in_a_headline_or_a_firm():
    text = ("Defiant Maya Lind Wins Pellow Robotics Vote\n\n"
            "Pellow Robotics said on Monday that Marlowe would ship in October. Maya Lind "
            "leads the team; Lind said the launch went well.\n\n"
            "Photo: Maya Lind with Tom Vance at Pellow Harbour.\n\n"
            "Tom Vance beat Omar Reyes in Pellow East.\n\nVance and Reyes shook hands at "
            "Tidewater Café; Tidewater Café was full. Coach Bruce Arena watched; Arena "
            "left.")
    doc = analysed(text, ["posts", "entities_rules"])
    people = {e.name for e in doc.entities if e.type == "person"}
    # The headline's capitals are style; a caption or a one-line sentence names people.
    assert people == {"Maya Lind", "Tom Vance", "Omar Reyes", "Bruce Arena"}
    assert {"Pellow Robotics", "Tidewater Café"} <= {e.name for e in doc.entities
                                                      if e.type == "organization"}


def test_titles_without_a_full_stop_roles_and_letters_after_a_name_are_not_part_of_it():
    """British style ("Mr Adeyemi", "Ms Osei-Bonsu", "Dr Roa"), roles written like titles
    ("Comedian Dev Raman") and post-nominals ("KC", "MP") leave one person, not two; in the
    `fast` profile too, where hyphenated and accented names are one name."""
    from echoscope.analyzers.common import clean_name

    assert clean_name("Ms Osei-Bonsu", person=True) == "Osei-Bonsu"
    assert clean_name("Harriet Osei-Bonsu KC", person=True) == "Harriet Osei-Bonsu"
    assert clean_name("Mr Ann Lee MP", person=True) == "Ann Lee"
    for written in ("Republican Harold Vance", "Democrat Harold Vance", "Speaker Harold Vance"):
        assert clean_name(written, person=True) == "Harold Vance"  # a fresh audit's
    assert clean_name("Coun. Priya Dhaliwal", person=True) == "Priya Dhaliwal"  # a Canadian
    # councillor's (a fresh audit's "Coun" was someone of its own)
    assert clean_name("Cr Rosa Penhaligon", person=True) == "Rosa Penhaligon"  # an
    # Australian councillor's (a fresh audit's "Cr Penhaligon" was someone of its own)
    # The letters the post layer already knew as a person's (one list for both layers).
    for name in ("Ruth Ebbers MLA", "Dr Kate Doe, RN", "Sir Alan Pike KBE", "Ed Moss MD"):
        assert clean_name(name, person=True).split()[-1] in {"Ebbers", "Doe", "Pike", "Moss"}
    assert clean_name("Striker Jonas Kessler", person=True) == "Jonas Kessler"
    assert clean_name("Substitute Callum Ferrier-Boateng", person=True) == \
        "Callum Ferrier-Boateng"  # an audit's match report
    assert clean_name("Organiser Deborah Lin", person=True) == "Deborah Lin"
    assert clean_name("Headteacher Sam Ode", person=True) == "Sam Ode"
    assert clean_name("Sheriff Dolores Vance", person=True) == "Dolores Vance"
    assert clean_name("Mr", person=True) == "Mr"  # a title alone: the caller drops it
    assert clean_name("Miss Ana Ruiz", person=True) == clean_name("Mx Ana Ruiz",
                                                                  person=True) == "Ana Ruiz"
    # Not a person: as written ("Dr Pepper", "Coach USA", "Sporting KC", "DR Congo").
    for name in ("Dr Pepper", "Coach USA", "Sporting KC", "DR Congo", "Miss Saigon"):
        assert clean_name(name) == name
    assert clean_name("dr pepper", person=True) == "dr pepper"  # as written: capitals
    text = ("Prosecutor Harriet Osei-Bonsu KC told jurors the fire was deliberate. Ms "
            "Osei-Bonsu said the motive was money. Comedian Dev Raman laughed; Raman left. "
            "Nadia Frost-Ibáñez spoke next, and Frost-Ibáñez sat down.")
    for names in (["posts", "entities"], ["posts", "entities_rules"]):
        people = {e.name: e for e in analysed(text, names).entities if e.type == "person"}
        assert {"Harriet Osei-Bonsu", "Dev Raman"} <= set(people), names
        assert not any(w in name for name in people
                       for w in ("Prosecutor", "Comedian", "KC", "Ms")), names
        assert len(people["Harriet Osei-Bonsu"].mentions) == 2, names
    assert "Nadia Frost-Ibáñez" in people  # the rule's (spaCy's small model misses her here)


def _at(text, surface, label, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(surface, i + 1)
    return (i, i + len(surface), label)


def test_a_surname_two_people_share_is_no_ones_first_name():
    """Two Harlands and a firm the model calls a person ("Harland Timber"): the bare
    "Harland" is neither person (ambiguous) nor the firm (a surname, not a first name)."""
    text = ("Jo Harland runs for mayor. Her husband, Ed Harland, owns Harland Timber. "
            "Harland said the firm was his.")
    raw = [_at(text, "Jo Harland", "PERSON"), _at(text, "Ed Harland", "PERSON"),
           _at(text, "Harland Timber", "PERSON"), _at(text, "Harland said", "PERSON")]
    raw[-1] = (raw[-1][0], raw[-1][0] + 7, "PERSON")
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert [m.text for m in ents["Harland Timber"].mentions] == ["Harland Timber"]
    for person in ("Jo Harland", "Ed Harland"):
        assert [m.text for m in ents[person].mentions] == [person]


def test_a_word_written_as_a_place_is_not_a_persons_surname():
    """A surname the model calls a place or organisation, where the text writes it as a
    place — after "in" or "near", joined to a name by "at" or "of", before a street word
    — is the place; with a possessive, or as a sentence's subject, it is still the
    person's."""
    text = ("Co-author Lena Austin, who now works at the University of Texas at Austin, "
            "agreed. Councillor Sarah Derby said a similar scheme in Derby had failed. "
            "Austin said more data was needed. Traffic on Derby Road was light. "
            "In Derby's view the lane works. Speaking of Austin, she wrote a blog post.")
    raw = [_at(text, "Lena Austin", "PERSON"), _at(text, "University of Texas", "ORG"),
           _at(text, "Austin,", "GPE", 1), _at(text, "Sarah Derby", "PERSON"),
           _at(text, "Derby had", "ORG"), _at(text, "Austin said", "GPE"),
           _at(text, "Derby's", "ORG"), _at(text, "Austin, she", "GPE")]
    raw = [(s, s + len(text[s:e].split()[0].rstrip(",'’s")) if lab != "PERSON"
            and text[s:e].split()[0] != "University" else e, lab) for s, e, lab in raw]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert [m.text for m in ents["Lena Austin"].mentions] == ["Lena Austin", "Austin",
                                                               "Austin"]
    assert ents["Lena Austin"].mentions[1].start == text.index("Austin said")
    assert ents["Lena Austin"].mentions[2].start == text.index("Austin, she")  # a subject
    assert ents["Austin"].type == "place"
    derby = [(m.text, m.start) for m in ents["Sarah Derby"].mentions]
    assert ("Derby", text.index("Derby had")) not in derby
    assert ("Derby", text.index("Derby Road")) not in derby
    assert ("Derby", text.index("Derby's")) in derby
    # Whom people rally around, trust or believe in is a person, whatever the model says.
    text = ("Donald Trump held a rally. Republicans rallied around Trump, voters lost trust "
            "in Trump, they believe in Trump. Trump spoke near Trump Tower.")
    raw = [_at(text, "Donald Trump", "PERSON")] + [
        (i, i + 5, label) for i, label in zip(
            [text.index("Trump,"), text.index("Trump, they"), text.index("Trump. Trump")],
            ["ORG", "GPE", "ORG"], strict=True)]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert set(ents) == {"Donald Trump"}
    assert [m.text for m in ents["Donald Trump"].mentions] == ["Donald Trump"] + ["Trump"] * 4


def test_titles_in_handles_and_british_titles_are_not_part_of_the_name():
    """"Cllr Derby" is Sarah Derby, and so are @CllrSarahDerby and an account whose
    display name carries the title."""
    text = ("Cllr Sarah Derby defended the lane. 'We listened,' Cllr Derby said.\n\n"
            "The lane stays. #BusLane\n— Cllr Sarah Derby (@CllrSarahDerby) June 1, 2022\n\n"
            "Critics wrote to @CllrSarahDerby again.")
    raw = [_at(text, "Sarah Derby", "PERSON"), _at(text, "Cllr Derby", "ORG")]
    ents = linked(text, raw)
    person = ents["Sarah Derby"]
    assert person.type == "person" and "Cllr Derby" not in ents
    assert [m.text for m in person.mentions][:2] == ["Sarah Derby", "Derby"]  # "Cllr Derby"
    assert [m.text for m in person.mentions].count("@CllrSarahDerby") == 2
    # A handle no post of the article signs: its title is taken off too.
    text = "Residents wrote to @MayorAnaRuiz on Monday. Mayor Ana Ruiz did not reply."
    ents = by_name(link_entities(Doc(text=text, source="t"), [_at(text, "Ana Ruiz", "PERSON")]))
    assert [m.text for m in ents["Ana Ruiz"].mentions] == ["@MayorAnaRuiz", "Ana Ruiz"]
    # Not a title written as one, or not before a person's name: no link.
    text = "Staff at NBC and Apple replied. Fans wrote to @msnbc, @MrApple and @ChiefApple."
    ents = by_name(link_entities(Doc(text=text, source="t"), [_at(text, "NBC", "ORG"),
                                                               _at(text, "Apple", "ORG")]))
    assert [m.text for m in ents["NBC"].mentions] == ["NBC"]
    assert [m.text for m in ents["Apple"].mentions] == ["Apple"]


def test_capitals_of_emphasis_are_not_names_but_acronyms_are():
    """Familiar English words in capitals are emphasis in a run of three or more ("THIS
    BAR IS OPEN") or after "a" with no noun after them ("a LOT of"); alone or as a
    modifier a familiar word in capitals is often an acronym ("according to WHO", "an ICE
    agent") and stays a name, as two words in capitals ("the WORLD BANK") and an
    unfamiliar one (NASA) do. A place stays a place."""
    text = ("The plan drew a LOT of comment. One sign read THIS BAR IS OPEN. Staff at NASA "
            "said nothing, according to WHO, an ICE agent and the WORLD BANK too, and "
            "officials in the US agreed.")
    raw = [_at(text, "LOT", "ORG"), _at(text, "BAR", "ORG"), _at(text, "NASA", "ORG"),
           _at(text, "WHO", "ORG"), _at(text, "ICE", "ORG"), _at(text, "WORLD BANK", "ORG"),
           _at(text, "US", "GPE")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert set(ents) == {"NASA", "WHO", "ICE", "WORLD BANK", "United States"}


def test_a_street_or_a_town_hall_is_not_a_person():
    """Two-word names the model calls people but that open with a word of places and
    organisations ("Town Hall", "City Hall") or end with a street word ("Wall Street")
    are not people, so they do not make a surname ambiguous: "Hall" is still Tom Hall."""
    text = ("Town Hall officials met on Monday. Councillor Tom Hall said the scheme was fair. "
            "Hall added that City Hall would review it. Wall Street was not consulted.")
    raw = [_at(text, "Town Hall", "PERSON"), _at(text, "Tom Hall", "PERSON"),
           (text.index("Hall added"), text.index("Hall added") + 4, "PERSON"),
           _at(text, "City Hall", "PERSON"), _at(text, "Wall Street", "PERSON")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert {n for n, e in ents.items() if e.type == "person"} == {"Tom Hall"}
    assert ents["Town Hall"].type == ents["City Hall"].type == "organization"
    assert ents["Wall Street"].type == "place"
    assert [m.text for m in ents["Tom Hall"].mentions] == ["Tom Hall", "Hall"]


def test_a_surname_inside_someone_elses_name_is_not_theirs():
    """"By Rafael Quispe Mamani" is the reporter, not the trader Teodora Quispe: a surname
    right after another capitalised name word (a first name not the person's own) is a
    word of another name. After a title, a possessive, a word in capitals or a word that
    opens its sentence, it is the person's."""
    text = ("Mine halts expansion\n\nBy Rafael Quispe Mamani\n\nThe trader Teodora Quispe said "
            "the water was gone. When Quispe spoke, Minister Quispe was not there; Quispe "
            "Monday said more, and the UN's Quispe file grew. Imagine Quispe rich. "
            "(Reporting by Rafael Quispe Mamani in Lima.)")
    raw = [_at(text, "Teodora Quispe", "PERSON")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    starts = [m.start for m in ents["Teodora Quispe"].mentions]
    assert text.index("Quispe Mamani") not in starts
    assert text.rindex("Quispe Mamani") not in starts
    for said in ("Quispe spoke", "Quispe was not", "Quispe Monday", "Quispe file",
                 "Quispe rich"):
        assert text.index(said) in starts, said
    # A month, a place or group the article names, a word after "at": no first
    # name, so the surname after it is hers.
    text = ("Ana Okafor won the seat. In March Okafor returned. Working at Reuters Okafor "
            "said more. In London Okafor spoke, and the Tory Okafor beat voted too.")
    raw = [_at(text, "Ana Okafor", "PERSON"), _at(text, "London", "GPE"),
           _at(text, "Tory", "NORP")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert len(ents["Ana Okafor"].mentions) == 5


def test_two_surnames_are_the_longer_name_they_end():
    """Spanish double surnames: "García López" alone is María José García López."""
    text = ("Economist María José García López warned about the loan. García López said the "
            "terms were harsh.")
    raw = [_at(text, "María José García López", "PERSON"), _at(text, "García López said",
                                                                "PERSON")]
    raw[1] = (raw[1][0], raw[1][0] + len("García López"), "PERSON")
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert set(ents) == {"María José García López"}
    assert [m.text for m in ents["María José García López"].mentions] == [
        "María José García López", "García López"]


def test_the_rules_backend_types_names_of_common_words_as_organisations():
    """A capitalised name made only of familiar words or words the article also writes in
    lower case ("Fair Kitchen", "Product Safety") is no person for the rules backend."""
    text = ("The campaign Fair Kitchen backed the recall, and the Office for Product Safety "
            "agreed. Ana Morales of Fair Kitchen said product safety came first. Product "
            "Safety staff met Ana Morales on Friday.")
    doc = analysed(text, ["posts", "entities_rules"])
    people = {e.name for e in doc.entities if e.type == "person"}
    assert "Fair Kitchen" not in people and "Product Safety" not in people
    assert "Ana Morales" in people
    # A surname used alone is a person's, whatever words the name is made of.
    doc = analysed("The council leader Mark Brown defended the cuts. Critics said Brown had "
                   "misled voters, and Brown denied it.", ["posts", "entities_rules"])
    assert "Mark Brown" in {e.name for e in doc.entities if e.type == "person"}
    # ... but a word the article also writes in lower case counts as used alone only
    # mid-sentence and by itself: not opening a sentence, nor inside another name.
    doc = analysed("Dunmore Parents wrote to the school. Parents deserve a say, most parents "
                   "agree. Action Fraud took reports. The National Fraud Intelligence Bureau "
                   "said fraud was rising. Sue Baker wrote too; some baker said Baker was "
                   "right. Jeremy Hunt spoke; the hunt for votes went on, and Mr Hunt won.",
                   ["posts", "entities_rules"])
    people = {e.name for e in doc.entities if e.type == "person"}
    assert "Dunmore Parents" not in people and "Action Fraud" not in people
    assert "Sue Baker" in people and "Jeremy Hunt" in people


def test_police_ranks_and_jobs_before_a_name_are_not_part_of_it():
    from echoscope.analyzers.common import clean_name

    for written, name in (("Det Insp Marcus Hale", "Marcus Hale"), ("Supt Angela Lowe",
                          "Angela Lowe"), ("Ch Supt Ann Lee", "Ann Lee"), ("PC Amy Fox",
                          "Amy Fox"), ("Producer Leo Marchetti", "Leo Marchetti")):
        assert clean_name(written, person=True) == name
        assert clean_name(written) == written  # an organisation's name is left as written


def test_a_name_does_not_run_over_a_comma():
    """"Harrowgate Road, Wyebridge" as one span is the road: the comma's text is not part
    of the name (it read "Harrowgate Road Wyebridge")."""
    text = "Police closed Harrowgate Road, Wyebridge, on Monday after a crash."
    raw = [(text.index("Harrowgate"), text.index(", on"), "FAC")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert set(ents) == {"Harrowgate Road"}
    assert [m.text for m in ents["Harrowgate Road"].mentions] == ["Harrowgate Road"]
    # An institution's or a firm's name that lists its remits or partners is whole; a list
    # of separate names, or a place after the comma, is cut.
    text = ("The Department for Environment, Food and Rural Affairs and Smith, Jones and Brown "
            "LLP met the Ministry of Defence, London, and Apple, Google and Microsoft.")
    raw = [_at(text, "The Department for Environment, Food and Rural Affairs", "ORG"),
           _at(text, "Smith, Jones and Brown LLP", "ORG"),
           _at(text, "Ministry of Defence, London", "ORG"),
           _at(text, "Apple, Google and Microsoft", "ORG")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert set(ents) == {"Department for Environment, Food and Rural Affairs",
                         "Smith, Jones and Brown LLP", "Ministry of Defence", "Apple"}


def test_a_word_for_a_kind_of_institution_is_no_organisation_by_itself():
    text = ("The Secretary of State's office said nothing, and the Justice Department "
            "declined to comment; the State Department did too.")
    raw = [(text.index("State's"), text.index("State's") + 5, "ORG"),
           (text.index("Department declined"), text.index("Department declined") + 10, "ORG"),
           _at(text, "State Department", "ORG")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert set(ents) == {"State Department"}


def test_the_rules_backend_reads_names_with_a_capital_inside():
    """The ``fast`` rule reads "O'Connor-Reyes", "McCabe", "MacArthur", "D'Souza" and
    "DeSantis" as name words (it read none: a capital after the first ended the word), and
    still no acronym plural or possessive ("MPs", "EU's") as one."""
    text = ("Maeve O'Connor-Reyes chairs the board. O'Connor-Reyes said the vote was close. "
            "Andrew McCabe and Ruth MacArthur disagreed; McCabe spoke first and MacArthur "
            "last. Ravi D'Souza and Lena DeSantis abstained, and D'Souza and DeSantis left "
            "early. Labour MPs and Tory MPs walked out. The EU's Tusk and the UK's Tusk "
            "statement came later.")
    doc = analysed(text, ["posts", "entities_rules"])
    people = {e.name for e in doc.entities if e.type == "person"}
    assert {"Maeve O'Connor-Reyes", "Andrew McCabe", "Ruth MacArthur", "Ravi D'Souza",
            "Lena DeSantis"} <= people
    assert not any("MPs" in n or "EU" in n or "UK" in n for n in people)
    # A possessive before a name is its owner's: "Labour's Terence Oduya" is Terence Oduya.
    doc = analysed("Labour's Terence Oduya won the seat. Oduya thanked voters. Dr Ana Ruiz "
                   "of King's College London spoke; King's College London agreed.",
                   ["posts", "entities_rules"])
    assert "Terence Oduya" in {e.name for e in doc.entities if e.type == "person"}
    assert "College London" not in {e.name for e in doc.entities}  # an institution's


def test_the_rules_backend_makes_no_person_of_a_name_with_particles():
    """The ``fast`` rule reads no name with particles: "Tour de France", "Banque de
    France", "Costa del Sol" and "Rio de Janeiro" are no people (a particle in a
    capitalised run was tried and made them so)."""
    text = ("The Tour de France starts Saturday. France has hosted it since 1903. Banque de "
            "France said France would pay. Costa del Sol resorts were full; Sol is sunny. "
            "Flights from Rio de Janeiro were cancelled, and Rio de Janeiro stayed shut.")
    doc = analysed(text, ["posts", "entities_rules"])
    assert not [e.name for e in doc.entities if e.type == "person"]


def test_a_common_abbreviation_is_no_one():
    """"SIM swapping", "the VC who pulled a talk" (a vice-chancellor in a headline): no
    organisation called SIM, no one called VC (a fresh audit's)."""
    text = ("'Not censorship', says the VC who pulled a talk\n\nCustomers should watch "
            "for SIM swapping, Dr Reyes said. The VC, Elaine Mabry, agreed.")
    got = _linked(text, [("VC", "ORG"), ("SIM", "ORG"), ("Reyes", "PERSON"),
                         ("Elaine Mabry", "PERSON")])
    assert "VC" not in got and "SIM" not in got and "Elaine Mabry" in got


def test_honorifics_make_people_and_emphasis_words_and_lower_case_words_make_no_one():
    """"Ms Marwick" is a person whatever the model typed it (and no place or firm ending
    in a surname an honorific precedes becomes one: "Capitol Hill"); "Cllr Priya" and
    "Sandhu" side by side are one person; "Miss England" is no one's name; "HIM", "can
    EAT" and "could QUIT" are emphasis (but "CA", "WHO" stay codes); a "person" with a
    lower-case word in it ("Su portavoz", "Bookmark us") is no one, particles aside
    ("Mohammed bin Salman")."""
    text = ("Helena Marwick runs the firm. Ms Marwick said little. Cllr Priya Sandhu objected. "
            "Fans kept calling HIM obsessed, and a fungus that can EAT plastic could QUIT the "
            "lab. Nancy Pelosi (CA) spoke; WHO agreed. Su portavoz dijo. Bookmark us today. "
            "Mohammed bin Salman arrived. Miss England won. On Capitol Hill, Mr Hill voted. "
            "Car parks are FREE. The agency is ICE. The charities are CARE and Oxfam. The "
            "groups are FAIR, a campaign for renters.")
    raw = [_at(text, "Helena Marwick", "ORG"), _at(text, "Ms Marwick", "ORG"),
           _at(text, "FREE", "ORG"), _at(text, "ICE", "ORG"), _at(text, "CARE", "ORG"),
           _at(text, "FAIR", "ORG"),
           _at(text, "Cllr Priya", "ORG"), _at(text, "Sandhu", "PERSON"),
           _at(text, "HIM", "ORG"), _at(text, "EAT", "ORG"), _at(text, "QUIT", "ORG"),
           _at(text, "Nancy Pelosi", "PERSON"), _at(text, "CA", "ORG"), _at(text, "WHO", "ORG"),
           _at(text, "Su portavoz", "PERSON"), _at(text, "Bookmark us", "PERSON"),
           _at(text, "Mohammed bin Salman", "PERSON"), _at(text, "Miss England", "ORG"),
           _at(text, "Capitol Hill", "FAC"), _at(text, "Mr Hill", "PERSON")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert ents["Marwick"].type == "person"
    assert ents["Capitol Hill"].type != "person" and "England" not in ents
    assert ents["Priya Sandhu"].type == "person"
    assert not set(ents) & {"HIM", "EAT", "QUIT", "Su portavoz", "Bookmark us", "Priya",
                            "Sandhu", "Ms Marwick", "FREE"}  # "are FREE" (an audit's post)
    assert ents["Miss England"].type != "person"
    assert {"CA", "WHO", "Mohammed bin Salman", "Nancy Pelosi", "ICE", "CARE", "FAIR"} <= \
        set(ents)


def test_a_body_named_with_and_is_one_name_whatever_pieces_the_model_cut():
    """"the Norbridge and District Youth League" is one organisation (the model gave
    "Norbridge" and "District Youth League"); "the State Department and Central
    Intelligence Agency" are two."""
    text = ("A spokesman for the Norbridge and District Youth League said the ban stands. "
            "Officials at the State Department and Central Intelligence Agency declined.")
    for names in (["posts", "entities"], ["posts", "entities_rules"]):
        orgs = {e.name for e in analysed(text, names).entities}
        assert "Norbridge and District Youth League" in orgs
        assert not {"Norbridge", "District Youth League"} & orgs
        assert "State Department and Central Intelligence Agency" not in orgs


def test_a_post_in_another_language_than_its_article_is_not_read_for_names():
    """The English model finds names in a German or French post that are no one's ("Jede
    Stimme", "Norden"); a post in the article's own language is read as before."""
    text = ("Election night in Valdoria\n\n"
            "The count was close, and the two leaders spoke within the hour. Amaury Delcourt "
            "of the Renewal Alliance thanked his voters in French:\n\n"
            "Merci à tous ceux qui ont voté aujourd'hui. Le pays a choisi la stabilité et "
            "nous allons former un gouvernement pour tous.\n"
            "\u2014 Amaury Delcourt (@adelcourt) May 17, 2027\n\n"
            "Katrien Vogel answered in German:\n\n"
            "Es ist noch nichts entschieden. Jede Stimme wird gezählt, auch im Norden, und "
            "wir warten auf das Ergebnis.\n"
            "\u2014 Katrien Vogel (@kvogel) May 17, 2027\n\n"
            "Her deputy wrote in English:\n\n"
            "Thank you to every volunteer who knocked on doors for Katrien Vogel this year.\n"
            "\u2014 Jonas Brandt (@jbrandt) May 17, 2027\n\n"
            "Observers said voting had been orderly. Delcourt and Vogel meet on Monday.")
    doc = analysed(text, ["posts", "entities"])
    names = {e.name for e in doc.entities}
    assert {"Amaury Delcourt", "Katrien Vogel"} <= names
    assert not names & {"Jede Stimme", "Norden", "Le", "Merci"}
    vogel = next(e for e in doc.entities if e.name == "Katrien Vogel")
    english_post = doc.posts[2]
    assert any(english_post.start <= m.start < english_post.end for m in vogel.mentions)


def test_names_end_where_the_model_ran_them_on():
    """Spans a statistical model runs past a name's end: over a verb ("Nightfall Vipers stun
    Orbital"), a score ("Orbital Esports 3-2"), a spaced dash between two list items; a
    name cut after its title ("Nutritionist Dr") is no one's; a rank before a name the
    model called an organisation makes it a person's. Names with lower-case words of
    their own stay whole ("Hizb ut-Tahrir", "Gaudium et Spes")."""
    text = ("Nightfall Vipers stun Orbital in Lisbon final\n\n"
            "The Vipers beat Orbital Esports 3-2 on Sunday. Show homes open in Brenthaven - "
            "Greyfriars Mews first. Nutritionist Dr Salgado reviewed it. Detective Constable Oyelaran Mbeki "
            "said more was stored. Hizb ut-Tahrir and Gaudium et Spes were cited.")
    raw = [(text.index(s), text.index(s) + len(s), label) for s, label in (
        ("Nightfall Vipers stun Orbital", "ORG"), ("Orbital Esports 3-2", "ORG"),
        ("Brenthaven - Greyfriars Mews", "GPE"), ("Nutritionist Dr", "PERSON"),
        ("Detective Constable Oyelaran Mbeki", "ORG"), ("Hizb ut-Tahrir", "ORG"),
        ("Gaudium et Spes", "ORG"))]
    ents = {e.name: e.type for e in link_entities(Doc(text=text, source="t"), raw)}
    assert ents == {"Nightfall Vipers": "organization", "Orbital Esports": "organization",
                    "Brenthaven": "place", "Oyelaran Mbeki": "person",
                    "Hizb ut-Tahrir": "organization", "Gaudium et Spes": "organization"}


def test_a_name_only_a_title_case_headline_gives_is_no_entity():
    """Capitals in a title-case headline are style: a span the model found only there
    ("Trump Email", "Kills Innocent Homeowner") is no one; a name the body also gives is
    kept, headline mention and all."""
    text = ("Helen Carter Email Sparks Fury Over Costly Pier Plan\n\n"
            "Mayor Helen Carter defended the plan on Monday.")
    raw = [(text.index(s), text.index(s) + len(s), "PERSON")
           for s in ("Helen Carter Email", "Helen Carter defended")]
    raw[1] = (raw[1][0], raw[1][0] + len("Helen Carter"), "PERSON")
    ents = {e.name: len(e.mentions) for e in link_entities(Doc(text=text, source="t"), raw)}
    assert ents == {"Helen Carter": 1} or ents == {"Helen Carter": 2}
    assert "Helen Carter Email" not in ents


def test_a_title_case_headline_may_end_in_a_question_or_an_exclamation():
    """The first line's capitals are style when it ends in "?" or "!" too ("Carter To
    Council In Series Of Posts: 'Stop The Pier NOW!'"); a line that gives someone words
    ("… wrote on X: Thank You Ohio!") and a line further down (a subhead, a live blog's)
    are read as before: their names stay."""
    text = ("Carter Email Sparks Fury Over Pier: \u2018Stop The Plan Now!\u2019\n\n"
            "Mayor Helen Carter defended the plan.\n\n"
            "Great Save By Jessica Okonkwo Tonight!\n\nThe keeper kept her place.")
    raw = [(text.index(s), text.index(s) + len(s), "PERSON")
           for s in ("Carter Email", "Helen Carter", "Jessica Okonkwo")]
    ents = {e.name for e in link_entities(Doc(text=text, source="t"), raw)}
    assert ents == {"Helen Carter", "Jessica Okonkwo"}, ents
    text = ("Dale Whitcombe wrote on X: Thank You Kevin Barlowe And The Great People Of Ohio!"
            "\n\nThe count ended at dawn.")
    raw = [(text.index(s), text.index(s) + len(s), "PERSON")
           for s in ("Dale Whitcombe", "Kevin Barlowe")]
    ents = {e.name for e in link_entities(Doc(text=text, source="t"), raw)}
    assert ents == {"Dale Whitcombe", "Kevin Barlowe"}, ents
    text = "Marta Kowal: \"Why Should Eastmere Pay For Westgate Mistakes?\"\n\nKowal said no."
    raw = [(0, len("Marta Kowal"), "PERSON")]
    assert {e.name for e in link_entities(Doc(text=text, source="t"), raw)} == {"Marta Kowal"}


def test_a_title_only_name_is_not_what_the_body_s_short_names_are():
    """"Trump Vows to Kick CNN's Acosta Out Again": the model's "Trump Vows" and "Kick CNN"
    are the headline's capitals, so the body's "Trump" and "CNN" are themselves, not
    mentions of those (CNN's statement had been given to "Kick CNN")."""
    text = ("Harlow Vows to Kick WKRN\u2019s Pruitt Out Again\n\n"
            "Harlow told reporters that WKRN had broken the rules. Pruitt laughed. "
            "WKRN said it would appeal, and Harlow said nothing.")
    spans = [("Harlow Vows", "PERSON"), ("Kick WKRN", "PERSON"), ("Pruitt", "PERSON"),
             ("Harlow", "PERSON"), ("WKRN", "ORG")]
    raw = []
    for s, label in spans:
        raw += [(m.start(), m.end(), label) for m in re.finditer(re.escape(s), text)
                if not any(a <= m.start() < b for a, b, _ in raw)]
    ents = {e.name: len(e.mentions) for e in link_entities(Doc(text=text, source="t"), raw)}
    assert "Harlow Vows" not in ents and "Kick WKRN" not in ents
    assert ents["Harlow"] == 2 and ents["WKRN"] == 2


def _linked(text, spans):
    raw = []
    for surface, label in spans:
        raw += [(m.start(), m.end(), label) for m in re.finditer(re.escape(surface), text)
                if not any(a <= m.start() < b for a, b, _ in raw)]
    return {e.name: sorted(m.text for m in e.mentions)
            for e in link_entities(Doc(text=text, source="t"), raw)}


@pytest.mark.parametrize("text", [
    # A month that is a first name, the model reading it as a date.
    "Owen Marsh greets you at the door. This is the first restaurant of June Marsh, his "
    "sister. Marsh told me she buys hogget from one farm.",
    # A couple under one surname.
    "Our hosts were Elspeth and Tom Calloway. Calloway drove me to the loch.",
    "Mr and Mrs Calloway run the house with Tom Calloway's brother. Calloway drove.",
    # A first name the model missed.
    "The firm, said Mireille Dufresne, was founded with Tom Calloway. Later Dufresne "
    "left, and the board thanked Jonas Dufresne. Dufresne said little.",
])
def test_a_surname_someone_the_model_missed_may_share_is_no_one_s(text):
    """"Marsh" beside Owen Marsh and a June Marsh the model took for a date, "Calloway"
    beside "Elspeth and Tom Calloway": which of them a surname alone means, the text may
    not say, so it is linked to no one (it had been given to the one the model found)."""
    spans = [("Owen Marsh", "PERSON"), ("Tom Calloway", "PERSON"),
             ("Jonas Dufresne", "PERSON"), ("Elspeth", "PERSON")]
    ents = _linked(text, spans)
    for full in ("Owen Marsh", "Tom Calloway", "Jonas Dufresne"):
        if full in ents:
            assert all(" " in m for m in ents[full]), (full, ents[full])


def test_a_surname_alone_is_still_the_one_person_s_where_no_one_else_may_share_it():
    """The guards above leave the plain case alone: a chef's title, a month as a date."""
    text = ("Owen Marsh opened the place in June. Chef Marsh cooks alone. In May Marsh "
            "added a menu. Marsh said it was hard.")
    ents = _linked(text, [("Owen Marsh", "PERSON")])
    assert ents["Owen Marsh"].count("Marsh") == 3
    # A place before "and" is no first name of a couple; nor a short form of their own.
    text = ("Rashida Tlaib of Michigan and Ilhan Omar spoke. Omar said no. Thomas Weinandy "
            "wrote; Tom Weinandy has said so since. Weinandy left.")
    ents = _linked(text, [("Ilhan Omar", "PERSON"), ("Thomas Weinandy", "PERSON"),
                          ("Rashida Tlaib", "PERSON")])
    assert ents["Ilhan Omar"] == ["Ilhan Omar", "Omar"]
    assert ents["Thomas Weinandy"].count("Weinandy") >= 1


def test_chat_words_section_labels_and_a_quoted_imperative_are_no_names():
    """"ring us rather than DM", "By Ana Ruiz · Theatre · 18 May 2026" (the site's section)
    and "'Respect it.'" opening a quoted sentence are no names; the byline's writer is."""
    text = ("Ana Ruiz reviews\n\nBy Ana Ruiz · Theatre · 18 May 2026\n\n"
            "Tables are nearly gone, so ring us rather than DM. 'The loch is deep,' she "
            "said. 'Respect it.'")
    ents = _linked(text, [("Ana Ruiz", "PERSON"), ("Theatre", "PERSON"), ("DM", "ORG"),
                          ("Respect", "ORG")])
    assert set(ents) == {"Ana Ruiz"}


def test_surnames_like_titles_foreign_small_words_and_lists_of_names_stay():
    """Guards on the rules above: "Sen" ends real names ("Amartya Sen"); names in other
    languages hold lower-case words ("Médecins sans Frontières", "Frankfurt am Main"); a
    team sheet is a line of names without a full stop, not a title."""
    text = ("Budget Row Deepens In Kessington\n\n"
            "The economist Amartya Sen spoke in Frankfurt am Main for Médecins sans "
            "Frontières.\n\nKessington Rovers: Dana Whitlock, Tomasz Brennigan, Ollie "
            "Marchetti\n\nDana Whitlock scored twice.")
    spans = [("Amartya Sen", "PERSON"), ("Frankfurt am Main", "GPE"),
             ("Médecins sans Frontières", "ORG"), ("Tomasz Brennigan", "PERSON"),
             ("Dana Whitlock", "PERSON")]
    raw = [(text.rindex(s), text.rindex(s) + len(s), label) for s, label in spans]
    names = {e.name for e in link_entities(Doc(text=text, source="t"), raw)}
    assert {"Amartya Sen", "Frankfurt am Main", "Médecins sans Frontières",
            "Tomasz Brennigan", "Dana Whitlock"} <= names


def test_adjectives_and_languages_are_no_group_and_a_letter_is_no_surname():
    """The model calls "French" (a language), "European" and "Democrat" (in "Liberal
    Democrat MP") groups: adjectives, not a group the story is about — "Americans" and
    "Democrats" are. A person's name ending in a letter ("Vitamin A", typed a person by
    the model) does not make every "A" that opens a sentence a mention of it."""
    text = ("Critics say Americans and Democrats oppose it. She studies French. Two European "
            "carriers fell, said a Liberal Democrat MP. The Welsh winger and the Swiss group "
            "agreed.\n\nDoctors warned about Vitamin A doses. A post on X said it cures "
            "measles. A doctor disagreed.")
    raw = [_at(text, "Americans", "NORP"), _at(text, "Democrats", "NORP"),
           _at(text, "French", "NORP"), _at(text, "European", "NORP"),
           _at(text, "Welsh", "NORP"), _at(text, "Swiss", "NORP"),
           _at(text, "Democrat", "NORP", 1), _at(text, "Vitamin A", "PERSON")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert set(ents) == {"Americans", "Democrats", "Vitamin A"}
    assert [m.text for m in ents["Vitamin A"].mentions] == ["Vitamin A"]



def test_a_camp_named_after_someone_is_not_them():
    """"Team Dario" (a feud's side, typed a person by the model) is no person, so "Dario"
    alone is Dario Castellano's first name, not the camp's surname."""
    text = "Fans of Team Dario gathered. Dario Castellano thanked them. Later Dario left."
    raw = [_at(text, "Team Dario", "PERSON"), _at(text, "Dario Castellano", "PERSON"),
           _at(text, "Dario", "PERSON", 2)]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert ents["Team Dario"].type == "organization"
    assert [m.text for m in ents["Team Dario"].mentions] == ["Team Dario"]
    assert [m.text for m in ents["Dario Castellano"].mentions] == ["Dario Castellano", "Dario"]


def test_camp_david_is_no_camp():
    """Only "Team X" is a side: "Camp David" is a place, "Camp Freeman" a person."""
    from echoscope.analyzers.entities import _person_or_not

    assert _person_or_not("Team Dario") == "organization"
    assert _person_or_not("Camp Freeman") == "person"


def test_a_journalists_beat_is_no_name():
    """"By Ana Ruiz, Education Reporter": the model calls "Education" an organisation; a
    beat the text also writes in lower case, before a journalist's title, is no name (the
    Herald before "Editor" is)."""
    text = ("By Ana Ruiz, Education Reporter\n\nThe education budget was cut, the Herald "
            "Editor said. Roula Khalaf became Financial Times Editor; at times the financial "
            "pressure told, said the Guardian Editor, a legal guardian herself.")
    raw = [_at(text, "Ana Ruiz", "PERSON"), _at(text, "Education", "ORG"),
           _at(text, "Herald", "ORG"), _at(text, "Roula Khalaf", "PERSON"),
           _at(text, "Financial Times", "ORG"), _at(text, "Guardian", "ORG")]
    assert set(by_name(link_entities(Doc(text=text, source="t"), raw))) == {
        "Ana Ruiz", "Herald", "Roula Khalaf", "Financial Times", "Guardian"}


def test_a_sentences_opening_preposition_is_not_part_of_a_name():
    """"Across Brackenford, turnout fell": the model's span took the preposition in."""
    text = ("Across Brackenford, turnout fell. Beyond Leeds it rose; Brackenford voted Labour. "
            "President To Lam met Within Reach, a charity.")
    raw = [_at(text, "Across Brackenford", "GPE"), _at(text, "Beyond Leeds", "GPE"),
           _at(text, "To Lam", "PERSON"), _at(text, "Within Reach", "PERSON")]
    names = set(by_name(link_entities(Doc(text=text, source="t"), raw)))
    # Only where the name opens its sentence; "To", "In", "On", "At" are names' words too.
    assert names == {"Brackenford", "Leeds", "To Lam", "Within Reach"}


def test_portfolios_offices_ranks_and_what_follows_a_name_are_not_names():
    """A minister's portfolio ("Housing Minister") and an office ("Justice Department
    Inspector General") are no names; a police rank ("Detective Sergeant") is a title, not
    part of one; a league position and the kind of place after a name are not part of it.
    "Mark Judge" is a man, whatever "Judge" is before a name."""
    text = ("Shock for the Housing Minister\n\nBy Priya Sandhu, Home and Appliances Editor\n\n"
            "For Housing Minister Gerald Pryce, Tuesday went badly. Pryce blamed the weather, "
            "and the housing figures. Justice Department Inspector General Michael Horowitz "
            "wrote to him. Detective Sergeant Imogen Tallis of Kernow Police said the yard "
            "was raided. The result leaves Harwick Rovers 19th. Harwick Rovers lost again. "
            "She played at the Kettlewick village hall. Mark Judge declined to comment. "
            "Judge later left.")
    for names in (["posts", "entities"], ["posts", "entities_rules"]):
        ents = analysed(text, names).entities
        found = {e.name for e in ents}
        assert not any("Minister" in n or n == "Housing" or "Inspector" in n or "Home" in n
                       or "Department" in n or "Sergeant" in n or "19th" in n
                       or n.endswith(" village") for n in found), (names, found)
        assert {"Gerald Pryce", "Michael Horowitz", "Imogen Tallis"} <= found, (names, found)
    assert "Mark Judge" in {e.name for e in analysed(text, ["posts", "entities_rules"]).entities}


def test_a_surname_before_county_is_a_place_not_the_person():
    """"Harris County" (or "Harris county", as British papers write a US county) is a
    place: its first word is not Kamala Harris's surname."""
    text = ("Kamala Harris visited Houston on Monday. She met officials from Harris County "
            "and residents of Harris county. Harris said the flood defences were vital.")
    for names in (["posts", "entities"], ["posts", "entities_rules"]):
        people = [e for e in analysed(text, names).entities if e.name == "Kamala Harris"]
        assert len(people) == 1, names
        assert all(not text[m.end:].startswith((" County", " county"))
                   for m in people[0].mentions), names
        assert sum(m.text == "Harris" for m in people[0].mentions) == 1, names


def test_a_line_in_capitals_is_a_subhead_not_part_of_a_name():
    """A subhead in capitals: no name runs from it into the prose below ("DEPARTMENT" /
    "Hollister began …" was one person, who then shared Nadia Hollister's surname), and the
    model's organisations made of its words are no names ("VOTE ON HOUSING BOARD"), unless
    the text writes the name elsewhere too."""
    for head in ("AUDITOR SENDS LONG-DELAYED PORT AUDIT TO FINANCE DEPARTMENT",
                 "MAYOR QUITS AFTER VOTE ON HOUSING BOARD",
                 "INSPECTORS HAND DAMNING FERRY REPORT TO TRANSPORT MINISTRY"):
        text = ("Panel members clashed on Friday night. Nadia Hollister, a senior editor at "
                "the Ledger, led the attack.\n" + head + "\nHollister began by noting that "
                "the audit was late, and said the report was thin.")
        at = text.index(head)
        for e in analysed(text, ["posts", "entities"]).entities:
            for m in e.mentions:
                inside = at <= m.start < at + len(head)
                assert not (inside and m.end > at + len(head)), (head, m.text)
                assert not (inside and e.type != "person"), (head, e.name)
    credit = ("The fire started at dawn.\nPICTURES: TOM VANCE\nHarlow Gazette reporters "
              "contributed to this story.")
    assert "Harlow Gazette" not in {e.name for e in analysed(credit, ["posts", "entities"]).entities
                                    if e.type == "person"}
    from echoscope.analyzers.entities import _within_line

    # A short capitals line: a subhead or a credit, which part is the name no one can tell.
    for short, span in (("MAYOR RESPONDS\nHarold Brisk said no.", "MAYOR RESPONDS\nHarold Brisk"),
                        ("PICTURES: TOM VANCE\nHarlow Gazette reporters helped.",
                         "TOM VANCE\nHarlow Gazette")):
        at = short.index(span)
        assert _within_line(short, (at, at + len(span), "PERSON")) is None, short
    kept = ("UNITED NATIONS SENDS AID CONVOY TO PORT HALVERN\n\nThe United Nations said on "
            "Monday that the trucks had left.")
    assert "United Nations" in {e.name for e in analysed(kept, ["posts", "entities"]).entities}


def test_a_titled_person_after_a_possessive_is_that_person():
    """"Labour's Rhiannon Pryce MP" read as one organisation: the person a party is said
    to have, and her surname links to her; a name with a possessive inside stays whole."""
    text = ("Labour\u2019s Rhiannon Pryce MP chairs the committee. Ms Pryce said the vote was "
            "close. Students at King\u2019s College London protested.")
    d = Doc(text=text, source="t")
    raw = [(text.index(s), text.index(s) + len(s), label) for s, label in
           (("Labour\u2019s Rhiannon Pryce MP", "ORG"), ("Pryce", "PERSON"),
            ("King\u2019s College London", "ORG"))]
    raw[1] = (text.index("Pryce said"), text.index("Pryce said") + 5, "PERSON")
    people = by_name(link_entities(d, raw))
    assert people["Rhiannon Pryce"].type == "person"
    assert len(people["Rhiannon Pryce"].mentions) == 2
    assert people["King\u2019s College London"].type == "organization"
    # A seat or a body before "MP"/"MEP" is no one.
    seats = ("Labour\u2019s Bristol Vale West MP spoke. Plaid Cymru\u2019s Dwyfor Uchaf MP, "
             "Liz Saville Rhys, spoke next. Farage\u2019s Brexit Party MEP left.")
    raw = [at_(seats, s, "ORG") for s in ("Labour\u2019s Bristol Vale West MP",
                                          "Plaid Cymru\u2019s Dwyfor Uchaf MP",
                                          "Farage\u2019s Brexit Party MEP")]
    people = {e.name for e in link_entities(Doc(text=seats, source="t"), raw)
              if e.type == "person"}
    assert not people & {"Bristol Vale West", "Dwyfor Uchaf", "Brexit Party"}
    # Where it cannot tell, no name: never the party as a person, nor the whole as a body.
    unsure = ("Plaid Cymru\u2019s Liz Saville Rhys MP, Westminster leader of the party, said "
              "no. Labour\u2019s Catherine West MP said yes.")
    raw = [at_(unsure, "Plaid Cymru\u2019s Liz Saville Rhys MP", "PERSON"),
           at_(unsure, "Labour\u2019s Catherine West MP", "ORG")]
    names = {e.name for e in link_entities(Doc(text=unsure, source="t"), raw)}
    assert not any("Plaid" in n or "Labour" in n for n in names)


def test_streets_at_a_corner_and_of_after_a_body_in_the_rules_backend():
    """Two streets at a corner are no one name; the `fast` profile keeps "of X" after a
    body's name ("Southern District of Kettlewick"), but not "for X" ("Aardman Studios for
    Netflix": the client, not the studio's name)."""
    text = ("The School District board meets on Monday at its offices near the corner of "
            "Main and Depot.")
    assert not any(" and " in e.name for e in analysed(text, ["posts", "entities"]).entities)
    court = ("Prosecutors in the Southern District of Kettlewick filed charges. The Southern "
             "District of Kettlewick said more would follow. Bram Studios for Netflix made "
             "the film, and Bram Studios said so.")
    orgs = {e.name for e in analysed(court, ["posts", "entities_rules"]).entities}
    assert "Southern District of Kettlewick" in orgs and "Southern District" not in orgs
    assert not any("Netflix" in n for n in orgs)


def test_a_persons_possessive_is_not_part_of_the_name_after_it():
    """"Dana Price's Harlow Party" read as one organisation is the party, once the text
    names Dana Price; "Omar Reyes's Labour" read as one person is Omar Reyes; "Labour's
    London" read as a person is no one; "St James's Park" and "King's College London"
    keep their possessives."""
    text = ("Dana Price leads the Harlow Party. Dana Price\u2019s Harlow Party won the vote, "
            "and Omar Reyes\u2019s Labour lost it. Labour\u2019s London is restless. Fans "
            "met at St James\u2019s Park and at King\u2019s College London.")
    d = Doc(text=text, source="t")

    def at(s, label, n=0):
        i = [k for k in range(len(text)) if text.startswith(s, k)][n]
        return (i, i + len(s), label)

    raw = [at("Dana Price", "PERSON"), at("Harlow Party", "ORG"),
           at("Dana Price\u2019s Harlow Party", "ORG"), at("Omar Reyes\u2019s Labour", "PERSON"),
           at("Labour\u2019s London", "PERSON"), at("St James\u2019s Park", "FAC"),
           at("King\u2019s College London", "ORG")]
    got = {(e.name, e.type): e for e in link_entities(d, raw)}
    names = {n for n, _ in got}
    assert not any("\u2019s " in n for n in names - {"St James\u2019s Park",
                                                      "King\u2019s College London"})
    assert len(got[("Harlow Party", "organization")].mentions) == 2
    assert ("Omar Reyes", "person") in got
    assert "Labour" not in names and "London" not in names
    # A surname someone shares does not cut a name that holds it.
    text = ("Mervyn King spoke first. Researchers at King\u2019s College London disagreed, and "
            "Tony Lloyd said Lloyd\u2019s Register had checked the ship.")
    raw = [at_(text, "Mervyn King", "PERSON"), at_(text, "King\u2019s College London", "ORG"),
           at_(text, "Tony Lloyd", "PERSON"), at_(text, "Lloyd\u2019s Register", "ORG")]
    got = {e.name: e for e in link_entities(Doc(text=text, source="t"), raw)}
    assert {"King\u2019s College London", "Lloyd\u2019s Register"} <= set(got)
    assert len(got["Mervyn King"].mentions) == 1 and len(got["Tony Lloyd"].mentions) == 1


def at_(text, s, label):
    i = text.index(s)
    return (i, i + len(s), label)



def test_a_surname_is_no_ones_beside_someone_of_it_the_model_typed_otherwise():
    """"Helena Varga" typed as an organisation beside her brother Tamas Varga, a person:
    "Ms Varga" may be either, so it is neither's (the audit found her statement given to
    him); a firm named after the person ("Varga Holdings") changes nothing."""
    text = ("The cyclist, Helena Varga, was hurt. \"I flinch now,\" Ms Varga said. Her "
            "brother, Tamas Varga, spoke outside court. Varga thanked the paramedics.")
    raw = [_at(text, "Helena Varga", "ORG"), _at(text, "Tamas Varga", "PERSON")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert [m.text for m in ents["Tamas Varga"].mentions] == ["Tamas Varga"]
    for text, person, other, nth in (
            ("Tamas Varga founded Varga Holdings in 2015. Varga said the firm would grow.",
             "Tamas Varga", "Varga Holdings", 0),
            # the same full name typed otherwise once: still him
            ("Tamas Varga won. Critics of Tamas Varga spoke. Mr Varga said he would stay.",
             "Tamas Varga", "Tamas Varga", 1),
            # a first name and a surname with no honorific may be a shop's ("John Lewis")
            ("Martin Lewis urged shoppers to compare prices at John Lewis. Lewis said so.",
             "Martin Lewis", "John Lewis", 0),
            # and one after a preposition is one, honorific or not
            ("Martin Lewis urged shoppers to compare prices at John Lewis. Mr Lewis said "
             "the deals were poor.", "Martin Lewis", "John Lewis", 0)):
        raw = [_at(text, person, "PERSON"), _at(text, other, "ORG", nth=nth)]
        ents = {(e.name, e.type): e for e in link_entities(Doc(text=text, source="t"), raw)}
        assert [m.text for m in ents[(person, "person")].mentions][-1] == person.split()[-1]


def test_a_live_blog_entry_after_its_time_opens_a_sentence():
    """"11:58pm — Turnout is estimated ...": the capital after a live blog's time and dash
    is the sentence's, not a name (the audit found "Turnout" listed as a person); a name
    there the text also writes mid-sentence stays one."""
    text = ("Election night live.\n\n11:58pm — Turnout is estimated at 64 per cent.\n\n"
            "12:10am – Okonjo concedes in Westfield. Ada Okonjo thanked her volunteers, and "
            "Okonjo said she would stand again.")
    raw = [_at(text, "Turnout", "PERSON"), _at(text, "Okonjo", "PERSON"),
           _at(text, "Ada Okonjo", "PERSON")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert "Turnout" not in ents
    assert [m.text for m in ents["Ada Okonjo"].mentions] == ["Okonjo", "Ada Okonjo", "Okonjo"]
    # Only the line that the time opens: a time and dash ending the line before do not
    # make the next line's words sentence openers.
    text = "Live.\n\n10:02pm —\nThe room waits as Keogh smiles. Ann Keogh won."
    ents = by_name(link_entities(Doc(text=text, source="t"),
                                 [_at(text, "Keogh", "PERSON"), _at(text, "Ann Keogh", "PERSON")]))
    assert [m.text for m in ents["Ann Keogh"].mentions] == ["Keogh", "Ann Keogh"]


def test_a_verb_opening_a_post_is_no_part_of_the_name_after_it():
    """"Voted Keogh." is Martin Keogh's surname after a verb, not a person "Voted Keogh"
    (who took the surname's other mentions away); a given name before the surname at a
    sentence's start stays a name."""
    text = ("Martin Keogh won the count. Keogh thanked volunteers.\n\n"
            "Voted Keogh. Not because I love him. — Sam Reed (@samreed) Nov 7, 2024\n\n"
            "Congrats Keogh! — Ana Lind (@alind) Nov 8, 2024")
    d = Doc(text=text, source="t")
    d.posts = extract_posts(text)
    raw = [_at(text, "Martin Keogh", "PERSON"), _at(text, "Voted Keogh", "PERSON"),
           _at(text, "Congrats Keogh", "PERSON")]
    ents = by_name(link_entities(d, raw))
    assert "Voted Keogh" not in ents and "Congrats Keogh" not in ents
    full = "Martin Keogh won the count.\n\nThanks Martin Keogh! — Ana Lind (@alind) Nov 8"
    d = Doc(text=full, source="t")
    d.posts = extract_posts(full)
    assert set(by_name(link_entities(d, [_at(full, "Martin Keogh", "PERSON"),
                                         _at(full, "Thanks Martin Keogh", "PERSON")]))) == {
        "Martin Keogh"}
    assert [text[m.start:m.end] for m in ents["Martin Keogh"].mentions] == [
        "Martin Keogh", "Keogh", "Keogh", "Keogh"]
    text = "Martin Keogh won the count.\n\nRosa Keogh, his sister, cheered."
    ents = by_name(link_entities(Doc(text=text, source="t"),
                                 [_at(text, "Martin Keogh", "PERSON"),
                                  _at(text, "Rosa Keogh", "PERSON")]))
    assert "Rosa Keogh" in ents


def test_the_fast_rule_reads_a_group_named_for_a_town_as_no_person():
    """`fast`: "Safer Streets Easthaven" ends in a word the text writes as a town ("Ferris
    Lane, Easthaven", "in Easthaven"), and its other words are familiar: a group, not a
    person whose surname the town would become (the audit found the town underlined as that
    person). A person whose surname is used alone stays one."""
    text = ("Gareth Pimlott, of Ferris Lane, Easthaven, pleaded guilty at Easthaven Crown "
            "Court. The campaign group Safer Streets Easthaven said the sentence was too "
            "lenient. Safer Streets Easthaven wants a longer ban. Judge Nora Fenwick said "
            "Fenwick would not jail him. Fenwick added that the ban was fair.")
    doc = analysed(text, ["posts", "entities_rules"])
    types = {e.name: e.type for e in doc.entities}
    assert types.get("Safer Streets Easthaven") != "person"
    assert not any(e.type == "person" and any(m.text == "Easthaven" for m in e.mentions)
                   for e in doc.entities)
    assert types.get("Nora Fenwick") == "person"


def test_a_possessive_that_names_a_shop_is_not_its_owner():
    """"Lunch at Dunn's, a chip shop" and "Dunn's is closed on Mondays" name the shop, not
    its owner Stuart Dunn (the audit found them underlined as him); "Dunn said" is his.
    "Dunn's grandfather" may be his or the shop's founder's: in a text that names the shop
    "Dunn's", no bare "Dunn's" is read as his (see the next test)."""
    text = ("Lunch was at Dunn's, a chip shop on the front. The owner, Stuart Dunn, fries in "
            "dripping, as Dunn's grandfather did. Dunn said the queue is long. Dunn's is "
            "closed on Mondays.")
    ents = by_name(link_entities(Doc(text=text, source="t"),
                                 [_at(text, "Stuart Dunn", "PERSON"), _at(text, "Dunn", "ORG")]))
    said = [text[m.start:m.end + 2] for m in ents["Stuart Dunn"].mentions]
    assert said == ["Stuart Dunn, ", "Dunn s"]


def test_a_possessive_the_text_names_a_shop_by_is_the_shops_or_no_ones():
    """Where the text names a shop by a possessive ("whose family still controls
    Dexford's,"), "cheaper than Dexford's for my weekly shop" is the chain, an organisation
    whatever the model typed it (the audit found it underlined as Gavin Dexford), and
    "Dexford's prices" may be the chain's or the man's: no one's. After a title the
    possessive is his."""
    text = ("Gavin Dexford, whose family still controls Dexford's, mocked the rival in "
            "October. One shopper said the Halvern has been cheaper than Dexford's for her "
            "weekly shop, and Dexford's prices rose again. Mr Dexford's comments drew fire.")
    raw = [_at(text, "Gavin Dexford", "PERSON"), _at(text, "Dexford", "PERSON", 2),
           _at(text, "Dexford", "PERSON", 3)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    gavin = by_name(ents)["Gavin Dexford"]
    assert [text[m.start:m.end + 2] for m in gavin.mentions] == ["Gavin Dexford, ",
                                                                 "Dexford's"]
    assert gavin.mentions[-1].start == text.index("Dexford's comments")
    shop = [e for e in ents if e.name == "Dexford"]
    assert [(e.type, [m.start for m in e.mentions]) for e in shop] == [
        ("organization", [raw[1][0]])]  # "than Dexford's for"; "Dexford's prices": none


def test_a_possessive_read_as_a_shop_by_its_form_alone_is_no_ones_beside_the_person():
    """'"Shorter than Tom's, anyway," he added', in a text naming Tom Hollinsworth (a fresh
    audit's: an entity "Tom" of its own): a shop's possessive by its form alone, where the
    text names no shop so, and a name the text gives someone: either, so no one's (a
    reviewer's "at Tom's, on the quay" was a burger bar, not Councillor Tom Reid)."""
    text = ("Richard Hollinsworth and his son, Tom Hollinsworth, run the brewery. Richard "
            "said he would speak. \"Shorter than Tom's, anyway,\" he added.")
    raw = [_at(text, "Richard Hollinsworth", "PERSON"), _at(text, "Tom Hollinsworth", "PERSON"),
           _at(text, "Richard", "PERSON", 1), _at(text, "Tom", "PERSON", 1)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    assert sorted(e.name for e in ents) == ["Richard Hollinsworth", "Tom Hollinsworth"]
    assert [m.text for m in by_name(ents)["Tom Hollinsworth"].mentions] == ["Tom Hollinsworth"]


def test_a_shop_named_by_a_possessive_takes_none_of_the_persons_and_no_other_word():
    """Where the text names the shop "Dunn's", "the best chip shop in town is Dunn's." is
    no one's (not Stuart Dunn's); a possessive that ends a clause where the text names no
    shop ("Patel's, not Johnson's, plan") keeps the model's type; a company's words after
    a possessive ("was Dunn's, the company said") name no shop."""
    text = ("Lunch was at Dunn's, a chip shop. The owner, Stuart Dunn, fries in dripping. "
            "The best chip shop in town is Dunn's.")
    stuart = by_name(link_entities(Doc(text=text, source="t"),
                                   [_at(text, "Stuart Dunn", "PERSON")]))["Stuart Dunn"]
    assert [text[m.start:m.end] for m in stuart.mentions] == ["Stuart Dunn"]
    text = "Priti Patel spoke. Patel's, not Johnson's, plan won. Boris Johnson agreed."
    ents = link_entities(Doc(text=text, source="t"),
                         [_at(text, "Priti Patel", "PERSON"), _at(text, "Johnson", "PERSON"),
                          _at(text, "Boris Johnson", "PERSON")])
    assert all(e.type == "person" for e in ents), [(e.name, e.type) for e in ents]
    text = ("Sarah Dunn, the chief executive, spoke. The final decision was Dunn's, the "
            "company said. Dunn's allies welcomed it.")
    sarah = by_name(link_entities(Doc(text=text, source="t"),
                                  [_at(text, "Sarah Dunn", "PERSON")]))["Sarah Dunn"]
    assert len(sarah.mentions) == 3


def test_a_possessive_a_verb_completes_or_a_contraction_stays_the_persons():
    """Without a shop the text names, a possessive before a preposition is the person's:
    completing a verb ("the decision was Dunn's in the end") or a contraction ("Reddy's in
    great shape")."""
    for text, name in (("Sarah Dunn won. The decision was Dunn's in the end, and Dunn's "
                        "allies welcomed it.", "Sarah Dunn"),
                       ("Priya Reddy trained. \"Reddy's in great shape,\" the coach said. "
                        "The final word was Reddy's.", "Priya Reddy")):
        person = by_name(link_entities(Doc(text=text, source="t"),
                                       [_at(text, name, "PERSON")]))[name]
        assert len(person.mentions) == 3, (text, person.mentions)


def test_name_openings_are_those_a_look_behind_gives():
    """The fast search for the words that open a name (no look-behind; a match inside a
    word is passed over) finds exactly what one look-behind pattern finds."""
    import random

    from echoscope.analyzers.entities import _openings

    rng = random.Random(7)
    words = ["Ann", "Anna", "JoAnn", "Park", "Parker", "Smith", "O'Neil", "Ng", "#Ann",
             "@Park", "_Ann", "3Ann", "Éva", "Ann's", "Ann.", "and", "the", "Jean-Paul",
             "xJean-Paul", "Paul", "AT&T", "T"]
    firsts = ["Ann", "Anna", "Park", "Smith", "O'Neil", "Ng", "Éva", "JoAnn", "Jean-Paul",
              "Paul", "AT&T", "T"]
    for _ in range(2000):
        text = " ".join(rng.choice(words) + rng.choice(["", " ", ",", "-", "’s", "."])
                        for _ in range(rng.randint(0, 25)))
        first = dict.fromkeys(rng.sample(firsts, k=rng.randint(1, 6)))
        slow = re.compile(r"(?<![\w@#])(?:" + "|".join(map(re.escape, sorted(first))) +
                          r")(?![\w'’.&-])")
        assert ([(m.start(), m.end()) for m in _openings(text, first)]
                == [(m.start(), m.end()) for m in slow.finditer(text)]), (text, first)
    # A match passed over inside a word must not hide the next one that starts in it.
    assert [m.group() for m in _openings("xJean-Paul met Paul", dict.fromkeys(
        ["Jean-Paul", "Paul"]))] == ["Paul", "Paul"]


def test_a_model_number_and_a_decade_are_no_ones_names():
    """A name holding a digit is a product's ("Corvane Luma Pods 3"), so "Corvane's claim"
    is not linked to it as a first name; "the Nineties" is a decade (the audit found both
    underlined as names)."""
    text = ("The Corvane Luma Pods 3 are cheap. Corvane's claim of eight hours held up.\n\n"
            "She has not used the library since the Nineties, she said.")
    ents = link_entities(Doc(text=text, source="t"), [
        _at(text, "Corvane Luma Pods 3", "PERSON"), _at(text, "Corvane", "PERSON", 1),
        _at(text, "Nineties", "GPE")])
    types = {e.name: e.type for e in ents}
    assert types.get("Corvane Luma Pods 3") == "product"
    pods = by_name(ents)["Corvane Luma Pods 3"]
    assert [text[m.start:m.end] for m in pods.mentions] == ["Corvane Luma Pods 3"]
    assert "Nineties" not in types


def test_a_name_ending_with_a_body_word_is_no_person():
    """"Harbour Trust", "Kelton Borough Council", typed people by the model, end with a
    word that makes names organisations: not people (no stance toward them as someone's,
    no surname "Trust" to link); a person's name stays a person's."""
    from echoscope.analyzers.entities import _person_or_not

    assert _person_or_not("Harbour Trust") == "organization"
    assert _person_or_not("Kelton Borough Council") == "organization"
    assert _person_or_not("Maria Okafor") == "person"
    assert _person_or_not("Brightline Advisory LLP") == "organization"
    assert _person_or_not("Grace Bishop") == "person"
    # Words that end people's names too keep the model's "person" (a reviewer's list).
    for name in ("Zaldy Co", "Jonas Gahr Store", "Melissa Bank", "Robert Service"):
        assert _person_or_not(name) == "person", name


def test_one_name_typed_two_ways_is_one_entity():
    """The model may type a name differently from mention to mention (a firm a person
    here, an organisation there; a town a place, then a person): one entity per name,
    holding every mention (two rows of one name split its mentions, and types are hidden
    by default: a reader saw the name twice). Of a name of two words, a person's only
    where most of its mentions are (none written as a place: "in Sennet Holm"), merged
    into another type that has twice its mentions; and whatever is left under two types,
    a single word's too, is one row of the type most of its mentions have, never a
    person's where a mention is a place's or follows "the" (three fresh audits counted ten
    rows of a name shown twice)."""
    text = ("Calder Haulage won the contract. Critics said Calder Haulage was cheap. "
            "On Monday Calder Haulage denied it. Rain fell on Ashbury; Ashbury flooded.")
    raw = [_at(text, "Calder Haulage", "ORG"), _at(text, "Calder Haulage", "PERSON", 1),
           _at(text, "Calder Haulage", "ORG", 2), _at(text, "Ashbury", "GPE"),
           _at(text, "Ashbury", "PERSON", 1)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    firm = [e for e in ents if e.name == "Calder Haulage"]
    assert len(firm) == 1 and firm[0].type == "organization" and len(firm[0].mentions) == 3
    # A tie: the first mention's type, or a person's for a name of a person's shape.
    assert sorted((e.type, len(e.mentions)) for e in ents if e.name == "Ashbury") == [
        ("place", 2)]
    for labels, expected in ((("PERSON", "GPE"), [("person", 2)]),
                             (("GPE", "PERSON"), [("person", 2)]),
                             (("GPE", "PERSON", "PERSON"), [("person", 3)]),
                             (("GPE", "ORG", "ORG"), [("organization", 3)]),
                             # outnumbered twice over, the person's reading is noise
                             (("PERSON", "GPE", "ORG", "ORG"), [("organization", 4)])):
        text = " ".join(f"Dana Pellow spoke on day {k}." for k in range(len(labels)))
        raw = [_at(text, "Dana Pellow", label, k) for k, label in enumerate(labels)]
        ents = link_entities(Doc(text=text, source="t"), raw)
        assert sorted((e.type, len(e.mentions)) for e in ents if e.name == "Dana Pellow") == \
            expected, labels
    # Half of them a person's and a name ending as a firm's: one firm (a fresh audit's
    # "Ashcombe Homes", split in two); a person's name: one person's row (a firm named
    # after its founder, "Marcus Fenwick shares fell" beside the founder: one name shown,
    # not two alike).
    for text, name, expected in (
            ("Kelby Homes filed plans. Mr Kelby said little. Kelby Homes won.",
             "Kelby Homes", [("organization", 2)]),
            ("Marcus Fenwick shares fell. His son Oliver Fenwick runs it; Mr Fenwick said "
             "little. Marcus Fenwick, the founder, is 74.", "Marcus Fenwick",
             [("person", 2)]),
            ("Rovers Against Racism met. Rovers Against Racism said no.",
             "Rovers Against Racism", [("organization", 2)])):
        raw = [_at(text, name, "ORG"), _at(text, name, "PERSON", 1)]
        ents = link_entities(Doc(text=text, source="t"), raw)
        assert sorted((e.type, len(e.mentions)) for e in ents if e.name == name) == \
            expected, text
    text = ("Evelyn Thorne counted the votes. Marcus Thorne trailed. The Thorne campaign "
            "said the Thorne vote held. Thorne said he would wait.")
    raw = [_at(text, "Evelyn Thorne", "PERSON"), _at(text, "Marcus Thorne", "PERSON"),
           _at(text, "Thorne", "ORG", 2), _at(text, "Thorne", "ORG", 3),
           _at(text, "Thorne", "PERSON", 4)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    # (The person's reading, "Thorne said", is Evelyn's or Marcus's: no entity.)
    assert sorted((e.type, len(e.mentions)) for e in ents if e.name == "Thorne") == [
        ("organization", 2)]
    text = "Preston beat Bolton 2-0. Rain fell on Preston all day, and Preston won again."
    raw = [_at(text, "Preston", "ORG"), _at(text, "Preston", "GPE", 1),
           _at(text, "Preston", "ORG", 2)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    # A single word under two types that are no person's stays split: often two things
    # (a reviewer's "Liverpool", the city and the club; "Luton", the town and "Luton have
    # risen") ...
    assert sorted((e.type, len(e.mentions)) for e in ents if e.name == "Preston") == [
        ("organization", 2), ("place", 1)]
    # ... and one typed a person's stays apart where a longer name holds the word (the
    # city and Houston Price; a town and Wigan Athletic) ...
    text = ("Wigan Athletic are in administration. Businesses in Wigan are owed £2m. Wigan "
            "said it hoped to find a buyer.")
    raw = [_at(text, "Wigan Athletic", "ORG"), _at(text, "Wigan", "GPE", 1),
           _at(text, "Wigan", "PERSON", 2)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    assert sorted((e.type, len(e.mentions)) for e in ents if e.name == "Wigan") == [
        ("person", 1), ("place", 1)]
    # ... but otherwise joins its other row: one "Glasgow", not a second one a person's (a
    # fresh audit's).
    text = "See you in Glasgow. The Glasgow show was cancelled. Glasgow fans were angry."
    raw = [_at(text, "Glasgow", "GPE"), _at(text, "Glasgow", "PERSON", 1),
           _at(text, "Glasgow", "PERSON", 2)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    assert [(e.name, len(e.mentions)) for e in ents] == [("Glasgow", 3)]
    # ... unless the person's row reads as a person's (a reviewer's "Jordan, the former
    # glamour model, flew to Jordan").
    text = "Jordan, the former model, flew to Jordan. Jordan said it was life-changing."
    raw = [_at(text, "Jordan", "PERSON"), _at(text, "Jordan", "GPE", 1),
           _at(text, "Jordan", "PERSON", 2)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    assert sorted(e.type for e in ents) == ["person", "place"]
    text = "Sam Reed took his daughter Chelsea to see Chelsea play. Chelsea won 3-1."
    raw = [_at(text, "Sam Reed", "PERSON"), _at(text, "Chelsea", "PERSON"),
           _at(text, "Chelsea", "ORG", 1), _at(text, "Chelsea", "ORG", 2)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    assert sorted(e.type for e in ents if e.name == "Chelsea") == ["organization", "person"]
    # (nor a name of two words that is a woman's and a place's: "Rose Hill, 45, has lived in
    # Rose Hill")
    text = ("Rose Hill, 45, has lived in Rose Hill for years. Flooding in Rose Hill came. "
            "Rose Hill said she would stay.")
    raw = [_at(text, "Rose Hill", "PERSON"), _at(text, "Rose Hill", "GPE", 1),
           _at(text, "Rose Hill", "GPE", 2), _at(text, "Rose Hill", "PERSON", 3)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    assert sorted(e.type for e in ents) == ["person", "place"]
    island = ("Ferries to Sennet Holm stopped. Sennet Holm has 900 residents, and the Sennet "
              "Holm council met. Sennet Holm voted. Sennet Holm waits.")
    raw = [_at(island, "Sennet Holm", label, k)
           for k, label in enumerate(("PERSON", "ORG", "ORG", "PERSON", "PERSON"))]
    ents = link_entities(Doc(text=island, source="t"), raw)
    # (a person's reading most of the time, but "the Sennet Holm council" is no one's
    # name: not a person; one row, of the other type)
    assert sorted((e.type, len(e.mentions)) for e in ents) == [("organization", 5)]


def test_the_fast_rule_reads_an_operations_name_as_no_persons():
    """`fast`: 'the caption "Operation Find Bao is a go"' beside "Bao was found" (a fresh
    audit's: a person "Operation Find Bao" whose surname was the panda's, five times)."""
    text = ("Keepers searched all day. A visitor posted a photograph with the caption "
            "\"Operation Find Bao is a go\". Bao was found at 4pm. Staff said Bao was calm.")
    doc = analysed(text, ["posts", "entities_rules"])
    assert not [e for e in doc.entities if e.type == "person"]
    assert all(len(e.mentions) == 1 for e in doc.entities)


def test_the_fast_rule_reads_a_firm_joined_by_an_ampersand_whole():
    """`fast`: "Garside & Sons Removals", written twice, is one organisation (a run of
    capitals stops at "&": the audit found "Sons Removals" a person, then a speaker);
    "Marks & Spencer" too. Written once ("Congratulations Ana & Tom"), no name."""
    text = ("He was the director of Garside & Sons Removals. A spokeswoman for Garside & "
            "Sons Removals said the firm was sorry. Shoppers at Marks & Spencer queued; "
            "Yesterday Marks & Spencer said stock was fine. Congratulations Ana & Tom!")
    doc = analysed(text, ["posts", "entities_rules"])
    assert {(e.name, e.type, len(e.mentions)) for e in doc.entities} == {
        ("Garside & Sons Removals", "organization", 2), ("Marks & Spencer", "organization", 2)}


def test_a_surname_before_another_name_word_or_opening_as_a_word_is_not_theirs():
    """A surname alone is the person's, but not where a capitalised word goes on another
    name after it ("Good luck Garside Girl", a horse; "Carrow Edge station"), nor where a
    surname that is a familiar word opens a sentence of a post as that word ("Long
    version: it's complicated" beside Professor Ivy Long; the sixth audit). "Long said",
    "Long's study", "Garside Monday" (a weekday after) and in the article's own prose a
    sentence opened by the surname ("Long brought it up") stay theirs."""
    text = ("Professor Ivy Long, who was not involved, praised it. Long brought it up. Long "
            "said the study was careful. Long's own study agreed. The firm was founded by "
            "Walter Garside. Garside Monday said more.\n\nNew paper! Long version: it's "
            "complicated. Good luck Garside Girl in the 3.15! — Grace Bell (@gbell) "
            "November 9, 2026")
    raw = [_at(text, "Ivy Long", "PERSON"), _at(text, "Walter Garside", "PERSON")]
    ents = linked(text, raw)
    assert [m.start for m in ents["Ivy Long"].mentions] == [
        text.index("Ivy Long"), text.index("Long brought"), text.index("Long said"),
        text.index("Long's own")]
    assert [m.start for m in ents["Walter Garside"].mentions] == [
        text.index("Walter Garside"), text.index("Garside Monday")]


def test_the_fast_rule_takes_no_part_of_a_longer_name_and_no_name_past_its_sentence():
    """`fast`: three capitalised words before a fourth are the start of a longer name, no
    name ("The Environment Protection | Service issued": the whole is one); a firm in
    apposition takes its "&" ("the research firm Halberd & Stowe") and ends with its
    sentence ("… Stowe. Old Mr Hartley …")."""
    text = ("The Environment Protection Service issued warnings. The Environment Protection "
            "Service said more. Ana Ruiz said so. Ruiz agreed. A spokesman for the research "
            "firm Halberd & Stowe. Old Mr Hartley built it.")
    names = {e.name for e in analysed(text, ["posts", "entities_rules"]).entities}
    assert "Environment Protection" not in names and "Ana Ruiz" in names
    assert "Environment Protection Service" in names
    assert "Halberd & Stowe" in names and not any("Hartley" in n and "Stowe" in n
                                                  for n in names)
    # A name that ends its line goes on no name on the next (a reviewer's run: a byline's
    # "Judi McLeod" was lost before the next line's "Judi McLeod is").
    text = ("The council met on Monday.\n\nArticles for Judi Pellow\nJudi Pellow is a journalist. "
            "Pellow writes on Mondays.")
    assert "Judi Pellow" in {e.name for e in analysed(text, ["posts", "entities_rules"]).entities}


def test_titles_portfolios_and_common_abbreviations_the_model_cuts_out_are_no_names():
    """The small model's spans of a title cut from its name ("Lady" of "Lady Justice Oyelaran",
    "Justice" of "Justice Minister Ola Berg"), of a portfolio ("the Transport Secretary")
    and of common nouns in capitals ("the GP", "its CEO") name no one; a name that is only
    a title's words as a whole ("Lady Gaga"), a country before a secretary's title and a
    firm before its officer's stay."""
    text = ("Lady Justice Marit Oyelaran ruled on Monday, and Lady Justice Oyelaran said more "
            "on Friday. The Transport Secretary, Gareth Lyle, agreed; so did Justice Minister "
            "Ola Berg. Patients will see the GP less, its CEO said. The US "
            "Secretary of Defense and the Dunmore Secretary disagreed with Calloway Freight.")
    raw = [_at(text, "Lady", "PERSON"), _at(text, "Marit Oyelaran", "PERSON"),
           _at(text, "Lady", "PERSON", 1), _at(text, "Oyelaran", "PERSON", 1),
           _at(text, "Transport", "ORG"), _at(text, "Gareth Lyle", "PERSON"),
           _at(text, "Justice", "ORG", 2), _at(text, "Ola Berg", "PERSON"),
           _at(text, "GP", "ORG"), _at(text, "CEO", "ORG"), _at(text, "US", "GPE"),
           _at(text, "Calloway Freight", "ORG")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert set(ents) == {"Marit Oyelaran", "Gareth Lyle", "Ola Berg", "United States",
                         "Calloway Freight"}, set(ents)
    assert [m.text for m in ents["Marit Oyelaran"].mentions] == ["Marit Oyelaran", "Oyelaran"]
    # A body in capitals, or one before "Secretary General", is named all the same; so is
    # an acronym before a compound's word ("G7-backed").
    text = ("The NATO Secretary General met the Commonwealth Secretary General at the "
            "G7-backed summit.")
    raw = [_at(text, "NATO", "ORG"), _at(text, "Commonwealth", "ORG"), _at(text, "G7", "ORG")]
    assert set(by_name(link_entities(Doc(text=text, source="t"), raw))) == {
        "NATO", "Commonwealth", "G7"}


def test_a_bodys_span_grows_back_to_the_words_its_initials_spell():
    """"Nursing and Midwifery Council (NMC)", the model's span at "Midwifery Council" (a
    fresh audit's); "Food Standards Agency (FSA)"; not where the words before do not spell
    them."""
    for text, span, name in (
            ("She faced a Nursing and Midwifery Council (NMC) panel.", "Midwifery Council",
             "Nursing and Midwifery Council"),
            ("The Food Standards Agency (FSA) said it was safe.", "Standards Agency",
             "Food Standards Agency"),
            ("The General Medical Council (GMC) ruled.", "Medical Council",
             "General Medical Council"),
            ("On Monday Standards Agency (FSA) staff met.", "Standards Agency",
             "Standards Agency"),
            # not over a title or a day (a reviewer's)
            ("They met Dr Nasser Medical Council (NMC) staff.", "Medical Council",
             "Medical Council"),
            ("On Monday National Grid (MNG) said so.", "National Grid", "National Grid")):
        i = text.index(span)
        assert [e.name for e in link_entities(Doc(text=text, source="t"),
                                              [(i, i + len(span), "ORG")])] == [name], text
    # The model's span of a word grown over is the name's: one mention, not two
    text = "Brighton and Hove Albion (BHA) confirmed it. The club wrote on X."
    ents = link_entities(Doc(text=text, source="t"), [
        _at(text, "Brighton", "PERSON"), _at(text, "Hove Albion", "ORG")])
    assert [(e.name, len(e.mentions)) for e in ents] == [("Brighton and Hove Albion", 1)]
    # ... and a span inside the grown name, before or after it (the regression corpus's
    # "Students' Society of McGill University (SSMU)" had its mention twice in `fast`)
    text = "Members of the Students' Society of McGill University (SSMU) voted."
    i, j = text.index("Students"), text.index("Society")
    k = text.index(" (SSMU)")
    for raw in ([(i, k, "ORG"), (j, k, "ORG")], [(j, k, "ORG"), (i, k, "ORG")]):
        ents = link_entities(Doc(text=text, source="t"), raw)
        assert [(e.name, len(e.mentions)) for e in ents] == [
            ("Students' Society of McGill University", 1)], raw


def test_a_firm_less_its_legal_form_is_the_firm():
    """"Lennox Hotel Ltd … the Lennox Hotel": one firm, where the shorter name is typed
    anything but a person's; a person's reading may be its founder ("Tom Wood Ltd" and "Tom
    Wood, 61"; "Hollis Brandt Ltd" and "Mr Brandt": reviewers'), so it stays apart, as does
    a name two firms share with different forms."""
    text = "Lennox Hotel Ltd was fined. Guests at the Lennox Hotel were moved."
    raw = [_at(text, "Lennox Hotel Ltd", "ORG"), _at(text, "Lennox Hotel", "FAC", 1)]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert sorted(ents) == ["Lennox Hotel Ltd"] and len(ents["Lennox Hotel Ltd"].mentions) == 2
    for text, long, short, label in (
            ("Tom Wood Ltd went into administration. Tom Wood, 61, founded it. Mr Wood was "
             "devastated.", "Tom Wood Ltd", "Tom Wood", "ORG"),
            ("Brightline Advisory Ltd was paid. Brightline Advisory's director, Owen Teller, "
             "declined to comment.", "Brightline Advisory Ltd", "Brightline Advisory", "PERSON"),
            ("Marcus Hale Inc was sued by Marcus Hale, its former founder. Marcus Hale said it "
             "owed him money.", "Marcus Hale Inc", "Marcus Hale", "ORG"),
            ("Brightline Advisory LLP and Brightline Advisory Inc share a name. Brightline "
             "Advisory said it had no link.", "Brightline Advisory Inc", "Brightline Advisory",
             "ORG")):
        raw = [_at(text, long, "ORG"), _at(text, short, label, 1 + ("LLP" in text))]
        if "LLP" in text:  # (the model's person: the forms as written count)
            raw.append(_at(text, "Brightline Advisory LLP", "PERSON"))
        assert short in {e.name for e in link_entities(Doc(text=text, source="t"), raw)}, text


def test_a_bodys_name_goes_on_past_the_possessive_of_those_it_is_for():
    """"Nottingham Coroner's Court" (a fresh audit's: the person "Nottingham Coroner"), "the
    Bakers' Union", a church school "St Cuthbert's CE Primary and Moorside Infants" (the
    model's second span began inside the first: "CE Primary and Moorside Infants")."""
    text = ("The hearing at Nottingham Coroner's Court was told of the shifts. Closures hit "
            "St Cuthbert's CE Primary and Moorside Infants, and the Bakers' Union objected.")
    raw = [_at(text, "Nottingham Coroner's Court", "PERSON"), _at(text, "St Cuthbert", "PERSON"),
           _at(text, "CE Primary and Moorside Infants", "ORG"), _at(text, "Bakers", "ORG")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert {n: e.type for n, e in ents.items()} == {
        "Nottingham Coroner's Court": "organization", "St Cuthbert's CE Primary": "organization",
        "Moorside Infants": "organization", "Bakers' Union": "organization"}
    # A body's words go on ("St Mary's Hospital Trust": no scrap "Trust" of the model's
    # span begun inside it); an office is no body ("The Children's Commissioner, Dame
    # Rachel Mercer": reviewers')
    text = ("St Mary's Hospital Trust apologised. The Children's Commissioner, Dame Rachel "
            "Mercer, said schools must do more.")
    raw = [_at(text, "St Mary", "ORG"), _at(text, "Hospital Trust", "ORG"),
           _at(text, "Children", "ORG"), _at(text, "Rachel Mercer", "PERSON")]
    names = {e.name for e in link_entities(Doc(text=text, source="t"), raw)}
    assert "St Mary's Hospital Trust" in names and "Trust" not in names
    assert not any("Commissioner" in n for n in names)


def test_a_saints_name_before_a_place_named_after_them_is_that_place():
    """The model stops at the saint ("St Anne's" of "St Anne's Hall"): the name is the
    hall's, a place; a saint named alone stays as the model read it."""
    text = ("Cooling centres open at St Anne's Hall and St Mary's Church from Monday. "
            "Parishioners prayed to St Anne.")
    raw = [(text.index("St Anne's"), text.index("St Anne's") + 9, "PERSON"),
           _at(text, "St Mary", "ORG"), _at(text, "St Anne", "PERSON", 1)]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert ents["St Anne's Hall"].type == "place"
    assert ents["St Mary's Church"].type == "place"
    assert [m.text for m in ents["St Anne's Hall"].mentions] == ["St Anne's Hall"]
    assert [m.text for m in ents["St Anne"].mentions] == ["St Anne"]
    # A green needs the possessive ("St Albans Green Belt" is the town's); a school, a road
    # or a bay does not, and words for places go on ("St Mary's Primary School").
    text = ("Voters in St Albans Green Belt areas, pupils of St Albans School and St Mary's "
            "Primary School, and residents of St Johns Road objected.")
    raw = [_at(text, "St Albans", "GPE"), _at(text, "St Albans", "GPE", 1),
           _at(text, "St Mary's", "PERSON"), _at(text, "St Johns", "PERSON")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert set(ents) == {"St Albans", "St Albans School", "St Mary's Primary School",
                         "St Johns Road"}, set(ents)
    assert ents["St Albans School"].type == ents["St Mary's Primary School"].type == \
        "organization"
    assert ents["St Johns Road"].type == "place"


def test_a_chain_named_after_its_founder_is_not_the_founder():
    """"Fenwick's, the chain named after its founder Harold Fenwick": the possessive names
    the chain (an organisation), and "Fenwick's" beside it elsewhere may be the chain's:
    neither is linked to the man."""
    text = ("Shops including Pellow's and Grocer Direct removed the packs. Pellow's, the "
            "chain named after its founder Harold Pellow, put up a notice.")
    raw = [_at(text, "Pellow", "PERSON"), _at(text, "Grocer Direct", "ORG"),
           _at(text, "Pellow", "PERSON", 1), _at(text, "Harold Pellow", "PERSON")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert [m.text for m in ents["Harold Pellow"].mentions] == ["Harold Pellow"]
    assert ents["Pellow"].type == "organization"
    assert [m.start for m in ents["Pellow"].mentions] == [text.index("Pellow's, the")]


def test_a_name_the_model_cut_at_its_small_word_is_one_name():
    """"Centre" + "for" + "Dryland Research", "Via" + "dei" + "Tessitori": one name (an
    organisation, a street); a person "of" a place stays two ("Tlaib of Michigan")."""
    text = ("Ola Berg of the Centre for Dryland Research walked along Via dei Tessitori with "
            "Tlaib of Michigan.")
    raw = [_at(text, "Ola Berg", "PERSON"), _at(text, "Centre", "GPE"),
           _at(text, "Dryland Research", "ORG"), _at(text, "Via", "ORG"),
           _at(text, "Tessitori", "FAC"), _at(text, "Tlaib", "PERSON"),
           _at(text, "Michigan", "GPE")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert set(ents) == {"Ola Berg", "Centre for Dryland Research", "Via dei Tessitori",
                         "Tlaib", "Michigan"}, set(ents)
    assert ents["Centre for Dryland Research"].type == "organization"
    assert ents["Via dei Tessitori"].type == "place"
    # Not two places over an English "do", nor a show's name "for" a network.
    text = "Fans said Germany do France a favour. Ana Ruiz starred in Friends for NBC."
    raw = [_at(text, "Germany", "GPE"), _at(text, "France", "GPE"),
           _at(text, "Ana Ruiz", "PERSON"), _at(text, "Friends", "WORK_OF_ART"),
           _at(text, "NBC", "ORG")]
    assert set(by_name(link_entities(Doc(text=text, source="t"), raw))) == {
        "Germany", "France", "Ana Ruiz", "NBC"}
    # Whatever the model called the head; two spans of one label over a Romance particle.
    text = ("Friends of the Earth and the Institute of Fiscal Studies met in Rio de Janeiro "
            "with Ortega y Gasset.")
    raw = [_at(text, "Friends", "ORG"), _at(text, "Earth", "LOC"),
           _at(text, "Institute", "PERSON"), _at(text, "Fiscal Studies", "ORG"),
           _at(text, "Rio", "GPE"), _at(text, "Janeiro", "GPE"), _at(text, "Ortega", "PERSON"),
           _at(text, "Gasset", "PERSON")]
    assert set(by_name(link_entities(Doc(text=text, source="t"), raw))) == {
        "Friends of the Earth", "Institute of Fiscal Studies", "Rio de Janeiro",
        "Ortega y Gasset"}
    # Two places over a Spanish "and"; a body's head before a place's possessive.
    text = "Fans from Madrid y Barcelona asked the Commission for the Netherlands' figures."
    raw = [_at(text, "Madrid", "GPE"), _at(text, "Barcelona", "GPE"),
           _at(text, "Commission", "ORG"), _at(text, "Netherlands", "GPE")]
    assert set(by_name(link_entities(Doc(text=text, source="t"), raw))) == {
        "Madrid", "Barcelona", "Netherlands"}  # ("Commission" alone is no name)


def test_a_name_stops_at_a_bracket_a_code_or_a_postcode():
    """The model's span over a bracket ("Hughes (Doyle 65" of a team sheet; "the World Health
    Organization (WHO)"), a code's first part ("NFSP-2021" of "NFSP-2021-044") and a town
    with its postcode ("Eastmere EM3 7LP"): the name before the bracket, no name, the town."""
    text = ("Carver, Hughes (Doyle 65), Lindqvist. The World Health Organization (WHO) and the "
            "World Health Organization agreed. Grant NFSP-2021-044 paid. Write to 4 Guild "
            "Street, Eastmere EM3 7LP.")
    raw = [_at(text, "Hughes (Doyle 65", "ORG"),
           _at(text, "World Health Organization (WHO)", "ORG"),
           _at(text, "World Health Organization", "ORG", 1), _at(text, "NFSP-2021", "ORG"),
           _at(text, "Eastmere EM3 7LP", "PERSON")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert set(ents) == {"Hughes", "World Health Organization", "Eastmere"}, set(ents)
    assert len(ents["World Health Organization"].mentions) == 2
    assert ents["Eastmere"].type == "place"


@pytest.mark.parametrize("analyzer", ["entities", "entities_rules"])
def test_a_cards_date_is_no_name_its_author_is(analyzer):
    """A post copied header first ("Name (@handle) · Mar 24, 2025"): its date is no
    name ("Mar" was a person, in two posts); the post's own words are read."""
    text = ("The row over the levy grew on Monday.\n\nGarrick Holtby (@GHoltbyMP) · Mar 24, 2025\n"
            "Eleven flights in one year, and Senator Marisol Quennell wants to tax your holiday."
            "\n— posted on X\n\nLena Varga (@lenav) · Mar 26, 2025\nI support the levy.\n"
            "— posted on X\n\nMarisol Quennell said she would publish the log.")
    doc = analysed(text + "\n\nHoltby, who leads the opposition, did not reply.",
                   ["posts", analyzer])
    assert len(doc.posts) == 2
    assert "Mar" not in by_name(doc.entities)
    assert 0 in {m.post for e in doc.entities if e.name == "Marisol Quennell" for m in e.mentions}
    # The header's name is a mention of the card's author (a reviewer's: the whole header
    # blanked lost people named there and by surname later).
    assert "Garrick Holtby" in by_name(doc.entities)
    # A card the posts layer does not read (no trailer line) keeps no date as a name either.
    bare = ("The parking row went on.\n\nHolmbury Parking @HolmburyParking · Mar 3, 2023\n"
            "Charges on Fairholme Road start in April.\n\nResidents were not told.")
    assert "Mar" not in by_name(analysed(bare, ["posts", analyzer]).entities)


@pytest.mark.parametrize("analyzer", ["entities", "entities_rules"])
def test_a_priests_title_is_no_name(analyzer):
    """"Fr." and "Msgr." (Father, Monsignor) are titles, as "Dr." is: never a person of their
    own, nor part of the name, even where a line break follows them (one sentence per line,
    as in PTC: "sack Fr." / "Thomas Weinandy, a former …")."""
    text = ("Critics attacked the decision to sack Fr.\nThomas Weinandy, a former official, "
            "warned the bishops.\nIn a letter, Fr.\nWeinandy said the bishops were wrong.\n"
            "Msgr Paul Okoro agreed with Weinandy on Monday.")
    names = by_name(analysed(text, ["posts", analyzer]).entities)
    assert not {"Fr", "Msgr", "Fr. Weinandy"} & set(names), names
    assert "Thomas Weinandy" in names


def test_offices_in_capitals_a_questions_will_and_a_firms_suffix_are_no_names():
    """"Will" opening a question before a full name is the modal ("Will Rhea Lindqvist
    run again?"); an office in capitals before a name is no part of it ("MEP Corin
    Vale", "Deputy AG Nils Amsel") nor a name alone; a firm's suffix cut from its name
    (", LLC") is none; a portfolio the text writes only before an office and a name
    ("National Security Adviser Ilse Brandt") is no body; two capitals before a surname
    may be initials ("DA Pennebaker"). A given name "Will" outside a
    question, and a surname alone after it, stay; so does a body the text also names
    without the office ("Treasury Secretary Otto Kamm … the Treasury's staff"), and a body
    named before one ("Foreign Office Minister"). Where the model's span stops short of a
    name the text writes out ("Will Tamsin" of "Will Tamsin Okoro be heard?"), the name is
    the whole of it; not where it does not ("Will Hurd Texas seat flip?")."""
    text = ("Will Rhea Lindqvist run again? Her allies say yes.\n\n"
            "Former party leader and MEP Corin Vale said the count was wrong. Vale later "
            "apologised. Deputy AG Nils Amsel and National Security Adviser Ilse Brandt met "
            "Treasury Secretary Otto Kamm; the Treasury's staff said little. Foreign Office "
            "Minister Ada Fenn came. Filmmaker DA Pennebaker did not.\n\n"
            "Will Smethurst said he would stand. Will Okafor stay? Will Tamsin Okoro be "
            "heard? Tamsin Okoro may be. Will Hurd Texas seat flip? Distributed by Quayside "
            "Content Agency, LLC.")
    raw = [_at(text, "Will Rhea Lindqvist", "PERSON"), _at(text, "MEP Corin Vale", "PERSON"),
           _at(text, "Vale", "PERSON", 1), _at(text, "AG", "ORG"),
           _at(text, "Nils Amsel", "PERSON"), _at(text, "National Security", "ORG"),
           _at(text, "Ilse Brandt", "PERSON"), _at(text, "Treasury", "ORG"),
           _at(text, "Otto Kamm", "PERSON"), _at(text, "Treasury", "ORG", 1),
           _at(text, "Will Smethurst", "PERSON"), _at(text, "Will Okafor", "PERSON"),
           _at(text, "Will Tamsin", "PERSON"), _at(text, "Foreign Office", "ORG"),
           _at(text, "Ada Fenn", "PERSON"), _at(text, "DA Pennebaker", "PERSON"),
           _at(text, "Will Hurd", "PERSON"), _at(text, "Quayside Content Agency", "ORG"),
           _at(text, "LLC", "ORG")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert set(ents) == {"Rhea Lindqvist", "Corin Vale", "Nils Amsel", "Ilse Brandt",
                         "Treasury", "Otto Kamm", "Will Smethurst", "Will Okafor",
                         "Tamsin Okoro", "Foreign Office", "Ada Fenn", "DA Pennebaker",
                         "Will Hurd", "Quayside Content Agency"}, set(ents)
    assert [m.text for m in ents["Corin Vale"].mentions] == ["Corin Vale", "Vale"]
    assert [m.text for m in ents["Treasury"].mentions] == ["Treasury", "Treasury"]
    assert [m.text for m in ents["Tamsin Okoro"].mentions] == ["Tamsin Okoro"] * 2


def test_a_datelines_town_before_a_states_abbreviation_is_a_place():
    """A dateline's town before a United States state's abbreviation ("Harlan Falls, TX
    —", "LONE MESA, N.M. (AP) —") is a place whatever the model called it, and so is the
    state's code; a comma and a state inside a sentence may be anything ("the Mayo
    Clinic, Minn., said", "Marsh, OK — she knows"), and those keep their types."""
    text = ("Harlan Falls, TX — Police said on Monday that the road was shut.\n\n"
            "LONE MESA, N.M. (AP) — A fire burned all night. Ruth Ansel, Okla., wrote in. "
            "Dunmore Clinic, Ga., said more. \"Trust Marsh, OK — she knows,\" he said.\n"
            "Quill Labs, Calif., said it would hire.")
    raw = [_at(text, "Harlan Falls", "ORG"), _at(text, "TX", "ORG"),
           _at(text, "LONE MESA", "ORG"), _at(text, "Ruth Ansel", "PERSON"),
           _at(text, "Dunmore Clinic", "ORG"), _at(text, "Marsh", "PERSON"),
           _at(text, "Quill Labs", "ORG")]
    types = {e.name: e.type for e in link_entities(Doc(text=text, source="t"), raw)}
    assert types == {"Harlan Falls": "place", "TX": "place", "LONE MESA": "place",
                     "Ruth Ansel": "person", "Dunmore Clinic": "organization",
                     "Marsh": "person", "Quill Labs": "organization"}, types


def test_a_names_edges_a_slash_a_hyphen_and_a_small_word():
    """Two names a slash joins are two (the first kept), a double-barrelled name the model
    cut at its hyphen is whole ("Trump-Russia", whose halves the text writes alone, is not
    one name), a name never ends on a small word in lower case, and a byline's "Readers'
    Editor" is a role (an audit's articles showed "Millbeck RdKiln St", "Ashby", "Orran
    Isles as" and "Readers")."""
    text = ("By Tessa Quill, Readers' Editor\n\n"
            "The stop at Millbeck Rd/Kiln St moved. Kwame Ashby-Lorne spoke. Ashby-Lorne's "
            "agent agreed. Ferries to the Orran Isles as the storm hit were cancelled. The "
            "Trump-Russia inquiry ended; Trump and Russia said nothing. The US-Mexico "
            "border and the National 9/11 Memorial were named. (AP Photo / Jo Reyes)")
    raw = [_at(text, "Tessa Quill", "PERSON"), _at(text, "Readers", "ORG"),
           _at(text, "Millbeck Rd/Kiln St", "FAC"), _at(text, "Kwame Ashby-Lorne", "PERSON"),
           _at(text, "Ashby", "ORG", 1), _at(text, "Orran Isles as", "LOC"),
           _at(text, "Trump", "PERSON"), _at(text, "Trump", "PERSON", 1),
           _at(text, "Russia", "GPE", 1), _at(text, "US", "GPE"),
           _at(text, "the National 9/11 Memorial", "ORG"), _at(text, "AP Photo / Jo Reyes", "ORG")]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert {"Millbeck Rd", "Kwame Ashby-Lorne", "Orran Isles", "Trump", "Russia",
            "United States", "National 9/11 Memorial"} <= set(ents), set(ents)
    assert not {"Readers", "Readers' Editor", "Ashby", "Orran Isles as", "Trump-Russia"} & set(
        ents), set(ents)
    assert not any("Kiln" in n or "Reyes" in n for n in ents), set(ents)
    assert [m.text for m in ents["Kwame Ashby-Lorne"].mentions] == [
        "Kwame Ashby-Lorne", "Ashby-Lorne"]
    # One word with its slash, as written (not "ACDC"); a firm's pair of names and a suffix
    # with a slash are not cut; a possessive is a half written alone; a pair before what it
    # shares is no name.
    text = ("Fans of the band AC/DC cheered. Lowe/Frey Architects and Halvard Marine A/S "
            "bid. Merck's shares rose; the Merck-Pfizer deal stalled. The Hartley/Moss "
            "Foundation gave; its founder, Edmund Hartley, died.")
    raw = [_at(text, s, "ORG") for s in ("AC/DC", "Lowe/Frey Architects", "Halvard Marine A/S",
                                         "The Hartley/Moss Foundation")]
    raw += [_at(text, "Edmund Hartley", "PERSON")]
    raw += [_at(text, "Merck", "ORG", 1)]
    ents = by_name(link_entities(Doc(text=text, source="t"), raw))
    assert {"AC/DC", "Lowe/Frey Architects", "Halvard Marine A/S", "Merck",
            "Hartley/Moss Foundation"} <= set(ents), set(ents)
    assert len(ents["Edmund Hartley"].mentions) == 1
    assert not any("Pfizer" in n for n in ents), set(ents)


def test_a_word_that_goes_on_into_another_name_is_not_short_for_one():
    """A lone word the model cut from a longer name ("Innish" of "the Innish Isles") is not
    short for a full name that goes on otherwise ("Innish Line", which the model typed a
    person): an audit's islands were underlined as the ferry company. A word that goes on
    into the full name's own next word, or stands alone, still is."""
    text = ("Innish Line will raise fares in March. Islanders in the Innish Isles say the "
            "rise will hurt, and Innish will lose trade, the shop owner said.")
    got = _linked(text, [("Innish Line", "PERSON"), ("Innish", "PERSON")])
    assert got["Innish Line"] == ["Innish", "Innish Line"]  # "Innish will lose": alone
    assert got["Innish"] == ["Innish"]  # "the Innish Isles": another name's word
    text = ("Ana Ruiz runs the yard. Ruiz Construction, her brother's firm, built the pier. "
            "Ruiz said the work was late.")
    got = _linked(text, [("Ana Ruiz", "PERSON"), ("Ruiz", "PERSON")])
    assert got["Ana Ruiz"] == ["Ana Ruiz", "Ruiz"]  # "Ruiz said", not the firm's
    # ... nor a day, a postnominal or a suffix after it (a reviewer's).
    text = "Ana Ruiz runs the yard. Pupils met Ruiz Monday. Ruiz MP said so. Ruiz Jr agreed."
    got = _linked(text, [("Ana Ruiz", "PERSON"), ("Ruiz", "PERSON")])
    assert got["Ana Ruiz"] == ["Ana Ruiz", "Ruiz", "Ruiz", "Ruiz"]
    # ... but a title-case headline's next capital says nothing.
    text = "Ruiz Slams Council Over Pier\n\nAna Ruiz runs the yard. Ruiz said it was late."
    got = _linked(text, [("Ana Ruiz", "PERSON"), ("Ruiz", "PERSON")])
    assert got["Ana Ruiz"] == ["Ana Ruiz", "Ruiz", "Ruiz"]


def test_a_first_name_alone_that_brings_in_someone_new_is_not_the_named_persons():
    """"a mother, Dana, wrote" is someone new, not the board member Dana Pruitt, there
    and after (a fresh audit's school board story). A first name alone in a text that uses
    it for the person still links."""
    def run(text, firsts):
        d = Doc(text=text, source="t")
        i = text.index("Dana Pruitt")
        raw = [(i, i + 11, "PERSON")] + [(m.start(), m.end(), "PERSON")
                                          for m in re.finditer(r"\bDana\b(?! Pruitt)", text)]
        assert len(raw) == 1 + firsts
        return by_name(link_entities(d, raw))

    ents = run("Board member Dana Pruitt spoke first. A mother, Dana, wrote that she had "
               "found out from a screenshot.", 1)
    assert [m.text for m in ents["Dana Pruitt"].mentions] == ["Dana Pruitt"]
    assert "Dana" in ents
    ents = run("Board member Dana Pruitt spoke first. A mother, Dana, wrote to the board. "
               "Later Dana spoke at the meeting.", 2)
    assert [m.text for m in ents["Dana Pruitt"].mentions] == ["Dana Pruitt"]
    # Not a thing or a manner before the comma, nor a name the comma does not close.
    ents = run("Dana Pruitt spoke. It is a profound tragedy, Dana, the way they treat you.", 1)
    assert [m.text for m in ents["Dana Pruitt"].mentions] == ["Dana Pruitt", "Dana"]
    ents = run("Dana Pruitt spoke. As a person, Dana is kind.", 1)
    assert [m.text for m in ents["Dana Pruitt"].mentions] == ["Dana Pruitt", "Dana"]
    ents = run("Dana Pruitt, 7, loves the library. Dana reads every night.", 1)
    assert [m.text for m in ents["Dana Pruitt"].mentions] == ["Dana Pruitt", "Dana"]


@pytest.mark.parametrize(("text", "span", "kept"), [
    ("He writes on X. The next day the post is edited.", "X. The", None),
    ("The logo uses a capital I. In most fonts it is a line.", "I. In", None),
    ("The post went up on Tallis. Her apology came later.", "Tallis. Her", "Tallis"),
    ("The firm moved to Washington D.C. The office opened.", "Washington D.C. The",
     "Washington D.C"),
    # An initial, an abbreviation: a name goes on.
    ("J. Edgar Hoover ran the bureau.", "J. Edgar Hoover", "J. Edgar Hoover"),
    ("Shares in U.S. Steel rose.", "U.S. Steel", "U.S. Steel"),
    # A middle initial before a surname that is also a word (a reviewer's).
    ("Brian H. May, the chief executive, said so.", "Brian H. May", "Brian H. May"),
    ("Her lawyer, Kou C. Her, said so.", "Kou C. Her", "Kou C. Her"),
    ("The firm is Paul R. Still and Partners.", "Paul R. Still", "Paul R. Still"),
    ("The economist Alvin Y. So said so.", "Alvin Y. So", "Alvin Y. So"),
    ("He studied at St. Which College for years.", "St. Which College", "St. Which College"),
    # The platform X ending a sentence (a fresh audit's "replied to her on X. Within the
    # hour"); an initial goes on, whatever word follows it.
    ("He replied to her on X. Within the hour he deleted it.", "X. Within", None),
    ("He replied on X. Hours later he deleted it.", "X. Hours", None),
    ("The director J. Edgar Hoover ran the bureau.", "J. Edgar Hoover", "J. Edgar Hoover"),
    ("The prize went to X. Wang of Ashby University.", "X. Wang", "X. Wang"),
    # ... and one whose given name is also a word (a reviewer's).
    ("The attorney W. Mark Tilby said so.", "W. Mark Tilby", "W. Mark Tilby"),
    ("The novelist A. Rose Pellow said so.", "A. Rose Pellow", "A. Rose Pellow"),
    ("It was led by economist P. Young. He said so.", "P. Young", "P. Young"),
    ("It was led by economist P. Young of Ashby University.", "P. Young", "P. Young"),
    ("It was led by investor R. Will Carrow, who bought it.", "R. Will Carrow", "R. Will Carrow"),
    # Nor over a headline's colon (its topic, then its news).
    ("Cedar Gap Fire: Mount Ellery ordered to evacuate", "Cedar Gap Fire: Mount Ellery",
     "Cedar Gap Fire"),
])
def test_a_name_ends_where_a_function_word_opens_the_next_sentence(text, span, kept):
    """The model's span runs past a sentence's end ("X. The", "I. In", a fresh audit's):
    cut where a function word opens the next sentence; a letter alone is no name."""
    i = text.index(span)
    names = [e.name for e in link_entities(Doc(text=text, source="t"),
                                           [(i, i + len(span), "ORG")])]
    assert names == ([kept] if kept else [])


@pytest.mark.parametrize(("text", "span", "names"), [
    # Two names the text also writes apart (a fresh audit's "between Wexmoor and
    # Hatherby"), or a second that opens with "The".
    ("Buses between Wexmoor and Hatherby stop. Towns like Wexmoor are cut off; those "
     "near Hatherby are not.",
     "Wexmoor and Hatherby", ["Wexmoor", "Hatherby"]),
    ("Writers at the Intercept and The New Yorker covered it.",
     "Intercept and The New Yorker", ["Intercept", "New Yorker"]),
    ("The gig at Corrigan Hall in Lowmarsh sold out, and traders in Lowmarsh are pleased.",
     "Corrigan Hall in Lowmarsh", ["Corrigan Hall", "Lowmarsh"]),
    # Two streets, written once (a fresh audit's flood warning); a band named so, with no
    # preposition of place before it, stays one (a reviewer's)
    ("Properties on Holt Road and Bridge Street are at risk.", "Holt Road and Bridge Street",
     ["Holt Road", "Bridge Street"]),
    ("Pop group Abbey Road and Carnaby Street released a single.", "Abbey Road and Carnaby Street",
     ["Abbey Road and Carnaby Street"]),
    # One name: its parts are not written apart, or the part before "in" is one word.
    ("A spokesman for Immigration and Customs Enforcement declined to comment.",
     "Immigration and Customs Enforcement", ["Immigration and Customs Enforcement"]),
    ("The Orthodox Church in America met. America is large.", "Church in America",
     ["Church in America"]),
    ("The Church in America has failed. America is large.", "The Church in America",
     ["Church in America"]),
    ("The International Traffic in Arms Regulations apply.",
     "International Traffic in Arms Regulations", ["International Traffic in Arms Regulations"]),
    # Parts written apart only where a sentence opens, or familiar words (a reviewer's).
    ("Lowmarsh Women in Business met. Business was good.", "Lowmarsh Women in Business",
     ["Lowmarsh Women in Business"]),
    ("Drinks at the Rose and Crown went up. A rose grew by the crown.", "Rose and Crown",
     ["Rose and Crown"]),
    ("Vance and Parker opened a store. Vance and Parker\u2019s staff cheered.",
     "Vance and Parker", ["Vance and Parker"]),
])
def test_a_span_that_joins_two_names_the_text_writes_apart_is_cut(text, span, names):
    i = text.index(span)
    found = [e.name for e in link_entities(Doc(text=text, source="t"),
                                           [(i, i + len(span), "ORG")])]
    assert sorted(found) == sorted(names)


def test_a_firm_named_for_its_founders_with_and_stays_whole():
    text = ("Chidi Okafor and Sanna Lind met at school. Okafor and Lind, their firm, hires. "
            "Okafor is 40; Lind is 41.")
    i = text.index("Okafor and Lind,")
    names = [e.name for e in link_entities(Doc(text=text, source="t"),
                                           [(i, i + 15, "ORG")])]
    assert names == ["Okafor and Lind"]


@pytest.mark.parametrize("text", [
    # The named person herself: a verb "named"/"called", an address, what she is.
    "Dana Pruitt waded in. A neighbour called Dana at 2am. Dana carried three children.",
    "Dana Pruitt was six. Her parents named Dana after her grandmother.",
    "Dana Pruitt nursed for decades.\n\nQ: You were a nurse, Dana, for two decades?",
    "Dana Pruitt teaches. As a teacher, Dana, 47, spent 20 years in one school.",
    'Dana Pruitt helped. "You are a good friend, Dana," a parent told her.',
])
def test_a_first_name_that_is_the_named_persons_still_links(text):
    """A reviewer's probes: the named person called by her first name is hers."""
    d = Doc(text=text, source="t")
    i = text.index("Dana Pruitt")
    raw = [(i, i + 11, "PERSON")] + [(m.start(), m.end(), "PERSON")
                                      for m in re.finditer(r"\bDana\b(?! Pruitt)", text)]
    ents = by_name(link_entities(d, raw))
    assert "Dana" not in ents


def test_a_place_word_is_not_linked_to_a_longer_name_that_ends_with_it():
    """"the Ferrow river", "the Ferrow farmers" beside a "Ferrow Valley", words the model
    called a place: the place's word, not the campaign "Save Ferrow" it called a person
    (three fresh audits); a surname beside a building of its name stays the person's (and
    a word the model called a person is left to the surname rules: "Rose Tilby … Tilby
    Farm … Tilby said", a reviewer's)."""
    text = ("The Save Ferrow campaign began in May. Save Ferrow wants to stop a dam on the "
            "Ferrow river. Farmers in the Ferrow Valley are split; a councillor told the "
            "Ferrow farmers to wait.")
    raw = [(m.start(), m.end(), "PERSON") for m in re.finditer(r"Save Ferrow", text)]
    raw += [(m.start(), m.end(), "LOC") for m in re.finditer(r"(?<!Save )Ferrow(?! Valley)",
                                                             text)]
    i = text.index("Ferrow Valley")
    raw.append((i, i + 13, "LOC"))
    ents = {e.name: e for e in link_entities(Doc(text=text, source="t"), raw)}
    assert [m.text for m in ents["Save Ferrow"].mentions] == ["Save Ferrow", "Save Ferrow"]
    text = "Donald Trump spoke at Trump Tower on Monday. Trump said he would win."
    raw = [(0, 12, "PERSON"), (22, 33, "FAC"), (text.rindex("Trump"), text.rindex("Trump") + 5,
                                                "PERSON")]
    ents = {e.name: e for e in link_entities(Doc(text=text, source="t"), raw)}
    assert [m.text for m in ents["Donald Trump"].mentions] == ["Donald Trump", "Trump"]


def test_look_alike_accounts_and_an_impostors_are_no_ones_alias():
    """Several accounts that would all name one person ("@tobiaswren", "@tobias_wren",
    "@tobiaswren1": a fresh audit's scam story gave an impostor's to the chef), or one its
    sentence calls a fake account: none is linked to the person, but one its sentence
    calls real, verified or official. One account alone still is, "fake news" or not (a
    reviewer's)."""
    many = ("Tobias Wren is a chef. Impostors include @tobias_wren and @tobiaswren1. "
            "He posts as @tobiaswren.")
    assert _linked(many, [("Tobias Wren", "PERSON")]) == {"Tobias Wren": ["Tobias Wren"]}
    real = many.replace("He posts as @tobiaswren.", "His verified account is @tobiaswren.")
    assert _linked(real, [("Tobias Wren", "PERSON")]) == {
        "Tobias Wren": ["@tobiaswren", "Tobias Wren"]}
    fake = "Tobias Wren is a chef. A fake account, @tobias_wren, asked fans for money."
    assert _linked(fake, [("Tobias Wren", "PERSON")]) == {"Tobias Wren": ["Tobias Wren"]}
    one = "Tobias Wren is a chef. He posts as @tobias_wren about fake news every morning."
    assert _linked(one, [("Tobias Wren", "PERSON")]) == {
        "Tobias Wren": ["@tobias_wren", "Tobias Wren"]}


def test_a_first_name_the_text_gives_an_animal_is_not_the_persons():
    """"Hector, a spaniel" beside "Hector Blane, a postman" (a fresh audit's lost-dog story
    linked the dog to the man): the first name alone is the dog's. Without an animal or a
    thing of that name, the first name alone is the person's."""
    dog = ("Hector, a four-year-old spaniel, bolted on Friday. Volunteers searched for Hector "
           "all week. Then Hector Blane, a postman, found him. Hector Blane rang the owner.")
    got = _linked(dog, [("Hector Blane", "PERSON"), ("Hector", "PERSON")])
    assert got["Hector Blane"] == ["Hector Blane", "Hector Blane"]
    person = ("Hector Blane, a postman, found the dog on Friday. Later, Hector rang the "
              "owner.")
    assert _linked(person, [("Hector Blane", "PERSON"), ("Hector", "PERSON")]) == {
        "Hector Blane": ["Hector", "Hector Blane"]}


@pytest.mark.parametrize(("written", "name"), [
    ("By Megan Ashworth", "Megan Ashworth"), ("Independent Paul Ashdown", "Paul Ashdown"),
    ("Neighbour Tom Haddock", "Tom Haddock"),
    # A nickname's closing quotation mark ("co-host 'Bear' Ellison"), not a plural's
    # possessive nor a name's apostrophe.
    ("Bear' Ellison", "Ellison"), ("Jones' Ellison", "Jones' Ellison"), ("Tom O'Neill",
                                                                          "Tom O'Neill"),
    ("Podcaster Cal Dunmore", "Cal Dunmore"),
    # Not a greeting: a song's or a column's title, a parody's or a tribute's name.
    ("Hey Jude", "Hey Jude"), ("Dear Abby", "Dear Abby"), ("Fake Ruth Delaney",
                                                          "Fake Ruth Delaney"),
    ("RIP Gerry Dunn", "RIP Gerry Dunn"),
])
def test_a_byline_word_is_no_part_of_a_name(written, name):
    assert clean_name(written, person=True) == name


def test_a_small_word_capitalised_before_a_surname_may_be_another_given_name():
    """"Her father, Per Lindqvist," beside Kaia Lindqvist (a fresh audit's: his words and
    his name went to her): "Per" is a name there, and "Lindqvist" alone no one's."""
    text = ("Kaia Lindqvist was suspended. Her father, Per Lindqvist, a former swimmer, "
            "spoke. Lindqvist, 24, denies it.")
    assert _linked(text, [("Kaia Lindqvist", "PERSON")]) == {"Kaia Lindqvist": [
        "Kaia Lindqvist"]}
    # ... a given name that is a word only: not a title, a chant or a film (a reviewer's)
    for other in ("Pupils call her Miss Calder.", "Fans chanted Go Calder.",
                  "A film, Becoming Calder, opened.", "Elder Calder flew home."):
        text = f"Ruth Calder retired. {other} Calder said it was a joy."
        assert _linked(text, [("Ruth Calder", "PERSON")])["Ruth Calder"][-1] == "Ruth Calder"
        assert len(_linked(text, [("Ruth Calder", "PERSON")])["Ruth Calder"]) >= 2, other


def test_a_body_read_as_a_person_leaves_a_places_name_alone():
    """Where the rules or the model read a body as a person ("Health Canada", "Engineers
    Australia"), the country alone is no mention of it, nor is a dateline's town ("Pedal
    Ashbourne": fresh audits')."""
    text = ("By Ana Ruiz\nAshbourne, 19 September 2024\n\nMedaPlus, Canada's third-largest "
            "chain, recalled the syrup. Health Canada approved. He trained in Germany before "
            "returning to Australia. Engineers Australia said nothing. Ashbourne City Council "
            "met. Pedal Ashbourne replied. Ruth Delmore spoke. Delmore left.")
    got = _linked(text, [("Health Canada", "PERSON"), ("Engineers Australia", "PERSON"),
                         ("Pedal Ashbourne", "PERSON"), ("Ruth Delmore", "PERSON")])
    assert got["Health Canada"] == ["Health Canada"]
    assert got["Engineers Australia"] == ["Engineers Australia"]
    assert got["Pedal Ashbourne"] == ["Pedal Ashbourne"]
    assert got["Ruth Delmore"] == ["Delmore", "Ruth Delmore"]  # a surname stays a surname
    # ... a person's too, where it is a country's or a town's (a reviewer's)
    text = ("Ruth England has been appointed. England said she was thrilled. Cllr Ann "
            "Preston quit as leader of Preston City Council. Preston said it was an honour.")
    got = _linked(text, [("Ruth England", "PERSON"), ("Ann Preston", "PERSON"),
                         ("Preston City Council", "ORG")])
    assert got["Ruth England"] == ["England", "Ruth England"]
    assert got["Ann Preston"] == ["Ann Preston", "Preston"]
    # (a given name ending in "s" is no plural: "Miles England", "Wes England" — a read-through's)
    for first in ("Miles", "Wes"):
        text = f"{first} England was appointed. England said she was thrilled."
        assert _linked(text, [(f"{first} England", "PERSON")])[f"{first} England"] == [
            "England", f"{first} England"]
    # ... but only where the words after make it the person's: "England won the Ashes" is
    # the team's (a reviewer's)
    text = ("Ruth England has been named chair. England won the Ashes, and England will tour "
            "India. England, the team beaten twice, will rest. England, a former banker, said "
            "she was honoured.")
    assert _linked(text, [("Ruth England", "PERSON")])["Ruth England"] == [
        "England", "Ruth England"]
    # (but a country's name after "in" is the country: "The inquiry will sit in Scotland")
    text = ("Patricia Scotland will chair the inquiry. Scotland said families deserve answers. "
            "The inquiry will sit in Scotland.")
    assert _linked(text, [("Patricia Scotland", "PERSON")])["Patricia Scotland"] == [
        "Patricia Scotland", "Scotland"]


def test_a_surname_two_people_share_is_whose_the_text_says():
    """Every "Cllr Brierley" is the one brought in as "Cllr Janet Brierley", beside a Helen
    Brierley (a fresh audit's council story); not where one use lacks the title. "Arden's
    sister, Mila Arden" makes "Arden" alone not hers, whoever the model missed; but
    "Teague's brother, Darnell Teague" does not make it Marcus Teague's (in an obituary or
    a court report the relative is as often the one quoted: a reviewer's)."""
    council = ("Cllr Janet Brierley chairs the committee. Cllr Brierley wrote in 2021 that "
               "she would oppose it. Helen Brierley, no relation, runs the group. Cllr "
               "Brierley declined to comment.")
    got = _linked(council, [("Janet Brierley", "PERSON"), ("Helen Brierley", "PERSON"),
                            ("Brierley", "PERSON")])
    assert got["Janet Brierley"] == ["Brierley", "Brierley", "Janet Brierley"]
    # (every use titled so: the full name with the title may come after them, as in a
    # column that names "President Donald Trump" last — the 664-text regression corpus)
    late = ("President Trump is disappointed. Harriet Trump, his critic, agreed. President "
            "Trump will visit. It was President Donald Trump's call.")
    got = _linked(late, [("Donald Trump", "PERSON"), ("Harriet Trump", "PERSON"),
                         ("Trump", "PERSON")])
    assert got["Donald Trump"] == ["Donald Trump", "Trump", "Trump"]
    # Where one use lacks the title, whose is unsure: no entity of both (a fresh audit's
    # "Hartigan" held Alan Hartigan's handle and Ruth Hartigan's title)
    bare = council.replace("Cllr Brierley declined", "Brierley declined")
    assert sorted(_linked(bare, [("Janet Brierley", "PERSON"), ("Helen Brierley", "PERSON"),
                                 ("Brierley", "PERSON")])) == ["Helen Brierley", "Janet Brierley"]
    # Each title the text brought one of them in with is hers or his alone ("Congressman
    # Vance", "Councilwoman Vance": a left-alone audit's); a title both had, or none, is
    # no one's, and the surname the model typed a body's after a title is no entity.
    family = ("Congressman Derek Vance and his sister, Councilwoman Paula Vance, spoke. "
              "Congressman Vance left early. Later Councilwoman Vance spoke again.")
    spans = [("Derek Vance", "PERSON"), ("Paula Vance", "PERSON"), ("Vance", "ORG")]
    got = _linked(family, spans)
    assert got == {"Derek Vance": ["Derek Vance", "Vance"],
                   "Paula Vance": ["Paula Vance", "Vance"]}
    raw = [(m.start(), m.end(), "PERSON") for m in re.finditer(r"\w+ Vance", family)
           if m.group().split()[0] in ("Derek", "Paula")]
    whose = {family[m.start - 13:m.start].split()[-1]: e.name
             for e in link_entities(Doc(text=family, source="t"), raw)
             for m in e.mentions if m.text == "Vance"}
    assert whose == {"Congressman": "Derek Vance", "Councilwoman": "Paula Vance"}
    # A surname the text gives a title somewhere is a person's wherever the model typed
    # it a body's: two people's, no one's (a reviewer's "Penhaligon said" organisation).
    couple = ("Cr Rosa Penhaligon moved the motion. \"No,\" Cr Penhaligon said. Her "
              "husband, Geoff Penhaligon, spoke. Penhaligon said the farm was old.")
    got = _linked(couple, [("Rosa Penhaligon", "PERSON"), ("Geoff Penhaligon", "PERSON"),
                           ("Penhaligon", "ORG")])
    assert sorted(got) == ["Geoff Penhaligon", "Rosa Penhaligon"]
    both = family.replace("Councilwoman", "Congressman")
    got = _linked(both, spans)
    assert sorted(got) == ["Derek Vance", "Paula Vance"] and got["Derek Vance"] == [
        "Derek Vance"]
    # ... nor a place the model made of the surname; one woman written two ways is one
    text = ("Professor Alan Hartigan was suspended. Dr Ruth Hartigan is not related. The post "
            "came from Hartigan's account. Hartigan will be paid.")
    got = _linked(text, [("Alan Hartigan", "PERSON"), ("Ruth Hartigan", "PERSON"),
                         ("Hartigan", "GPE"), ("Hartigan", "PERSON")])
    assert sorted(got) == ["Alan Hartigan", "Ruth Hartigan"]
    # Two people, counted only where the names can be two people's (the model's spans over
    # the 664 texts of the regression corpus: a word stuck before a name, a spelling, a
    # title, a word of a body's name)
    from echoscope.analyzers.entities import _two_people
    t = "Abuser Keith Ellison and Dianna Feinstein, PM Orban and Reuters Clinton."
    assert _two_people(t, {"Alan Hartigan", "Ruth Hartigan"}, set())
    for fulls, not_given in (({"Keith Ellison", "Abuser Keith Ellison"}, set()),
                             ({"Dianna Feinstein", "Dianne Feinstein"}, set()),
                             ({"Christine Ford", "Christine Blasey Ford"}, set()),
                             ({"Viktor Orban", "PM Orban"}, set()),
                             ({"Joseph Ratzinger", "Cardinal Ratzinger"}, set()),
                             ({"Bill Clinton", "Reuters Clinton"}, {"Reuters"})):
        assert not _two_people(t, fulls, not_given), fulls
    brothers = ("Marcus Teague scored 30. Teague's mother, Lorraine Teague, watched. Teague "
                "said her son had worked hard.")
    got = _linked(brothers, [("Marcus Teague", "PERSON"), ("Lorraine Teague", "PERSON"),
                             ("Teague", "PERSON")])
    assert got["Marcus Teague"] == ["Marcus Teague"] and got["Lorraine Teague"] == [
        "Lorraine Teague"]
    sister = ("Felix Arden has split from his wife. Arden's sister, stylist Mila Arden, "
              "posted her support. Arden played Toronto on Tuesday.")
    got = _linked(sister, [("Felix Arden", "ORG"), ("Mila Arden", "PERSON"),
                           ("Arden", "PERSON")])
    assert got["Mila Arden"] == ["Mila Arden"]

def test_a_name_someone_goes_by_is_theirs():
    """'Brett "Bear" Ellison' is Brett Ellison, who goes by Bear (a fresh audit's podcast
    story split him into "Brett", "Bear" and "Ellison"); "who streams as Vexa", "known to
    fans as Fox" and "(real name Kieran Hollis)" make the stage name an alias."""
    text = ('Co-host Brett "Bazza" Ellison defended him. Ellison said the clip was cut. Bazza '
            'has hosted since 2019.')
    got = _linked(text, [("Brett", "PERSON"), ("Bazza", "ORG"), ("Ellison", "PERSON")])
    assert set(got) == {"Brett Ellison"}
    assert sorted(got["Brett Ellison"]) == sorted(['Brett "Bazza" Ellison', "Ellison", "Bazza"])
    # A nickname that is a word or a title is an alias, but its other uses are not his
    # ('Arthur "Duke" Pemberton' beside the Duke of Kent: a reviewer's); nor is the name
    # of a body that holds it ("Kestrel Airways", "a Kestrel spokesperson").
    duke = ('Arthur "Duke" Pemberton rode his last winner, watched by the Duke of Kent. '
            '"The Duke has been a great supporter," Pemberton said.')
    got = _linked(duke, [("Pemberton", "PERSON")])
    assert sorted(got["Arthur Pemberton"]) == sorted(['Arthur "Duke" Pemberton', "Pemberton"])
    kestrel = ("Mark Bell, who posts as Kestrel, filmed the engine. Kestrel Airways grounded "
               "the plane, a Kestrel spokesperson said.")
    got = _linked(kestrel, [("Mark Bell", "PERSON"), ("Kestrel Airways", "ORG"),
                            ("Kestrel", "ORG")])
    assert sorted(got["Mark Bell"]) == ["Kestrel", "Mark Bell"]
    stage = ("Rhiannon Tegg, who streams as Vexa, said little. Fans of Vexa rallied. "
             "DJ and producer KXLLR (real name Kieran Hollis) was blunter. KXLLR left.")
    got = _linked(stage, [("Rhiannon Tegg", "PERSON"), ("Vexa", "ORG"), ("KXLLR", "ORG"),
                          ("Kieran Hollis", "PERSON")])
    assert sorted(got["Rhiannon Tegg"]) == ["Rhiannon Tegg", "Vexa", "Vexa"]
    assert sorted(got["Kieran Hollis"]) == ["KXLLR", "KXLLR", "Kieran Hollis"]
    # "known to fans simply as KL9" (a fresh audit's: a second entity beside her).
    simply = "Kaya Lindgren, known to fans simply as KL9, is out. KL9 posted a photo."
    got = _linked(simply, [("Kaya Lindgren", "PERSON"), ("KL9", "ORG")])
    assert sorted(got["Kaya Lindgren"]) == ["KL9", "KL9", "Kaya Lindgren"]
    # "known on campus as KAB", "known around the yard as": where, in lower case (a fresh
    # audit's).
    campus = ("The union president, Kwame Adjei-Boateng, known on campus as KAB, spoke. KAB "
              "left.")
    got = _linked(campus, [("Kwame Adjei-Boateng", "PERSON"), ("KAB", "ORG")])
    assert sorted(got["Kwame Adjei-Boateng"]) == ["KAB", "KAB", "Kwame Adjei-Boateng"]
    for colt in ("The colt, trained by Dan Marsh, known to fans as Zephyr, won the cup.",
                 "The colt, trained by Dan Marsh, known around the yard as Zephyr, won.",
                 "The colt, trained in Lambourn by former jockey Dan Marsh, known to fans "
                 "simply as Zephyr, won the cup.",
                 "The club, under manager Dan Marsh, known to fans simply as Zephyr, won."):
        assert _linked(colt, [("Dan Marsh", "PERSON")]) == {"Dan Marsh": ["Dan Marsh"]}
    # A quotation between two names that is no nickname ("The Crown") is not one.
    show = 'Actor Tom Vance "The Crown" Hale'
    assert "Tom Vance" in _linked(show, [("Tom Vance", "PERSON"), ("Hale", "PERSON")])


def test_a_role_opening_the_sentence_before_a_name_is_no_part_of_it():
    """"Promoter Kestrel Live announced …", "Podcaster Cal Dunmore is …" (a fresh audit:
    each a second entity beside the name): a role word opening the sentence, where the
    text writes the name without it too."""
    text = ("Promoter Kestrel Live announced the cancellation. Fans blamed Kestrel Live. "
            "The promoter said sorry.")
    got = _linked(text, [("Promoter Kestrel Live", "ORG"), ("Kestrel Live", "ORG")])
    assert got == {"Kestrel Live": ["Kestrel Live", "Kestrel Live"]}
    # A given name opening the sentence stays ("Mary Anne Lee" beside "Anne Lee").
    names = "Mary Anne Lee spoke first. Later Anne Lee spoke."
    assert "Mary Anne Lee" in _linked(names, [("Mary Anne Lee", "PERSON"),
                                              ("Anne Lee", "PERSON")])


def test_a_greeting_or_a_sentence_adverb_opening_a_name_is_no_part_of_it():
    """A fresh audit: "Hi Malcolm, so sorry", "Honestly Kiki leaving is …" and "Meet
    Halo." in posts came out as the people "Hi Malcolm", "Honestly Kiki", "Meet Halo" (the
    model's spans, and the `fast` rule's runs of capitals); "Dear Julia Marsh" in a
    letter."""
    text = ('Malcolm Frew lost money. "Hi Malcolm, so sorry to hear this," the account said. '
            '"Honestly Kiki leaving is the best thing," wrote a fan. "Meet Halo. Pre-orders '
            'open now," Lumora posted. Halo costs $299.')
    got = _linked(text, [("Malcolm Frew", "PERSON"), ("Hi Malcolm", "PERSON"),
                         ("Honestly Kiki", "PERSON"), ("Meet Halo", "PERSON"),
                         ("Halo", "PRODUCT")])
    # A sentence adverb goes; a greeting before one word stays with the model's span (a
    # song or a product is often so named: "Hey Marnie", a reviewer's), while the `fast`
    # rule reads neither as a name.
    assert "Honestly Kiki" not in got and "Kiki" in got
    dear = _linked("Dear Julia Marsh, the letter began. Julia Marsh was upset.",
                   [("Dear Julia Marsh", "PERSON"), ("Julia Marsh", "PERSON")])
    assert dear == {"Julia Marsh": ["Julia Marsh", "Julia Marsh"]}
    # One word left is no name ("Hey Marnie", a song, is not Marnie Cole); a given name
    # that is a word ("Welcome Dlamini") stays (reviewers').
    song = "The single Hey Marnie went to number four. Marnie Cole cried. Welcome Dlamini spoke."
    got = _linked(song, [("Hey Marnie", "PERSON"), ("Marnie Cole", "PERSON"),
                         ("Welcome Dlamini", "PERSON")])
    assert got["Marnie Cole"] == ["Marnie Cole"] and "Welcome Dlamini" in got
    # An organisation's or a brand's first word stays (a reviewer's).
    brands = "Hello Magazine said Like Minds and Hello Kitty had merged."
    got = _linked(brands, [("Hello Magazine", "ORG"), ("Like Minds", "ORG"),
                           ("Hello Kitty", "ORG")])
    assert {"Hello Magazine", "Like Minds", "Hello Kitty"} <= set(got)
    rules = analysed(text, ["posts", "entities_rules"])
    assert not {"Hi Malcolm", "Honestly Kiki", "Meet Halo"} & {e.name for e in rules.entities}
    # An order opening a quotation (a fresh audit's "Ask Councillor Quayle", a person).
    order = ('The post read: "Ask Councillor Quayle where the money went." Bernadette Quayle '
             "denies it.")
    rules = analysed(order, ["posts", "entities_rules"])
    assert not any(e.name.startswith("Ask") for e in rules.entities)
    # Outside a quotation's first word it may be a name (a reviewer's Norwegian striker).
    striker = "The striker Ask Halvorsen scored twice. Ask Halvorsen, 22, joined last year."
    assert "Ask Halvorsen" in {e.name for e in analysed(striker, ["posts", "entities_rules"])
                               .entities}


def test_two_forms_of_one_given_name_stay_two_people():
    """A father and son, a couple or siblings are often named so ("Robert Dunmore, 71, and
    his son Rob Dunmore", "Chris Dale and his wife Christine Dale": a reviewer's probes
    broke a merge of such names), so two full names stay two people."""
    text = ("Robert Dunmore, 71, and his son Rob Dunmore, 44, were hurt. Robert Dunmore is "
            "stable. Chris Dale and his wife Christine Dale marked their anniversary.")
    got = _linked(text, [("Robert Dunmore", "PERSON"), ("Rob Dunmore", "PERSON"),
                         ("Chris Dale", "PERSON"), ("Christine Dale", "PERSON")])
    assert {"Robert Dunmore", "Rob Dunmore", "Chris Dale", "Christine Dale"} <= set(got)


def test_a_bylines_beat_is_no_name():
    """"By Sam Okafor, Chief Football Correspondent" (a fresh audit: "Football
    Correspondent" shown as a person); a correspondent named in the prose stays."""
    text = ("Transfer saga ends\n\nBy Sam Okafor, Chief Football Correspondent\n\nDario Mensah "
            "signed on Monday, Okafor understands.")
    got = _linked(text, [("Sam Okafor", "PERSON"), ("Football Correspondent", "PERSON"),
                         ("Dario Mensah", "PERSON")])
    assert "Football Correspondent" not in got and "Sam Okafor" in got


def test_an_organisations_initials_and_short_name_are_the_organisation():
    """"NPSO" beside the "National Product Safety Office" and "Brightwater" after
    "Brightwater Minerals" (a fresh audit: each a second entity); initials used more often
    than the long name name it; not a village the firm is named after, nor "Apple" beside
    "Apple Music"."""
    text = ("The National Product Safety Office ordered a recall. The NPSO said 212 reports "
            "came in. Brightwater Minerals rose 31%. A spokesman for Brightwater declined.")
    got = _linked(text, [("National Product Safety Office", "ORG"), ("NPSO", "ORG"),
                         ("Brightwater Minerals", "ORG"), ("Brightwater", "ORG")])
    assert got == {"National Product Safety Office": ["NPSO", "National Product Safety Office"],
                   "Brightwater Minerals": ["Brightwater", "Brightwater Minerals"]}
    cia = "The CIA said so. The CIA denied it. The Central Intelligence Agency was silent."
    assert _linked(cia, [("CIA", "ORG"), ("Central Intelligence Agency", "ORG")]) == {
        "CIA": ["CIA", "CIA", "Central Intelligence Agency"]}
    village = ("Brightwater Minerals wants a quarry near the village of Brightwater. Apple "
               "Music grew. Fans asked Apple for more.")
    got = _linked(village, [("Brightwater Minerals", "ORG"), ("Brightwater", "ORG"),
                            ("Apple Music", "ORG"), ("Apple", "ORG")])
    assert got["Brightwater Minerals"] == ["Brightwater Minerals"] and "Apple" in got


def test_a_short_name_the_model_typed_a_group_is_the_firm():
    """"Corveth Energy" … "said Corveth chief executive" (a group to the model: a fresh
    audit's second entity): the firm. A person's or a product's reading of the word stays
    apart ("Kestrel, its drone"), and so does a family ("the Brannock family"), a word of
    a place's name or a person's full name (reviewers')."""
    text = ("Corveth Energy named a new finance chief. \"We are pleased,\" said Corveth chief "
            "executive Hamish Doyle. She is delighted to be joining Corveth now.")
    raw = [_at(text, "Corveth Energy", "ORG"), _at(text, "Corveth", "NORP", 1),
           _at(text, "Hamish Doyle", "PERSON"), _at(text, "Corveth", "PRODUCT", 2)]
    got = {e.name: sorted(m.text for m in e.mentions)
           for e in link_entities(Doc(text=text, source="t"), raw)}
    assert got["Corveth Energy"] == ["Corveth", "Corveth Energy"]
    # (the product's reading, unsure, is not the firm's)
    family = ("Brannock Group was founded in 1952 and is still run by the Brannock family. "
              "Harriet Lenning chairs Lenning Foods; the Lenning board met.")
    raw = [_at(family, "Brannock Group", "ORG"), _at(family, "Brannock", "NORP", 1),
           _at(family, "Harriet Lenning", "PERSON"), _at(family, "Lenning Foods", "ORG"),
           _at(family, "Lenning", "NORP", 2)]
    got = {e.name: sorted(m.text for m in e.mentions)
           for e in link_entities(Doc(text=family, source="t"), raw)}
    assert got["Brannock Group"] == ["Brannock Group"]
    assert got["Lenning Foods"] == ["Lenning Foods"]


def test_the_rules_backend_reads_a_bodys_name_joined_by_for_and_and_as_one():
    """The ``fast`` profile: "the Office for Higher Education", "Harrowgate Fire and
    Rescue" and "the Department for Food and Rural Affairs" were cut into "Higher
    Education", "Harrowgate Fire" and "Rural Affairs", each a person (a fresh audit's). A
    fire service's name is one; another body's only where written twice and joining no
    words by "and" (where one ends is unsure: "the Office for Students Susan Lapworth",
    "the Department for Education and Ofsted", reviewers'), and
    its parts are no one's unless their last word is used elsewhere ("a Memorial Service
    for Agnes Doyle … Ruth Doyle"). A byline's desk is no name. Two people joined by "and"
    stay two."""
    text = ("By Martin Achebe, Rural Affairs Reporter\n\nOfficials from the Department for "
            "Food and Rural Affairs visited. The case went to the Office for Higher "
            "Education. Harrowgate Fire and Rescue said the exits were fine, and Harrowgate "
            "Fire and Rescue will inspect again. Ana Ruiz and Tom Lee objected; Ruiz and Lee "
            "voted against. The Department of Health and Social Care said so, and the "
            "Department of Health and Social Care will publish it. The Office for National "
            "Statistics agreed; the Office for National Statistics and Ofsted met, and the "
            "Office for National Statistics and Ofsted parted. A Memorial Service for "
            "Agnes Doyle is on Friday; her daughter, Ruth Doyle, thanked the town. Crews "
            "from Devon and Somerset Fire and Rescue Service came, and Dorset & Wiltshire "
            "Fire and Rescue Service sent six engines. On Sunday Fire and Rescue Service "
            "crews were busy. The Department for Transport and Network Rail agreed it; the "
            "Department for Transport and Network Rail will publish it.")
    doc = analysed(text, ["posts", "entities_rules"])
    got = {e.name: e.type for e in doc.entities}
    assert got.get("Harrowgate Fire and Rescue") == "organization"
    assert got.get("Office for National Statistics") == "organization"
    assert got.get("Ana Ruiz") == got.get("Tom Lee") == got.get("Agnes Doyle") == "person"
    assert not set(got) & {"Rural Affairs", "Higher Education", "Harrowgate Fire",
                           "Department for Food and Rural Affairs", "Social Care",
                           "Office for Higher Education", "Somerset Fire and Rescue Service",
                           "Memorial Service for Agnes Doyle", "Wiltshire Fire and Rescue Service",
                           "Sunday Fire and Rescue Service",
                           "Department for Transport and Network Rail",
                           "Department of Health and Social Care",
                           "Office for National Statistics and Ofsted"}


def test_a_fire_the_model_calls_a_person_is_an_event_only_in_a_story_of_a_fire():
    """"the Kestrel Fire jumped the highway" (a fresh audit: "Fire officials" linked to a
    person "Kestrel Fire"); a team or a band called Fire stays as the model has it."""
    fire = ("The Kestrel Fire jumped Highway 9 overnight, forcing 6,000 evacuations. Fire "
            "officials said the blaze was 10% contained.")
    got = {e.name: e for e in link_entities(Doc(text=fire, source="t"), [
        (fire.index("Kestrel Fire"), fire.index("Kestrel Fire") + 12, "PERSON")])}
    assert got["Kestrel Fire"].type == "event" and len(got["Kestrel Fire"].mentions) == 1
    team = ("The Harlow Fire won again on Friday. Fire coach Marcus Bell praised the "
            "defence.")
    got = {e.name: e for e in link_entities(Doc(text=team, source="t"), [
        (team.index("Harlow Fire"), team.index("Harlow Fire") + 11, "PERSON")])}
    assert got["Harlow Fire"].type == "person"


def test_a_stage_name_is_one_word_of_its_own():
    """"who performs as Kira Vance's support act" gives Dana Holt no alias (a reviewer's:
    "Kira" was linked to her); the full name of a relative whose surname is no one's
    alone stays hers ('"…," Mila Arden said', read by the model as a work's title)."""
    text = ("Dana Holt, who performs as Kira Vance's support act, met her in 2019. "
            '"Kira walked up and asked for my number," Holt said.')
    got = _linked(text, [("Dana Holt", "PERSON"), ("Kira Vance", "PERSON")])
    assert "Kira" not in got["Dana Holt"]
    sister = ("Arden has cancelled her show. Arden's sister, stylist Mila Arden, said the star "
              'was exhausted. "She needs to rest," Mila Arden said.')
    first = sister.index("Mila Arden")
    raw = [(first, first + 10, "PERSON")] + [  # the second "Mila Arden" left unmarked
        (m.start(), m.end(), "GPE") for m in re.finditer(r"(?<!Mila )Arden\b", sister)]
    got = {e.name: sorted(m.text for m in e.mentions)
           for e in link_entities(Doc(text=sister, source="t"), raw)}
    assert got["Mila Arden"] == ["Mila Arden", "Mila Arden"]


def test_a_trade_or_an_art_written_before_a_name_is_no_part_of_it():
    """"Composer Fenna Lutz shared a clip on Instagram" and "Cinematographer Piet Aalders
    shoots" (a fresh audit: the post's author and the entity named "Composer Fenna Lutz");
    a word that is a given name too stays ("Baker Mayfield")."""
    assert clean_name("Composer Fenna Lutz", person=True) == "Fenna Lutz"
    assert clean_name("Cinematographer Piet Aalders", person=True) == "Piet Aalders"
    assert clean_name("Baker Mayfield", person=True) == "Baker Mayfield"
    assert clean_name("Headliner Jonah Feld", person=True) == "Jonah Feld"
    assert clean_name("Contestant Amelia Thorne", person=True) == "Amelia Thorne"
    # (a fresh audit's school board and debate: "Trustee Ray Mendez", "Moderator Dana Reyes")
    for role in ("Trustee", "Moderator", "Pundit", "Candidate", "Treasurer"):
        assert clean_name(f"{role} Dana Reyes", person=True) == "Dana Reyes"
    # (fresh audits' headline and tribunal: "Sprinter Marisol Quenby banned", "Tenant
    # Aaliyah Mensah, 31, told the tribunal")
    for role in ("Sprinter", "Tenant", "Boxer", "Pensioner", "Jockey"):
        assert clean_name(f"{role} Dana Reyes", person=True) == "Dana Reyes"
    # ... but not from a body's name that opens with one (a reviewer's `fast` cut them)
    doc = analysed("Tenant Farmers Association members met. Tenant Farmers Association chief "
                   "George Dunn spoke. The Jockey Club said racing goes ahead; Jockey Club "
                   "chief Nevin Hale agreed.", ["posts", "entities_rules"])
    names = {e.name for e in doc.entities}
    assert {"Tenant Farmers Association", "Jockey Club"} <= names and \
        "Farmers Association" not in names
    # (nor in `full`, where the model called it a person's)
    text = "The Jockey Club met. Jockey Club chief Nevin Hale spoke. Boxer Rebellion played."
    raw = [_at(text, "Jockey Club", "PERSON", 1), _at(text, "Boxer Rebellion", "PERSON")]
    assert {(e.name, e.type) for e in link_entities(Doc(text=text, source="t"), raw)} == {
        ("Jockey Club", "organization")}
    for backend in ("entities_rules", "entities"):
        doc = analysed("Sprinter Marisol Quenby banned for four years\n\nMarisol Quenby, 27, "
                       "was banned on Thursday. Quenby said she would appeal.",
                       ["posts", backend])
        assert {e.name for e in doc.entities if e.type == "person"} == {"Marisol Quenby"}, \
            backend

    text = ("The score is another matter. Composer Fenna Lutz shared a clip on Instagram with "
            "the caption: \"Three years of work, eleven minutes of score.\" Lutz is 41.")
    doc = analysed(text, ["posts", "entities_rules", "quotes"])
    assert [p.display_name for p in doc.posts] == ["Fenna Lutz"]
    assert "Fenna Lutz" in {e.name for e in doc.entities}


def test_a_surname_with_a_mans_and_a_womans_honorific_is_no_ones_alone():
    """"Ms Marchbank said …; Mr Marchbank said": a couple — neither is the "Lydia
    Marchbank" named in full for certain (a reviewer's: the husband's mention was
    linked to her)."""
    text = ("Lydia Marchbank and her husband run a bakery in Ely. Ms Marchbank said trade had "
            "fallen. Mr Marchbank said he was worried.")
    for backend in ("entities_rules", "entities"):
        doc = analysed(text, ["posts", backend])
        lydia = [e for e in doc.entities if e.name == "Lydia Marchbank"]
        assert lydia and [m.text for m in lydia[0].mentions] == ["Lydia Marchbank"], backend


def test_a_name_does_not_run_from_a_headline_into_its_byline():
    """"… stranded for 30 hours in Faro" / "By Lewis Adebayo, Consumer Affairs Editor": the
    model's one span over both lines was an entity "Faro By Lewis Adebayo" (a fresh
    audit's)."""
    text = ("SkyMeridian boss apologises after passengers stranded for 30 hours in Faro\n"
            "By Lewis Adebayo, Consumer Affairs Editor\n\nThe airline said sorry in Faro.")
    from echoscope.analyzers.entities import _within_line

    a = text.index("Faro")
    assert _within_line(text, (a, text.index(", Consumer"), "PERSON")) == (a, a + 4, "PERSON")
    # A name wrapped onto a line of prose that starts "By" stays whole (a reviewer's).
    wrapped = ("The touring company Fly\nBy Night Theatre will bring three shows to the town "
               "this spring, its director said.")
    a = wrapped.index("Fly")
    span = (a, wrapped.index(" will"), "ORG")
    assert _within_line(wrapped, span) == span


def test_a_part_of_the_name_a_signature_signs_is_no_mention():
    """"— Marlow Vale Greens (@MarlowValeGreens)": not a mention of the place Marlow Vale
    (a fresh audit's); the place named in the prose still is."""
    text = ("The Marlow Vale count ran late.\n\n\u201cHistory tonight!\u201d \u2014 Marlow Vale "
            "Greens (@MarlowValeGreens) May 9, 2025\n\nIn Marlow Vale the mood was calm.")
    doc = analysed(text, ["posts", "entities_rules"])
    vale = [e for e in doc.entities if e.name == "Marlow Vale"]
    assert vale and all("Greens" not in text[m.end:m.end + 7] for m in vale[0].mentions)


def test_a_place_named_after_a_family_is_no_mention_of_someone_of_it():
    """"heading towards Treloar's Farm" … "Owen Treloar — no relation to the farm's
    owners" (a fresh audit: the farm was a mention of him)."""
    text = ("The dog was seen heading towards Treloar's Farm on Sunday. Practice manager Owen "
            "Treloar, no relation to the farm's owners, said scans were free. Treloar said "
            "the practice would help.")
    for backend in ("entities_rules", "entities"):
        doc = analysed(text, ["posts", backend])
        owen = [e for e in doc.entities if e.name == "Owen Treloar"]
        assert owen and all(text[m.end:m.end + 7] != "'s Farm" for m in owen[0].mentions), \
            backend


def test_a_word_of_the_one_longer_name_it_belongs_to_joins_it_whatever_its_type():
    """The `full` model types each mention alone: a fresh audit's text showed "Brannigan
    said" twice as an entity of its own beside "Aoife Brannigan", which the model called
    an organisation. A word typed a person's that ends the one longer name of a person's
    shape joins it (of that name's type: types are hidden, a split is not); a title or an
    honorific before it where the longer name is no person's, a firm's first word
    (founder, town or paper), a surname two people have and a word written first stay
    apart; one word typed an organisation and a group in turn is one organisation."""
    text = ("The director, Aoife Brannigan, said the site coped. \"We had tractors out,\" "
            "Brannigan said. Later Brannigan said more.")
    raw = [_at(text, "Aoife Brannigan", "ORG"), _at(text, "Brannigan", "PERSON", 1),
           _at(text, "Brannigan", "PERSON", 2)]
    got = {(e.name, e.type): sorted(m.text for m in e.mentions)
           for e in link_entities(Doc(text=text, source="t"), raw)}
    assert got == {("Aoife Brannigan", "organization"): ["Aoife Brannigan", "Brannigan",
                                                         "Brannigan"]}
    # Not a name whose first word is a familiar one (a reviewer's: "River Hale, 9, won the
    # spelling bee" and "Hale, her father").
    river = "River Hale, 9, won the spelling bee. \"She worked so hard,\" said Hale, her father."
    raw = [_at(river, "River Hale", "ORG"), _at(river, "Hale", "PERSON", 1)]
    assert sorted(e.name for e in link_entities(Doc(text=river, source="t"), raw)) == [
        "Hale", "River Hale"]
    # A title or an honorific: perhaps someone else ("her former husband").
    for title in ("Mr", "Dr", "Sir"):
        voss = (f"Helena Voss opened the gallery in May. {title} Voss, her former husband, "
                "said nothing. Helena Voss did not reply.")
        raw = [_at(voss, "Helena Voss", "ORG"), _at(voss, "Voss", "PERSON", 1),
               _at(voss, "Helena Voss", "ORG", 1)]
        got = {e.name: len(e.mentions) for e in link_entities(Doc(text=voss, source="t"), raw)}
        assert got == {"Helena Voss": 2, "Voss": 1}, title
    # A firm's first word may be its founder, its town or its paper (reviewers').
    firm = ("Kilbride Productions has won an Emmy. Kilbride, 52, who founded the company, "
            "thanked her staff. \"They carried me,\" Kilbride said.")
    raw = [_at(firm, "Kilbride Productions", "ORG"), _at(firm, "Kilbride", "PERSON", 1),
           _at(firm, "Kilbride", "PERSON", 2)]
    got = {e.name: len(e.mentions) for e in link_entities(Doc(text=firm, source="t"), raw)}
    assert got["Kilbride Productions"] == 1 and "Kilbride" in got
    # Two people of a surname: the word alone as the model typed it (the carmaker?).
    two = ("Margaret Ford and her son Daniel Ford lost their car. Ford has offered owners an "
           "inspection, Ford said.")
    raw = [_at(two, "Margaret Ford", "PERSON"), _at(two, "Daniel Ford", "PERSON"),
           _at(two, "Ford", "ORG", 2), _at(two, "Ford", "ORG", 3)]
    assert sorted((e.name, e.type, len(e.mentions)) for e in link_entities(
        Doc(text=two, source="t"), raw)) == [("Daniel Ford", "person", 1),
                                             ("Ford", "organization", 2),
                                             ("Margaret Ford", "person", 1)]
    # The word written first: perhaps a family or a place the longer name is after.
    first = ("Brannigan is a common name here. Aoife Brannigan runs the festival. Brannigan "
             "said it would go ahead.")
    raw = [_at(first, "Brannigan", "PERSON"), _at(first, "Aoife Brannigan", "ORG"),
           _at(first, "Brannigan", "PERSON", 2)]
    got = {e.name: len(e.mentions) for e in link_entities(Doc(text=first, source="t"), raw)}
    assert got.get("Aoife Brannigan") == 1
    # An account's short name beside the service's full name: one organisation; not a
    # body whose name goes on otherwise ("Kent Police Federation").
    for full, merged in (("Wenndale Fire and Rescue Service", True),
                         ("Wenndale Fire Federation", False)):
        fire = (f"The {full} said crews were out all night.\n\nCrews are at Mill Lane. "
                "— Wenndale Fire (@WenndaleFire) March 3, 2024")
        raw = [_at(fire, full, "ORG"), _at(fire, "Wenndale Fire", "ORG", 1)]
        d = Doc(text=fire, source="t")
        d.posts = extract_posts(fire)
        got = {e.name: sorted(e.aliases) for e in link_entities(d, raw)}
        assert ("Wenndale Fire" not in got and "@WenndaleFire" in got[full]) is merged, full
    # A club's short name the model typed a person's once and an organisation's elsewhere.
    club = ("Castlebridge Rovers rejected the bid. The Rovers manager was angry. Rovers said "
            "no. Fans at Rovers cheered.")
    raw = [_at(club, "Castlebridge Rovers", "ORG"), _at(club, "Rovers", "PERSON", 1),
           _at(club, "Rovers", "ORG", 2), _at(club, "Rovers", "ORG", 3)]
    assert [(e.name, len(e.mentions)) for e in link_entities(Doc(text=club, source="t"),
                                                               raw)] == [
        ("Castlebridge Rovers", 4)]
    # Initials in brackets after a body's name are its own, whatever their letters.
    union = ("The Bakers' Union (BFAWU) called the decision a betrayal. BFAWU members will "
             "meet on Monday.")
    raw = [_at(union, "Bakers' Union", "ORG"), _at(union, "BFAWU", "ORG"),
           _at(union, "BFAWU", "ORG", 1)]
    got = {e.name: sorted(m.text for m in e.mentions)
           for e in link_entities(Doc(text=union, source="t"), raw)}
    assert got == {"Bakers' Union": ["BFAWU", "BFAWU", "Bakers' Union"]}
    # ... not a market's (a firm listed there keeps its own name)
    for firm, initials in (("Nordic Mining", "NASDAQ"), ("Smith Holdings", "NYSE")):
        market = f"Shares in {firm} ({initials}) fell 4%. The {initials} said trading was halted."
        raw = [_at(market, firm, "ORG"), _at(market, initials, "ORG"),
               _at(market, initials, "ORG", 1)]
        got = {e.name: len(e.mentions)
               for e in link_entities(Doc(text=market, source="t"), raw)}
        assert got == {firm: 1, initials: 2}
    # One word typed an organisation and a group in turn: one organisation.
    dog = "Biscuit went missing on Friday. Have you seen Biscuit? Biscuit is microchipped."
    raw = [_at(dog, "Biscuit", "ORG"), _at(dog, "Biscuit", "NORP", 1),
           _at(dog, "Biscuit", "ORG", 2)]
    assert [(e.name, e.type, len(e.mentions)) for e in link_entities(
        Doc(text=dog, source="t"), raw)] == [("Biscuit", "organization", 3)]


def test_a_nationality_a_platform_or_a_league_is_no_part_of_a_name():
    """The model's spans "the Dane Mikkel Sorensen", "Osei on LinkedIn" and "Stanway in
    League One" (a fresh audit's) name Mikkel Sorensen, Osei and Stanway; a word of a
    nationality that is the name's own ("Dane Whitlock", no "the") stays."""
    text = ("The club signed the Dane Mikkel Sorensen on a deal. Staff replied to Nadia Osei "
            "on LinkedIn. Dalby, now managing Stanway in League One, was sad. Dane Whitlock "
            "scored twice.")
    raw = [_at(text, "the Dane Mikkel Sorensen", "ORG"),
           _at(text, "Nadia Osei on LinkedIn", "ORG"),
           _at(text, "Stanway in League One", "ORG"), _at(text, "Dane Whitlock", "PERSON")]
    got = {(e.name, e.type) for e in link_entities(Doc(text=text, source="t"), raw)}
    assert got == {("Mikkel Sorensen", "person"), ("Nadia Osei", "organization"),
                   ("Stanway", "organization"), ("Dane Whitlock", "person")}
    # A body's or an event's name keeps its nationality (reviewers'): "the American Heart
    # Association", "the Swiss National Bank", "the Dane Whitlock Foundation".
    bodies = ("Funding from the American Heart Association doubled. The Swiss National Bank "
              "held rates. The Dane Whitlock Foundation paid. The German Bishops Conference "
              "met.")
    raw = [_at(bodies, name, "ORG") for name in (
        "the American Heart Association", "The Swiss National Bank",
        "The Dane Whitlock Foundation", "The German Bishops Conference")]
    got = {e.name for e in link_entities(Doc(text=bodies, source="t"), raw)}
    assert got == {"American Heart Association", "Swiss National Bank",
                   "Dane Whitlock Foundation", "German Bishops Conference"}


def test_a_vehicle_identification_number_is_no_name():
    """"Please check your VIN on our site" (a fresh audit's recall story): the model's
    organisation is a common noun's abbreviation."""
    text = "Owners should check their VIN on our site. Each VIN is on the windscreen."
    raw = [_at(text, "VIN", "ORG"), _at(text, "VIN", "ORG", 1)]
    assert link_entities(Doc(text=text, source="t"), raw) == []


def test_a_fire_services_name_goes_on_past_and_and_a_time_word_is_no_part_of_a_name():
    """The model's "Cascade County Fire and" (a place) and "Later Cascade County Fire and
    Rescue" (a fresh audit's wildfire, with "(CCFR)" after it): one organisation, "Cascade
    County Fire and Rescue", its initials its own; "Later" opening the sentence no part."""
    # (The model's "Cascade County Fire" before "and Rescue Service" too — "County", a
    # familiar word, stopped it in the first version: a reviewer's.)
    crews = ("Crews from Cascade County Fire and Rescue Service attended. Cascade County Fire "
             "and Rescue Service said three engines were sent.")
    raw = [_at(crews, "Cascade County Fire", "GPE"), _at(crews, "Cascade County Fire", "GPE", 1)]
    assert [(e.name, len(e.mentions)) for e in link_entities(Doc(text=crews, source="t"),
                                                               raw)] == [
        ("Cascade County Fire and Rescue Service", 2)]
    text = ("Cascade County Fire and Rescue (CCFR) ordered the evacuation. CCFR said crews "
            "would work all night. Later Cascade County Fire and Rescue said it was contained.")
    raw = [_at(text, "Cascade County Fire and", "GPE"), _at(text, "CCFR", "ORG"),
           _at(text, "CCFR", "ORG", 1), _at(text, "Later Cascade County Fire and Rescue", "ORG")]
    got = {(e.name, e.type): sorted(m.text for m in e.mentions)
           for e in link_entities(Doc(text=text, source="t"), raw)}
    assert got == {("Cascade County Fire and Rescue", "organization"): [
        "CCFR", "CCFR", "Cascade County Fire and Rescue", "Cascade County Fire and Rescue"]}


def test_initials_a_text_spells_out_in_lower_case_are_a_term_not_a_name():
    """"the loan-to-value ratio, or LTV", "annual percentage rate of charge, or APRC": a
    term of art the text defines (a fresh audit's mortgage explainer showed both as
    organisations); a body's initials after its capitalised name stay."""
    text = ("The key figure is the loan-to-value ratio, or LTV: the mortgage against the "
            "home's value. The annual percentage rate of charge (APRC) includes fees. A lower "
            "LTV is cheaper. The Financial Conduct Authority (FCA) sets the rules.")
    raw = [_at(text, "LTV", "ORG"), _at(text, "APRC", "ORG"), _at(text, "LTV", "ORG", 1),
           _at(text, "Financial Conduct Authority", "ORG"), _at(text, "FCA", "ORG")]
    ents = link_entities(Doc(text=text, source="t"), raw)
    assert [(e.name, sorted(e.aliases)) for e in ents] == [
        ("Financial Conduct Authority", ["FCA"])]
    # Words that only happen to spell them, no comma before "or": a body's (a reviewer's
    # "nursing home staff or NHS workers")
    # and a body's name written in lower case
    for text in ("It goes to nursing home staff or NHS workers first. The NHS said so.",
                 "Patients of the national health service (NHS) waited. The NHS said so."):
        raw = [_at(text, "NHS", "ORG"), _at(text, "NHS", "ORG", 1)]
        assert [e.name for e in link_entities(Doc(text=text, source="t"), raw)] == ["NHS"]


def test_a_papers_last_word_after_the_is_that_paper():
    """"reviewed by the Tribune" after "The Ashford Tribune" (a fresh audit's row of its
    own); not where two papers end so, nor a body's kind ("the Council")."""
    text = ("The Ashford Tribune reported the post. According to a screenshot reviewed by "
            "the Tribune, it was deleted.")
    got = _linked(text, [("Ashford Tribune", "ORG"), ("Tribune", "ORG")])
    assert got == {"Ashford Tribune": ["Ashford Tribune", "Tribune"]}
    two = text + " The Kell Tribune disagreed."
    assert "Tribune" in _linked(two, [("Ashford Tribune", "ORG"), ("Kell Tribune", "ORG"),
                                      ("Tribune", "ORG")])


def test_lower_case_letters_of_bracketed_initials_are_a_bodys():
    """"Office for Students (OfS)": the body's initials, a small word's letter in lower
    case (a fresh audit's split "OfS"). (A kind of body's word alone, "the Council's
    priorities", stays a name of its own: joined to the one longer council of the text, it
    took "The Court" of an appeal court, "The Party" of another party: a reviewer's.)"""
    text = ("The Northern Arts Council cut the grant, citing the Council's priorities. The "
            "Office for Students (OfS) said it would act. The OfS has new powers.")
    raw = [_at(text, "Northern Arts Council", "ORG"), _at(text, "Council", "ORG", 1),
           _at(text, "Office for Students", "ORG"), _at(text, "OfS", "ORG"),
           _at(text, "OfS", "ORG", 1)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    assert sorted((e.name, sorted(e.aliases), len(e.mentions)) for e in ents) == [
        ("Council", [], 1), ("Northern Arts Council", [], 1),
        ("Office for Students", ["OfS"], 3)]


@pytest.mark.parametrize(("text", "surface", "name"), [
    ("Trainer Gerald Ashcombe faces an inquiry. He denies it.", "Trainer Gerald Ashcombe",
     "Gerald Ashcombe"),
    ("Defending Lee Pemberton, Richard Osei said his client was naive.",
     "Defending Lee Pemberton", "Lee Pemberton"),
    ("Driver Kevin Oduya, who joined in 1998, said it was a shock.", "Driver Kevin Oduya",
     "Kevin Oduya"),
    ("Fiddler Ruth Toller told us it was the best mud ever.", "Fiddler Ruth Toller",
     "Ruth Toller"),
])
def test_a_trainer_or_a_barristers_side_before_a_name_is_no_part_of_it(text, surface, name):
    """Fresh audits': "Trainer Gerald Ashcombe faces BHA inquiry" (a headline), "Defending
    Lee Pemberton, Richard Osei-Tutu KC said" — the role and the side are not the name."""
    ents = link_entities(Doc(text=text, source="t"), [_at(text, surface, "PERSON")])
    assert [e.name for e in ents] == [name]


def test_the_fast_rule_reads_a_plural_possessive_as_a_bodys_name_not_a_persons_owner():
    """`fast`: "Women's Aid Westmarch" (a charity) gives no person "Aid Westmarch" whose
    surname held "Westmarch's chief constable" (a fresh audit's)."""
    text = ("Westmarch's chief constable, Deborah Quayle, spoke first. Women's Aid "
            "Westmarch, a local charity, said it had been contacted by survivors.")
    doc = analysed(text, ["posts", "entities_rules"])
    assert not [e for e in doc.entities if "Aid" in e.name or e.type == "person"
                and "Westmarch" in e.name]


def test_a_names_words_that_open_a_bodys_name_are_no_mention_of_it():
    """"the Ashby Beck Flood Recovery Trust" beside the village Ashby Beck: the words that
    open the trust's name, where the text writes the village's name again, are no mention
    of the village (a fresh audit's); the village's own mentions stay."""
    text = ("Floods hit Ashby Beck in March. Residents of Ashby Beck left. The founder gave "
            "£50,000 to the Ashby Beck Flood Recovery Trust last week.")
    raw = [_at(text, "Ashby Beck", "GPE"), _at(text, "Ashby Beck", "GPE", 1)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    assert [(e.name, len(e.mentions)) for e in ents] == [("Ashby Beck", 2)]
    doc = analysed(text, ["posts", "entities_rules"])
    assert all(len(e.mentions) <= 2 for e in doc.entities if e.name == "Ashby Beck")
    # The model's own spans stay (a list's "Ana Ruiz and Carers Trust", a name before a
    # role with no comma: reviewers'), and so do a title-case headline's words ("Dr Lena
    # Park Joins Hospital Trust Board")
    for text, name in (("Dr Lena Park Joins Hospital Trust Board\n\nDr Lena Park, a GP, "
                        "was appointed.", "Lena Park"),
                       ("The grants went to Ana Ruiz and Carers Trust. Ana Ruiz said so.",
                        "Ana Ruiz"),
                       ("Dr Amir Shah Royal College Council member said no. Amir Shah left.",
                        "Amir Shah")):
        raw = [_at(text, name, "PERSON"), _at(text, name, "PERSON", 1)]
        ents = link_entities(Doc(text=text, source="t"), raw)
        assert [(e.name, len(e.mentions)) for e in ents] == [(name, 2)], text
    text = "Ana Ruiz spoke. The grants went to the Ana Ruiz and Tom Lee Trust."
    ents = link_entities(Doc(text=text, source="t"), [_at(text, "Ana Ruiz", "PERSON")])
    assert [(e.name, len(e.mentions)) for e in ents] == [("Ana Ruiz", 1)]


def test_a_clubs_name_less_its_club_suffix_is_the_club():
    """"Ashford Rovers Football Club can confirm …" beside "Ashford Rovers" (a fresh
    audit's split in `fast`): one club; a name of one word less the suffix stays apart (a
    town: "Ashford" beside "Ashford FC")."""
    text = ("Ashford Rovers sacked their manager. The club said: Ashford Rovers Football Club "
            "can confirm the change. Ashford FC, a different club, said nothing. Rain fell on "
            "Ashford.")
    raw = [_at(text, "Ashford Rovers", "ORG"), _at(text, "Ashford Rovers Football Club", "ORG"),
           _at(text, "Ashford FC", "ORG"), _at(text, "Ashford", "GPE", 3)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    assert sorted((e.name, sorted(e.aliases)) for e in ents) == [
        ("Ashford", []), ("Ashford FC", []),
        ("Ashford Rovers Football Club", ["Ashford Rovers"])]
    # (a works club named after a body is not that body: a reviewer's)
    text = "Bank of England FC won. The Bank of England raised rates on Thursday."
    raw = [_at(text, "Bank of England FC", "ORG"), _at(text, "Bank of England", "ORG", 1)]
    ents = link_entities(Doc(text=text, source="t"), raw)
    assert sorted(e.name for e in ents) == ["Bank of England", "Bank of England FC"]


def test_a_states_abbreviation_in_a_dateline_is_that_state():
    """"SALEM, Ore. (AW) — … Oregon" (a fresh audit's "Ore" beside "Oregon"): one place;
    not "Miss" or "Mo" where no comma or party's letter comes before."""
    text = ("SALEM, Ore. (AW) \u2014 Oregon lawmakers met on Tuesday. Sen. Dana Whitlock, "
            "D-Ore., said little. Miss Ada Mo. spoke.")
    found = linked(text, [(text.index("Salem".upper()), text.index("Salem".upper()) + 5, "GPE"),
                          (text.index("Ore"), text.index("Ore") + 3, "GPE"),
                          (text.index("Oregon"), text.index("Oregon") + 6, "GPE"),
                          (text.index("Ore.,") , text.index("Ore.,") + 3, "GPE")])
    assert "Ore" not in found
    assert [m.text for m in found["Oregon"].mentions] == ["Ore", "Oregon", "Ore"]


def test_a_provinces_abbreviation_in_a_dateline_is_that_province_but_a_name_spoken_to_is_not():
    """"SAINT-HYACINTHE, Que. — … Quebec" and "TORONTO, Ont." typed a person (fresh
    audits'): the province; '"Well done, Mo."' (a quotation's last word after a comma) and
    "well done, Mo" in lower case are no state."""
    text = ("SAINT-HYACINTHE, Que. \u2014 Quebec inspectors came.\n\nTORONTO, Ont. \u2014 "
            "Ontario paid. The crowd cheered. \"Well done, Mo.\" Then they left.")
    spans = [("Que", "GPE", 0), ("Quebec", "GPE", 0), ("Ont", "PERSON", 0),
             ("Ontario", "GPE", 0), ("Mo", "GPE", 0)]
    raw = [(text.index(s), text.index(s) + len(s), label) for s, label, _ in spans]
    found = linked(text, raw)
    assert [m.text for m in found["Quebec"].mentions] == ["Que", "Quebec"]
    assert [m.text for m in found["Ontario"].mentions] == ["Ont", "Ontario"]
    assert "Missouri" not in found


def test_a_streets_abbreviation_ends_its_name_where_no_place_kind_follows():
    """"400 Oak St. Pets welcome." (a fresh audit's place "Oak St. Pets", over a sentence's
    end): the street; "Main St. Station" and "St. Paul" go on."""
    text = ("Shelter at the hall, 400 Oak St. Pets welcome. Crowds at Main St. Station grew. "
            "The fair moves to St. Paul on Friday.")
    found = linked(text, [_at(text, "Oak St. Pets", "FAC"), _at(text, "Main St. Station", "FAC"),
                          _at(text, "St. Paul", "GPE")])
    assert set(found) == {"Oak St", "Main St. Station", "St. Paul"}
    # "Pope St." is a saint's (the 664-text comparison's "Pope St. Leo IX"); "Church St."
    # and "State St." are streets (a reviewer's).
    text = "Benedict IX died, whereupon Pope St. Leo IX succeeded him."
    found = linked(text, [_at(text, "Benedict IX", "PERSON"),
                          _at(text, "Pope St. Leo IX", "PERSON")])
    assert "St" not in found and len(found["Benedict IX"].mentions) == 1
    for before in ("on", "near", "the corner of"):
        text = f"A van overturned {before} Church St. Witnesses said the driver swerved."
        assert set(linked(text, [_at(text, "Church St. Witnesses", "FAC")])) == {"Church St"}
    # Surnames of a saint's name are no streets (a reviewer's "Kevin St", "Jill St").
    text = ("The Blues traded defenceman Kevin St. Pierre on Monday. Actress Jill St. John "
            "wrote on X. The Jets set up Kevin St. Pierre with a deal. Fans booed at Kevin St. "
            "Pierre. A meeting between Mark St. John and the union ended.")
    found = linked(text, [_at(text, "Kevin St. Pierre", "PERSON"),
                          _at(text, "Jill St. John", "PERSON"),
                          _at(text, "Kevin St. Pierre", "PERSON", 2),
                          _at(text, "Mark St. John", "PERSON")])
    assert {"Kevin St. Pierre", "Jill St. John", "Mark St. John"} <= set(found)
    assert not {"Kevin St", "Mark St"} & set(found)


def test_a_bodys_name_inside_a_longer_one_stays_its_own_and_friends_of_a_name_are_theirs():
    """Reviewers' cases against a withdrawn merge: "Bank of Ireland" beside "the Central
    Bank of Ireland", "the Security Council" beside "the National Security Council" are
    other bodies; "Friends of Kelly Brandt described her" are her friends, and she is
    named."""
    text = ("The Central Bank of Ireland fined Bank of Ireland on Thursday. The Security "
            "Council met. In Washington, the National Security Council said little. Friends "
            "of Kelly Brandt described her as fearless. Brandt, 34, died on Saturday.")
    raw = [_at(text, "Central Bank of Ireland", "ORG"), _at(text, "Bank of Ireland", "ORG", 1),
           _at(text, "Security Council", "ORG"),
           _at(text, "National Security Council", "ORG"), _at(text, "Kelly Brandt", "PERSON"),
           _at(text, "Brandt", "PERSON", 1)]
    found = linked(text, raw)
    assert {"Bank of Ireland", "Central Bank of Ireland", "Security Council",
            "National Security Council"} <= set(found)
    assert [m.text for m in found["Kelly Brandt"].mentions] == ["Kelly Brandt", "Brandt"]


def test_a_surname_two_people_typed_organisations_share_is_no_ones_alone():
    """"Dr Naomi Carver" and "Philip Carver", both typed organisations, then "Dr Carver"
    and "Chief executive Carver" (a fresh audit's one "Carver" held both of them): no one's
    alone; a shop of the name after a preposition leaves the surname to the one person."""
    text = ("Dr Naomi Carver raised concerns. The chief executive, Philip Carver, is not "
            "related. Dr Carver disputes that. Chief executive Carver has faced pressure.")
    i, j = text.index("Naomi Carver"), text.index("Philip Carver")
    k, m = text.index("Carver disputes"), text.index("Carver has")
    found = linked(text, [(i, i + 12, "ORG"), (j, j + 13, "ORG"), (k, k + 6, "PERSON"),
                          (m, m + 6, "PERSON")])
    assert "Carver" not in found
    assert not any(mt.text == "Carver" for e in found.values() for mt in e.mentions)
    text = ("Martin Lewis met shoppers at John Lewis on Monday. Lewis said prices would rise.")
    i, j, k = text.index("Martin Lewis"), text.index("John Lewis"), text.rindex("Lewis said")
    found = linked(text, [(i, i + 12, "PERSON"), (j, j + 10, "ORG"), (k, k + 5, "PERSON")])
    assert [mt.text for mt in found["Martin Lewis"].mentions] == ["Martin Lewis", "Lewis"]


def test_a_surname_of_a_person_typed_an_organisation_after_a_job_is_no_one_elses():
    """"fired head football coach Terrell Haskins" (the model typed him an organisation)
    beside his wife Carla Haskins: "Haskins" alone is not hers (a fresh audit's: all
    seven went to her)."""
    text = ("Midland State fired head football coach Terrell Haskins on Sunday. Haskins, 52, "
            "was in his sixth season. His wife, Carla Haskins, posted a photo.")
    i, j = text.index("Terrell Haskins"), text.index("Carla Haskins")
    found = linked(text, [(i, i + 15, "ORG"), (j, j + 13, "PERSON")])
    assert [m.text for m in found["Carla Haskins"].mentions] == ["Carla Haskins"]


def test_a_result_verb_opening_a_line_is_no_word_of_a_name():
    """"Held Northgate." and "Updated Aug. 28" (a fresh audit's `fast` entities "Held
    Northgate", "Updated Aug"): no names."""
    text = ("Results night\n\nCouncil leader Anita Basra has held Northgate ward. Rhys "
            "Tamblyn, who lost his Eastfield seat, was calm.\n\nHeld Northgate. Thank you "
            "all.\n\nLost Eastfield by 40 votes. Four good years.\n\nUpdated Aug. 28, 2024. "
            "The count ended on Aug. 29. Ana Ruiz thanked the staff; Ruiz went home.\n\n"
            "Route 22 buses divert via Elm Street. On X, the city posted: \"Harbour Road "
            "closed until Friday. Use Elm.\" \u2014 Public Works (@CityWorksDept) November 3, "
            "2024\n\nAvoid Main until noon.")
    names = {e.name for e in analysed(text, ["posts", "entities_rules"]).entities}
    assert not names & {"Held Northgate", "Lost Eastfield", "Updated Aug", "Use Elm",
                        "Avoid Main"}
    # A firm's name that opens so stays (a reviewer's "Seek Limited").
    text = "Seek Limited reported a jump in job ads. Shares in Seek Limited rose."
    assert "Seek Limited" in {e.name for e in analysed(text, ["posts", "entities_rules"])
                              .entities}
    assert "Ana Ruiz" in names
    # A body's name that opens so, and a given name, stay (reviewers' "Elected Officials
    # Council", "Won Park").
    text = ("Elected Officials Council chair Maria Dunn spoke. Elected Officials Council "
            "voted. Won Park, a designer, said the show was off. Park added that tickets "
            "would be refunded.")
    names = {e.name for e in analysed(text, ["posts", "entities_rules"]).entities}
    assert {"Elected Officials Council", "Won Park"} <= names


def test_a_given_name_typed_an_organisation_still_makes_a_surname_shared():
    """The model typed "Irina" an organisation and missed "Irina Kovalenko"; her father
    Mikhail Kovalenko is a person: "Kovalenko" alone is not his (a fresh audit's: all
    eight of her mentions went to him)."""
    text = ("Former world No 9 Irina Kovalenko has been banned. \"Irina was 18,\" her coach "
            "said. Kovalenko denies cheating. Her father, Mikhail Kovalenko, said he was in "
            "shock.")
    i, j = text.index("Irina was"), text.index("Mikhail Kovalenko")
    found = linked(text, [(i, i + 5, "ORG"), (j, j + 17, "PERSON")])
    assert [m.text for m in found["Mikhail Kovalenko"].mentions] == ["Mikhail Kovalenko"]


def test_a_bodys_name_cut_before_its_initials_is_grown_to_them():
    """"British and Irish Association | of Zoos and Aquariums (BIAZA)" (a fresh audit's
    cut name): the whole name, where its capitals make the initials exactly."""
    text = ("The British and Irish Association of Zoos and Aquariums (BIAZA) said it was "
            "aware. The Kent Farmers Union of Growers (NFU) met.")
    i, j = text.index("British"), text.index("Kent")
    found = linked(text, [(i, i + len("British and Irish Association"), "ORG"),
                          (j, j + len("Kent Farmers Union"), "ORG")])
    names = set(found) | {a for e in found.values() for a in e.aliases}
    assert "British and Irish Association of Zoos and Aquariums" in names
    assert "Kent Farmers Union" in found  # (its capitals are no NFU)


def test_initials_after_or_and_an_american_office_join_their_names():
    """"the Illinois Department of Transportation, or IDOT" and "Councilmember Sorensen"
    beside Brenda Sorensen (a fresh audit's split rows)."""
    text = ("Bids went to the Illinois Department of Transportation, or IDOT, in March. A "
            "spokesman for IDOT said nothing. Councilmember Brenda Sorensen voted no. "
            "\"Enough,\" Councilmember Sorensen said.")
    i = text.index("Illinois")
    j, k = text.index("IDOT said"), text.index("Councilmember Brenda")
    m = text.index("Councilmember Sorensen")
    found = linked(text, [(i, i + len("Illinois Department of Transportation"), "ORG"),
                          (j, j + 4, "ORG"), (k, k + len("Councilmember Brenda Sorensen"),
                                              "PERSON"),
                          (m, m + len("Councilmember Sorensen"), "PERSON")])
    assert "IDOT" not in found and "Councilmember Sorensen" not in found
    assert "IDOT" in found["Illinois Department of Transportation"].aliases
    assert len(found["Brenda Sorensen"].mentions) == 2


def test_alternatives_after_or_and_a_body_before_and_stay_apart():
    """Reviewers': "the Federal Reserve, or FDIC" names two regulators; "Nike and Marcus
    Bellweather" is no couple of Bellweathers; "Ban Ki-moon" is a person."""
    text = ("Lenders are supervised by the Federal Reserve, or FDIC, by charter. A spokesman "
            "for FDIC said nothing.")
    i, j = text.index("Federal"), text.index("FDIC said")
    found = linked(text, [(i, i + len("Federal Reserve"), "ORG"), (j, j + 4, "ORG")])
    assert "FDIC" in found and "FDIC" not in found["Federal Reserve"].aliases
    text = ("Nike and Marcus Bellweather have ended their partnership. \"I wanted a fresh "
            "start,\" Bellweather said on Friday.")
    i, j = text.index("Nike"), text.index("Marcus")
    found = linked(text, [(i, i + 4, "ORG"), (j, j + len("Marcus Bellweather"), "PERSON")])
    assert len(found["Marcus Bellweather"].mentions) == 2
    text = "Ban Ki-moon addressed delegates. \"Climate action cannot wait,\" Ban said."
    found = linked(text, [(0, len("Ban Ki-moon"), "PERSON")])
    assert found["Ban Ki-moon"].type == "person"


def test_time_zones_street_kinds_place_suffixes_and_ranks_are_no_names_of_their_own():
    """Fresh audits': "16.45 GMT" an organisation, "Queen | Street" a place "Street",
    "Halifax-area" a name, "RCMP Cpl" a person."""
    text = ("Kick-off is at 16.45 GMT. Buses divert via Queen Street. The party dropped its "
            "Halifax-area candidate; Halifax voters were told. RCMP Cpl. Jenna Whitlock said "
            "the RCMP would act. The storm is 90km NNW of the port at 6am AWST, and an "
            "opposition MLA spoke.")
    spans = [("GMT", "ORG"), ("Street", "FAC"), ("Halifax-area", "GPE"), ("Halifax", "GPE"),
             ("RCMP Cpl", "ORG"), ("Jenna Whitlock", "PERSON"), ("NNW", "ORG"),
             ("AWST", "ORG"), ("MLA", "ORG")]
    raw = [(text.rindex(s), text.rindex(s) + len(s), label) for s, label in spans]
    found = linked(text, raw)
    assert not {"GMT", "Street", "Halifax-area", "RCMP Cpl", "NNW", "AWST", "MLA"} & set(found)
    # Firms' initials that are no time zone or compass point here (a reviewer's).
    firms = "TD said its profit rose. Shares in ADT and SSE fell. Shares of TD rose."
    assert {"TD", "ADT", "SSE"} <= set(linked(firms, [
        _at(firms, "TD", "ORG"), _at(firms, "ADT", "ORG"), _at(firms, "SSE", "ORG"),
        _at(firms, "TD", "ORG", 1)]))
    assert len(found["Halifax"].mentions) == 2
    # Two letters of a compass point after "to the" or a distance (a fresh audit's "NW");
    # a postcode area's or a firm's stay ("NW London", "SE Water").
    text = ("Wind shifts to the NW tonight, 40km SE of the town, and will push NE later; on "
            "N and NE aspects too. NW London and SE Water agree.")
    found = linked(text, [_at(text, "NW", "ORG"), _at(text, "SE", "ORG"), _at(text, "NE", "ORG"),
                          _at(text, "NE", "ORG", 1), _at(text, "NW London", "GPE"),
                          _at(text, "SE Water", "ORG")])
    assert set(found) == {"NW London", "SE Water"}


def test_a_firms_role_before_its_name_leaves_a_persons_surname_theirs():
    """"financial adviser Morgan Stanley" beside Ruth Stanley (a reviewer's): "Stanley
    said" stays hers."""
    text = ("Kestrel's chief executive, Ruth Stanley, backed the deal. Kestrel's financial "
            "adviser Morgan Stanley declined to comment. \"This gives us a future,\" Stanley "
            "said.")
    i, j = text.index("Ruth Stanley"), text.index("Morgan Stanley")
    found = linked(text, [(i, i + 12, "PERSON"), (j, j + 14, "ORG")])
    assert len(found["Ruth Stanley"].mentions) == 2


def test_a_district_council_and_a_capital_keep_their_letters():
    """"Avon DC", "Washington DC" (a reviewer's: "DC" read as a rank and cut)."""
    text = "Avon DC said it would review. Thousands marched in Washington DC on Saturday."
    found = linked(text, [(0, 7, "ORG"), (text.index("Washington"),
                                          text.index("Washington") + 13, "GPE")])
    assert {"Avon DC", "Washington DC"} <= set(found)


def test_a_bylines_beat_is_no_ones_surname():
    """"By Priya Raman, Education Editor" beside "Higher Education" typed a person's (a
    fresh audit's mention "Education")."""
    text = ("Campus row grows\n\nBy Priya Raman, Education Editor\n\nThe Higher Education board met. Higher "
            "Education officials said little.")
    i = text.index("Higher")
    found = linked(text, [(i, i + len("Higher Education"), "PERSON")])
    assert all(m.text != "Education" for e in found.values() for m in e.mentions)


def test_a_possessive_or_an_office_after_a_surname_in_a_headline_keeps_it():
    """"Ruiz's Reporter Ban Lifted", "Hale's Secretary Quits" (a reviewer's: the beat rule
    had taken the headline's surname)."""
    text = ("Ruiz's Reporter Ban Lifted After Outcry\n\nMayor Ana Ruiz had barred a reporter. "
            "Ruiz said: \"I made a mistake.\"")
    i = text.index("Ana Ruiz")
    found = linked(text, [(i, i + 8, "PERSON")])
    assert any(m.start == 0 for m in found["Ana Ruiz"].mentions)


def test_a_states_abbreviation_elsewhere_in_a_text_that_dates_it_so_is_the_state():
    """"Tourism in Fla." over "MIAMI, Fla." (a reviewer's: two rows where there was one);
    "Miss." alone in a text with no state of it stays as written."""
    text = "Tourism in Fla.\n\nMIAMI, Fla. \u2014 Tourism rose, officials said."
    i, j = text.index("Fla"), text.rindex("Fla")
    found = linked(text, [(i, i + 3, "GPE"), (j, j + 3, "GPE")])
    assert "Fla" not in found and len(found["Florida"].mentions) == 2
    text = "Miss. Ada Lowe won the prize. Her sister Ada spoke in Ohio."
    found = linked(text, [(0, 4, "GPE")])
    assert "Mississippi" not in found
