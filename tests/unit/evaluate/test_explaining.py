"""The reasons explanations give (engine.evaluate.explaining): what each check read, with the values, on the
shipped rules; a parameter's part is written once per set of values in force and reused."""

from __future__ import annotations

import datetime as dt

from engine import Evaluator, load_rules, parse_profile

from ...conftest import RULES
from .test_summary import PROFILE


def _reasons(evaluator: Evaluator, day: dt.date, lang: str) -> dict[str, str]:
    data, problems = parse_profile(PROFILE.replace("2026-03-01", day.isoformat()), "p.yaml")
    assert problems == [] and data is not None
    (result,) = evaluator.evaluate(data, day, lang).results
    return {c.id: c.reason for c in result.conditions}


def test_a_parameter_shows_its_value_in_force_on_each_day_again_and_again():
    evaluator = Evaluator(load_rules(RULES))
    late, early = dt.date(2026, 3, 1), dt.date(2023, 3, 1)
    for _ in range(2):  # the second time from the written parts
        assert _reasons(evaluator, late, "en")["de-minimis-ceiling"] == (
            "de_minimis_used = 161.695; amount = 4500; de_minimis_ceiling = 300000"
        )
        assert _reasons(evaluator, early, "en")["de-minimis-ceiling"] == (
            "de_minimis_used = 5000; amount = 4500; de_minimis_ceiling = 200000"
        )
        assert _reasons(evaluator, late, "nl")["legal-form"] == (
            "company.legal_form = 'bv'; excluded_legal_forms = "
            "['vzw', 'ivzw', 'stichting', 'public_body', 'maatschap', 'feitelijke_vereniging']"
        )


def test_a_long_aid_history_is_read_once_per_question_while_a_measure_is_explained(monkeypatch):
    from engine.evaluate.history import HistoryView

    asked: list[tuple[object, ...]] = []
    read = HistoryView.read

    def counted(self: HistoryView, *question: object) -> object:
        asked.append(question)
        return read(self, *question)  # type: ignore[arg-type]

    monkeypatch.setattr(HistoryView, "read", counted)
    grants = ", ".join(f"{{date: 2025-{month:02d}-{day:02d}, amount: 10}}" for month in (1, 2) for day in range(1, 21))
    data, problems = parse_profile(PROFILE.replace(PROFILE.splitlines()[1], f"aid_received: [{grants}]"), "p.yaml")
    assert problems == [] and data is not None
    (result,) = Evaluator(load_rules(RULES)).evaluate(data, dt.date(2026, 3, 1), "en").results
    reasons = {c.id: c.reason for c in result.conditions}
    assert reasons["yearly-cap-reached"].endswith(
        "aid_total(year_start(project.application_date), project.application_date, measure='kmo-portefeuille') = 0"
    )
    assert reasons["de-minimis-ceiling"] == "de_minimis_used = 400; amount = 4500; de_minimis_ceiling = 300000"
    assert len(asked) == len(set(asked)) == 2  # the yearly cap's read and de_minimis_used's, each once


def test_a_rule_text_is_filled_in_with_the_values_of_each_set_of_parameters():
    from engine.evaluate.explaining import Explainer
    from engine.evaluate.scope import Parameters
    from engine.model import Text

    text = Text("Minstens {least} deelnemers.", "At least {least} participants.")
    plain = Text("Geen waarde.", "No value.")
    early = Parameters({"least": 3}, dt.date(2020, 1, 1))
    late = Parameters({"least": 5}, dt.date(2024, 1, 1))
    for _ in range(2):  # the second time from the filled texts kept
        assert Explainer(None, early, "en", True).text(text) == "At least 3 participants."  # type: ignore[arg-type]
        assert Explainer(None, late, "en", True).text(text) == "At least 5 participants."  # type: ignore[arg-type]
        assert Explainer(None, late, "nl", True).text(text) == "Minstens 5 deelnemers."  # type: ignore[arg-type]
        assert Explainer(None, late, "nl", True).text(plain) == "Geen waarde."  # type: ignore[arg-type]


def test_reused_wordings_explain_every_case_and_example_as_fresh_ones_in_both_languages():
    """What explaining writes alike for every project (engine/evaluate/wording.py) is worked out on first use and
    reused: every case and example profile, in both languages, explained by one evaluator that has explained them all
    already (wordings and reasons' parts reused, each made for another project) is explained field by field as by a
    fresh evaluator with no wording kept (each made for this very project)."""
    import copy

    from engine.evaluate import wording

    from .shipped import shipped_inputs

    rules = load_rules(RULES)
    inputs = shipped_inputs(rules)
    warm = Evaluator(rules)
    for profile, as_of in inputs:
        for lang in ("nl", "en"):
            warm.evaluate(copy.deepcopy(profile), as_of, lang)
    reused = 0
    for profile, as_of in inputs:
        for lang in ("nl", "en"):
            kept = dict(wording._WORDINGS)
            again = warm.evaluate(copy.deepcopy(profile), as_of, lang).results
            reused += kept == wording._WORDINGS
            fresh = Evaluator(rules).evaluate(copy.deepcopy(profile), as_of, lang).results  # parameters of its own
            wording._WORDINGS.clear()  # the warm evaluator's wordings only, for the next profile
            wording._WORDINGS.update(kept)
            assert again == fresh
            for a, b in zip(again, fresh, strict=True):
                assert a.explanation == b.explanation and a.title == b.title and a.source == b.source
                assert [(c.text, c.reason, c.failed) for c in a.conditions] == [
                    (c.text, c.reason, c.failed) for c in b.conditions
                ]
    assert reused == 2 * len(inputs)  # no evaluation of the warm evaluator made a new wording
