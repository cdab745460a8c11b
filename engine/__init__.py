"""subsidie: a declarative rules engine for Flemish (VLAIO) cybersecurity subsidies.

The public library API: load a rule set, check profiles, evaluate them (the names
below). The command line (:mod:`engine.cli`) is a thin layer over the packages, which
follow the pipeline:

- :mod:`engine.load`: YAML files read, checked against the schemas, profiles and rule sets loaded;
- :mod:`engine.language`: the rule expressions compiled (and run, and analysed);
- :mod:`engine.evaluate`: a profile evaluated against a rule set;
- :mod:`engine.render`: results, explanations and rule documentation written;

and the commands built on them: :mod:`engine.cases` (``test``), :mod:`engine.diff`,
:mod:`engine.ask`, :mod:`engine.batch` and :mod:`engine.serve`. Beside them stand
:mod:`engine.text` (the bilingual texts and how values are written), :mod:`engine.model`
(the objects of a loaded rule set), :mod:`engine.diagnostics`, :mod:`engine.resources`
(where the shipped rules and schemas are) and :mod:`engine.files` (writing files whole).
"""

from __future__ import annotations

from .diagnostics import Diagnostic, EngineError, EvaluationError, InputError, ProfileError, RuleLoadError
from .evaluate.evaluator import Evaluator
from .evaluate.results import MeasureResult, ProfileResult
from .load.profile import load_profile, parse_profile
from .load.ruleset import check_rules, load_rules
from .version import __version__

__all__ = [
    "Diagnostic",
    "EngineError",
    "EvaluationError",
    "Evaluator",
    "InputError",
    "MeasureResult",
    "ProfileError",
    "ProfileResult",
    "RuleLoadError",
    "__version__",
    "check_rules",
    "load_profile",
    "load_rules",
    "parse_profile",
]
