"""The budgets of the property-based tests.

Two Hypothesis settings profiles: ``subsidie-ci`` (the default: a bounded number of
examples per test, so that the whole folder stays within about a minute on a shared
two-core machine) and ``subsidie-thorough`` (twenty-five times as many), chosen with
``SUBSIDIE_PROPERTY_PROFILE=thorough``. Tests take their settings from
:func:`budget`, so the profile is not loaded globally and other tests keep theirs.
Deadlines are off: timing is not what these tests check.
"""

from __future__ import annotations

import os
import warnings
from typing import Any

from hypothesis import HealthCheck, settings

# When a test fails, Hypothesis's pytest plugin imports this module (and libcst) to suggest a patch;
# libcst's import raises a DeprecationWarning, which ``filterwarnings = error`` turns into a pytest
# INTERNALERROR that hides the failure. Importing it once here, quietly, keeps failures readable.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        import hypothesis.extra._patching  # noqa: F401
    except ImportError:
        pass

_COMMON: dict[str, Any] = {
    "deadline": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("subsidie-ci", max_examples=100, **_COMMON)
settings.register_profile("subsidie-thorough", max_examples=2500, **_COMMON)

PROFILE = "subsidie-" + os.environ.get("SUBSIDIE_PROPERTY_PROFILE", "ci")


def budget(share: float) -> settings:
    """Settings for a test that runs ``share`` times the profile's number of examples."""
    base = settings.get_profile(PROFILE)
    return settings(base, max_examples=max(1, round(base.max_examples * share)))
