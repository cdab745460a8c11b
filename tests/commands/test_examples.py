"""Every shipped example profile evaluates to its checked expected JSON."""

from __future__ import annotations

import json

import pytest

from engine.load.ruleset import digest

from ..conftest import EXAMPLES, RULES

PROFILES = sorted(EXAMPLES.glob("*.yaml"))


def test_examples_exist():
    assert [p.name for p in PROFILES] == [
        "hospital-group.yaml",
        "kmo-reform-2026.yaml",
        "maatwerkbedrijf.yaml",
        "medium-manufacturer-nis2.yaml",
        "near-de-minimis-ceiling.yaml",
        "partner-and-linked.yaml",
        "small-it-firm.yaml",
        "young-startup.yaml",
    ]


@pytest.mark.parametrize("profile", PROFILES, ids=[p.stem for p in PROFILES])
def test_example_matches_expected_json(profile, run_cli, monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent.parent)
    relative = str(profile.relative_to(EXAMPLES.parent.parent))
    code, out, err = run_cli("evaluate", relative, "--format", "json", "--as-of", "2026-11-29", "--lang", "en")
    assert code == 0, err
    got = json.loads(out)
    expected = json.loads(profile.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert got["rules_digest"] == digest(RULES)
    got.pop("rules_digest")
    expected.pop("rules_digest")
    assert got == expected


def test_small_it_firm_hand_checked_amounts(run_cli, monkeypatch):
    """45% x 10,000 = 4,500; 45% x 8,000 = 3,600 capped at 7,500 - 4,500 = 3,000; other advice after 2026-02-01: 0."""
    monkeypatch.chdir(EXAMPLES.parent.parent)
    code, out, _ = run_cli(
        "evaluate", "examples/profiles/small-it-firm.yaml", "--format", "json", "--as-of", "2026-11-29"
    )
    assert code == 0
    got = json.loads(out)
    assert got["company"] == {"size": "small", "nis2": "none"}
    assert [(r["project"], r["status"], r["rate"], r["amount"], r["recommended"]) for r in got["results"]] == [
        ("cyber-audit", "eligible", 45, 4500, True),
        ("security-training", "eligible", 45, 3000, True),
        ("marketing-advice", "not_eligible", None, 0, False),
    ]
    assert got["totals"] == {
        "amount": 7500,
        "de_minimis": {"ceiling": 300000, "used": 2000, "granted_now": 7500, "remaining": 290500},
    }


def _evaluate(run_cli, monkeypatch, name: str) -> dict:
    monkeypatch.chdir(EXAMPLES.parent.parent)
    code, out, err = run_cli(
        "evaluate", f"examples/profiles/{name}.yaml", "--format", "json", "--as-of", "2026-11-29", "--lang", "en"
    )
    assert code == 0, err
    return json.loads(out)


def _decisive(got: dict) -> list[tuple]:
    """(project, measure, status, rate, amount, recommended) of every result that is not info."""
    return [
        (r["project"], r["measure"], r["status"], r["rate"], r["amount"], r["recommended"])
        for r in got["results"]
        if r["status"] != "info"
    ]


def _info(got: dict) -> list[tuple[str, str]]:
    return [(r["project"], r["measure"]) for r in got["results"] if r["status"] == "info"]


def _failed(got: dict) -> dict[str, list[str]]:
    return {
        r["project"]: [c["id"] for c in r["conditions"] if c["holds"] is False]
        for r in got["results"]
        if r["status"] == "not_eligible"
    }


def test_medium_manufacturer_nis2_hand_checked_amounts(run_cli, monkeypatch):
    """120 AWU -> medium; manufacturing (Annex II) + medium -> important. Kmo 2026: 35% x 6,000 = 2,100;
    35% x 12,000 = 4,200; 20% x 9,000 = 1,800 capped at 7,500 - 6,300 = 1,200. Trajectory 2024 version,
    SME: 50% x 30,000 = 15,000 (the 2022-01-10 trajectory is more than four years back). Development:
    25 + 10 + 10 = 45% x 400,000 = 180,000. De minimis at 2026-06-01: used 20,000 + 3,000."""
    got = _evaluate(run_cli, monkeypatch, "medium-manufacturer-nis2")
    assert got["company"] == {"size": "medium", "nis2": "important"}
    assert _decisive(got) == [
        ("ot-security-training", "kmo-portefeuille", "eligible", 35, 2100, True),
        ("nis2-gap-advice", "kmo-portefeuille", "eligible", 35, 4200, True),
        ("lean-training", "kmo-portefeuille", "eligible", 20, 1200, True),
        ("ot-improvement", "cybersecurity-verbetertraject", "eligible", 50, 15000, True),
        ("vision-dev", "ontwikkelingsproject", "eligible", 45, 180000, True),
    ]
    assert _info(got) == []
    assert got["totals"] == {
        "amount": 202500,
        "de_minimis": {"ceiling": 300000, "used": 23000, "granted_now": 22500, "remaining": 254500},
    }


def test_hospital_group_hand_checked_amounts(run_cli, monkeypatch):
    """3,200 AWU -> large; health (Annex I) + large -> essential. CS-ICON 2023 (2022 call open, D22): 50% +
    0 (large) + 10 (collaboration) = 60% x 600,000 = 360,000. Trajectory 2025 (2024 version, non-SME NIS2):
    35% x 35,000 = 12,250. Research:
    60% x 800,000 + 35% x 400,000 = 620,000. CS-ICON 2026: no open call. Kmo advice: large, not an SME.
    De minimis at 2026-04-20: used 40,000 (the 250,000 non-de-minimis aid does not count)."""
    got = _evaluate(run_cli, monkeypatch, "hospital-group")
    assert got["company"] == {"size": "large", "nis2": "essential"}
    assert _decisive(got) == [
        ("icon-medical-devices", "cs-icon", "eligible", 60, 360000, True),
        ("soc-trajectory", "cybersecurity-verbetertraject", "eligible", 35, 12250, True),
        ("medical-iot-research", "onderzoeksproject", "eligible", 60, 620000, True),
        ("icon-hospital-ot", "cs-icon", "not_eligible", None, 0, False),
        ("awareness-advice", "kmo-portefeuille", "not_eligible", None, 0, False),
    ]
    assert _failed(got) == {"icon-hospital-ot": ["no-open-call"], "awareness-advice": ["sme"]}
    assert _info(got) == [
        (p, m)
        for p in ("icon-medical-devices", "medical-iot-research", "icon-hospital-ot")
        for m in ("digital-europe", "horizon-europe")
    ]
    assert got["totals"] == {
        "amount": 992250,
        "de_minimis": {"ceiling": 300000, "used": 40000, "granted_now": 12250, "remaining": 247750},
    }


def test_young_startup_hand_checked_amounts(run_cli, monkeypatch):
    """Micro bv founded 2025-09-01, applying 2026-06-01: no ISS call is open (D23); cybersecurity advice 45% x
    4,000 = 1,800; development 45% x 50,000 = 22,500 < 25,000 minimum -> not eligible.
    De minimis: used 7,500 (guarantee of 2025-11-10), granted now 1,800 (ISS is not de minimis)."""
    got = _evaluate(run_cli, monkeypatch, "young-startup")
    assert got["company"] == {"size": "micro", "nis2": "none"}
    assert _decisive(got) == [
        ("iss-project", "innovatieve-starterssteun", "not_eligible", None, 0, False),
        ("cyber-advice", "kmo-portefeuille", "eligible", 45, 1800, True),
        ("prototype-dev", "ontwikkelingsproject", "not_eligible", 45, 0, False),
    ]
    assert _failed(got) == {"iss-project": ["no-open-call"], "prototype-dev": ["below-minimum-aid"]}
    assert _info(got) == [("prototype-dev", "digital-europe"), ("prototype-dev", "horizon-europe")]
    assert got["totals"] == {
        "amount": 1800,
        "de_minimis": {"ceiling": 300000, "used": 7500, "granted_now": 1800, "remaining": 290700},
    }


def test_maatwerkbedrijf_hand_checked_amounts(run_cli, monkeypatch):
    """Large vzw, recognised maatwerkbedrijf. Trajectories: 2021 version (SMEs only, vzw excluded) no;
    2022 version (maatwerkbedrijf admitted, vzw still excluded) no; 2023 version 50% x 20,000 = 10,000;
    2025 (2024 version) blocked by the 2023 trajectory within four years. Kmo advice: large and vzw.
    De minimis at 2025-05-12: used 18,000, granted now 10,000."""
    got = _evaluate(run_cli, monkeypatch, "maatwerkbedrijf")
    assert got["company"] == {"size": "large", "nis2": "none"}
    assert _decisive(got) == [
        ("traject-2021", "cybersecurity-verbetertraject", "not_eligible", None, 0, False),
        ("traject-2022", "cybersecurity-verbetertraject", "not_eligible", None, 0, False),
        ("traject-2023", "cybersecurity-verbetertraject", "eligible", 50, 10000, True),
        ("traject-2025", "cybersecurity-verbetertraject", "not_eligible", None, 0, False),
        ("cyber-advice", "kmo-portefeuille", "not_eligible", None, 0, False),
    ]
    assert _failed(got) == {
        "traject-2021": ["eligible-company", "legal-form"],
        "traject-2022": ["legal-form"],
        "traject-2025": ["one-per-four-years"],
        "cyber-advice": ["sme", "legal-form"],
    }
    assert got["totals"] == {
        "amount": 10000,
        "de_minimis": {"ceiling": 300000, "used": 18000, "granted_now": 10000, "remaining": 272000},
    }


def test_near_de_minimis_ceiling_hand_checked_amounts(run_cli, monkeypatch):
    """294,000 de minimis received (the 200,000 non-de-minimis grant does not count). Advice 4,500 ->
    298,500; training 3,000 (after the yearly cap) would make 301,500 -> not eligible, not reduced (D6);
    trajectory 10,000 on 2026-05-04 -> 308,500, not eligible; on 2026-05-18 the 120,000 of 2023-05-10
    has left the window: 188,500 -> eligible. De minimis at 2026-05-18: used 174,000."""
    got = _evaluate(run_cli, monkeypatch, "near-de-minimis-ceiling")
    assert got["company"] == {"size": "small", "nis2": "none"}
    assert _decisive(got) == [
        ("cyber-advice", "kmo-portefeuille", "eligible", 45, 4500, True),
        ("security-training", "kmo-portefeuille", "not_eligible", 45, 0, False),
        ("improvement-may", "cybersecurity-verbetertraject", "not_eligible", 50, 0, False),
        ("improvement-retry", "cybersecurity-verbetertraject", "eligible", 50, 10000, True),
    ]
    assert _failed(got) == {"security-training": ["de-minimis-ceiling"], "improvement-may": ["de-minimis-ceiling"]}
    assert got["totals"] == {
        "amount": 14500,
        "de_minimis": {"ceiling": 300000, "used": 174000, "granted_now": 14500, "remaining": 111500},
    }


def test_partner_and_linked_hand_checked_amounts(run_cli, monkeypatch):
    """18 AWU alone, but 18 + 40% x 60 + 25% x 20 + 12 = 59 AWU -> medium; previous year 55 AWU ->
    medium. Kmo 2025: 35% x 9,000 = 3,150; 20% x 12,000 = 2,400 capped at 7,500 - 2,400 - 3,150 = 1,950.
    Trajectory: 50% x 24,000 = 12,000. Development: 25 + 10 = 35% x 300,000 = 105,000.
    De minimis at 2026-03-02: used 25,000 + 2,400."""
    got = _evaluate(run_cli, monkeypatch, "partner-and-linked")
    assert got["company"] == {"size": "medium", "nis2": "none"}
    assert _decisive(got) == [
        ("cyber-advice", "kmo-portefeuille", "eligible", 35, 3150, True),
        ("export-training", "kmo-portefeuille", "eligible", 20, 1950, True),
        ("cyber-trajectory", "cybersecurity-verbetertraject", "eligible", 50, 12000, True),
        ("secure-plc-dev", "ontwikkelingsproject", "eligible", 35, 105000, True),
    ]
    assert _info(got) == [("secure-plc-dev", "digital-europe"), ("secure-plc-dev", "horizon-europe")]
    assert got["totals"] == {
        "amount": 122100,
        "de_minimis": {"ceiling": 300000, "used": 27400, "granted_now": 17100, "remaining": 255500},
    }


def test_kmo_reform_2026_hand_checked_amounts(run_cli, monkeypatch):
    """Small. Advice other 2026-01-19: 30% x 6,000 = 1,800; training 2026-01-26: 30% x 2,500 = 750; advice
    other 2026-02-02: theme no longer supported; cybersecurity advice: 45% x 8,000 = 3,600; energy
    training: 45% x 6,000 = 2,700 capped at 7,500 - 6,150 = 1,350. De minimis at 2026-03-09: used 7,500."""
    got = _evaluate(run_cli, monkeypatch, "kmo-reform-2026")
    assert got["company"] == {"size": "small", "nis2": "none"}
    assert _decisive(got) == [
        ("strategy-advice", "kmo-portefeuille", "eligible", 30, 1800, True),
        ("excel-training", "kmo-portefeuille", "eligible", 30, 750, True),
        ("hr-advice", "kmo-portefeuille", "not_eligible", None, 0, False),
        ("cyber-advice", "kmo-portefeuille", "eligible", 45, 3600, True),
        ("energy-training", "kmo-portefeuille", "eligible", 45, 1350, True),
    ]
    assert _failed(got) == {"hr-advice": ["theme-supported"]}
    assert got["totals"] == {
        "amount": 7500,
        "de_minimis": {"ceiling": 300000, "used": 7500, "granted_now": 7500, "remaining": 285000},
    }
