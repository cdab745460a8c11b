"""subsidie: a declarative rules engine for Flemish (VLAIO) cybersecurity subsidies.

The public library API: load a rule set, check profiles, evaluate them, run rule
test cases. The command line (:mod:`engine.cli`) is a thin layer over these.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .diagnostics import Diagnostic, EngineError, EvaluationError, InputError, ProfileError, RuleLoadError  # noqa: E402
from .evaluator import Evaluator, MeasureResult, ProfileResult  # noqa: E402
from .profile import load_profile, parse_profile  # noqa: E402
from .ruleset import check_rules, load_rules  # noqa: E402

__all__ = [
    "Diagnostic", "EngineError", "EvaluationError", "Evaluator", "InputError", "MeasureResult", "ProfileError",
    "ProfileResult", "RuleLoadError", "__version__", "check_rules", "load_profile", "load_rules", "parse_profile",
]
