"""What a rule change does (``subsidie diff``): one rule set against another on a corpus of profiles.

:mod:`~engine.diff.impact` reads the base rules (a folder, or a git revision without
touching the working tree), evaluates every profile of the corpus under both rule sets,
and reports each (profile, project, measure) whose status, rate or amount changed.
"""
