"""Evaluating profiles: every project against every measure that applies, with the reasons why.

The pipeline step after loading: :class:`~engine.evaluate.evaluator.Evaluator` takes a
checked profile and a loaded rule set and gives a
:class:`~engine.evaluate.results.ProfileResult`. It orders the projects by application
date and keeps the aid history; :mod:`~engine.evaluate.measure` evaluates one measure for
one project, with or without explanations (:mod:`~engine.evaluate.explaining` writes them);
:mod:`~engine.evaluate.scope` is what expressions read meanwhile;
:mod:`~engine.evaluate.summary` works out the company summary (size, NIS2, de minimis).
"""
