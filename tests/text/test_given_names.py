"""Two forms of one given name: a short form and the name it shortens."""

from __future__ import annotations

import pytest

from echoscope.text.given_names import same_given_name


@pytest.mark.parametrize(("a", "b"), [
    ("Bill", "William"), ("Tommy", "Tomasz"), ("Marc", "Marcus"), ("Doug", "Douglas"),
    ("Dan", "Daniel"), ("Aggie", "Agnes"), ("peggy", "Margaret"), ("Anna", "anna"),
])
def test_a_short_form_and_the_name_it_shortens_are_one(a, b):
    assert same_given_name(a, b) and same_given_name(b, a)


@pytest.mark.parametrize(("a", "b"), [
    # A feminine ending makes another's name (a couple, siblings); one letter more, too.
    ("Paul", "Paula"), ("Carl", "Carla"), ("Max", "Maxine"), ("Dan", "Dana"),
    ("Joe", "Joel"), ("Ann", "Anna"),
    # Two letters are too few to begin a name; unrelated names are two.
    ("Al", "Alan"), ("Evelyn", "Marcus"), ("Bill", "Robert"),
])
def test_other_names_are_not_one(a, b):
    assert not same_given_name(a, b) and not same_given_name(b, a)
