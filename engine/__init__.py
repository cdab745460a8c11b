"""subsidie: a declarative rules engine for Flemish (VLAIO) cybersecurity subsidies.

The public library API: load a rule set, check profiles, evaluate them, run rule
test cases. The command line (:mod:`engine.cli`) is a thin layer over these.
"""

from __future__ import annotations

from .diagnostics import Diagnostic, EngineError, EvaluationError, InputError, ProfileError, RuleLoadError
from .evaluate.evaluator import Evaluator
from .evaluate.results import MeasureResult, ProfileResult
from .load.profile import load_profile, parse_profile
from .load.ruleset import check_rules, load_rules
from .version import __version__

__all__ = [
    "Diagnostic", "EngineError", "EvaluationError", "Evaluator", "InputError", "MeasureResult", "ProfileError",
    "ProfileResult", "RuleLoadError", "__version__", "check_rules", "load_profile", "load_rules", "parse_profile",
]
