"""Training and evaluation: ``echoscope train`` and ``echoscope eval``.

Never imported when analysing (a test pins this): the analyzers use :mod:`echoscope.ml`.

- :mod:`.datasets` — readers for the official splits in ``../shared/data``;
- :mod:`.metrics` — task metrics, the official SemEval-2020 Task 11 scoring, bootstrap
  intervals;
- :mod:`.linear` — logistic regression fitted on the hashed columns the rows use;
- :mod:`.social` — offensive, irony and hypocrisy classifiers; :mod:`.stance`; and
  :mod:`.techniques` — each trains its model, writes its card and scores it.
"""
