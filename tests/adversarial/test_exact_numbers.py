"""JSON output writes every amount exactly from its Decimal (docs/security.md, "Output that others read").

Before: amounts went through float, so a de minimis ``used`` of 91,000,000,173,999.09 (91 aid entries
of EUR 1,000,000,000,000 and one of EUR 173,999.09, all within the limits) was written as
91000000173999.1 in JSON, while the text output was right.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from engine.text.formatting import json_text

from .conftest import SMALL_IT_FIRM, Engine
from .harness import assert_contained

AID = (
    "".join(f"  - date: 2025-{1 + n % 12:02d}-01\n    amount: 1000000000000\n    measure: other\n" for n in range(91))
    + "  - date: 2025-04-01\n    amount: 173999.09\n    measure: kmo-portefeuille\n"
)


def _profile(tmp_path: Path) -> Path:
    text = SMALL_IT_FIRM.read_text(encoding="utf-8")
    start, end = text.index("aid_received:\n") + len("aid_received:\n"), text.index("\nprojects:")
    path = tmp_path / "big-aid.yaml"
    path.write_text(text[:start] + AID + text[end:], encoding="utf-8")
    return path


def test_evaluate_writes_the_de_minimis_amounts_exactly(engine: Engine, tmp_path: Path):
    run = engine("evaluate", str(_profile(tmp_path)), "--format", "json", "--as-of", "2026-03-01", cwd=tmp_path)
    assert_contained(run, 0)
    assert '"used": 91000000173999.09,' in run.stdout
    assert '"remaining": -90999999873999.09\n' in run.stdout  # the ceiling of EUR 300,000 minus what was used
    totals = json.loads(run.stdout, parse_float=Decimal)["totals"]["de_minimis"]
    assert totals["used"] == Decimal("91000000173999.09")


def test_json_text_writes_decimals_exactly_at_every_magnitude():
    document = {
        "a": Decimal("91000000173999.09"),
        "b": [Decimal("0.1"), Decimal("-12.50"), Decimal("1E+3"), Decimal("0.0000001")],
        "c": 7,
        "d": 'text holding "quotes" and \u0000',
    }
    assert json_text(document, indent=None) == (
        '{"a": 91000000173999.09, "b": [0.1, -12.5, 1000, 0.0000001], "c": 7, '
        '"d": "text holding \\"quotes\\" and \\u0000"}'
    )
    assert json.loads(json_text(document), parse_float=Decimal)["a"] == Decimal("91000000173999.09")
