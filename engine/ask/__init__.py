"""The questionnaire of ``subsidie ask``: which fact to ask next, how an answer is read, and the terminal loop.

A step of its own beside evaluation: :mod:`~engine.ask.questionnaire` keeps a partial
profile and picks the question whose answer can change the most results (with the help of
:mod:`~engine.ask.relevance` and the profile schema's fields, :mod:`~engine.ask.profile_fields`);
:mod:`~engine.ask.answers` reads a typed answer or says why it is refused;
:mod:`~engine.ask.terminal` asks the questions one by one on a terminal.
"""
