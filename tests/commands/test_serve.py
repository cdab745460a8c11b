"""``subsidie serve``: the HTTP JSON API, tested with an HTTP client against a server the tests start.

The API must agree exactly with ``subsidie evaluate`` (same results, same diagnostics),
bound request bodies, time out slow clients, never show a traceback, and describe every
route in a valid OpenAPI 3.1 document.
"""

from __future__ import annotations

import datetime as _dt
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.load.profile import parse_profile
from engine.load.ruleset import load_rules
from engine.serve.api import REQUEST, Service, profile_yaml, read_profile
from engine.serve.openapi import openapi_document
from engine.serve.server import ROUTES, Application, allowed_hosts, is_loopback, make_server

from ..conftest import EXAMPLES, ROOT, RULES

AS_OF = "2026-06-01"
INVALID = ROOT / "tests" / "fixtures" / "invalid" / "profiles"
SCENARIO = {  # a small IT firm with a cybersecurity advice project
    "company": {
        "name": "Bitwerk BV",
        "enterprise_number": "0566.988.259",
        "legal_form": "bv",
        "founded": "2021-05-01",
        "region": "flanders",
        "employees": 12,
        "turnover": 1800000,
        "balance_sheet_total": 900000,
    },
    "projects": [
        {
            "id": "cyber-advice",
            "kind": "advice",
            "theme": "cybersecurity",
            "cost": 10000,
            "application_date": "2026-03-01",
            "provider_registered": True,
        }
    ],
}


@contextmanager
def running_server(max_body: int = 1024 * 1024, timeout: float = 10.0) -> Iterator[tuple[str, Application]]:
    """A server on a free loopback port, in a thread; yields its base URL and application."""
    app = Application(Service(load_rules(RULES), "en"), max_body=max_body, hosts=allowed_hosts("127.0.0.1"))
    server = make_server(app, "127.0.0.1", 0, timeout=timeout, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", app
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, Application]]:
    with running_server() as running:
        yield running


@pytest.fixture(scope="module")
def base(server: tuple[str, Application]) -> str:
    return server[0]


def call(
    base: str, method: str, path: str, body: bytes | str | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One request; returns status, headers (lower-case names) and body."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    try:
        data = body.encode("utf-8") if isinstance(body, str) else body
        connection.request(method, path, body=data, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def post(base: str, path: str, body: bytes | str, content_type: str = "application/yaml") -> tuple[int, Any]:
    status, headers, data = call(base, "POST", path, body, {"Content-Type": content_type})
    return status, json.loads(data) if headers["content-type"].startswith("application/json") else data.decode()


def cli_json(run_cli: Any, path: Path, lang: str = "en") -> dict[str, Any]:
    code, out, err = run_cli("evaluate", str(path), "--format", "json", "--lang", lang, "--as-of", AS_OF)
    assert code == 0, err
    return json.loads(out)


def without_name(document: dict[str, Any]) -> dict[str, Any]:
    """An evaluation without what only one side has: the profile's name, and the server's list of the application
    dates it assumed (see test_the_server_says_which_application_dates_it_assumed)."""
    return {k: v for k, v in document.items() if k not in ("profile", "application_dates_assumed")}


def raw_exchange(base: str, data: bytes, *, read_timeout: float = 30.0, shut: bool = False) -> bytes:
    """Send raw bytes on one connection and read until the server closes it."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=read_timeout) as sock:
        sock.sendall(data)
        if shut:
            sock.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def status_and_json(reply: bytes) -> tuple[int, Any]:
    head, _, body = reply.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), json.loads(body)


# ---- results agree with `subsidie evaluate` ----


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_evaluate_agrees_exactly_with_the_command_line(base, run_cli, example, lang):
    path = EXAMPLES / example
    status, document = post(base, f"/evaluate?lang={lang}&as_of={AS_OF}", path.read_bytes())
    assert status == 200
    assert document["profile"] == REQUEST
    assert without_name(document) == without_name(cli_json(run_cli, path, lang))


def test_a_json_profile_is_evaluated_like_the_same_facts_in_a_file(base, run_cli, tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(SCENARIO), encoding="utf-8")
    status, document = post(base, f"/evaluate?lang=en&as_of={AS_OF}", json.dumps(SCENARIO), "application/json")
    assert status == 200
    assert without_name(document) == without_name(cli_json(run_cli, path))
    [result] = document["results"]
    assert (result["measure"], result["status"], result["rate"], result["amount"]) == (
        "kmo-portefeuille",
        "eligible",
        45,
        4500,
    )


def test_as_of_fills_in_missing_application_dates_and_defaults_to_today(base):
    profile = json.loads(json.dumps(SCENARIO))
    del profile["projects"][0]["application_date"]
    status, dated = post(base, "/evaluate?as_of=2026-03-01", json.dumps(profile), "application/json")
    assert status == 200 and dated["as_of"] == "2026-03-01"
    assert dated["results"][0]["application_date"] == "2026-03-01"
    status, today = post(base, "/evaluate", json.dumps(profile), "application/json")
    assert status == 200 and today["as_of"] in {
        _dt.date.today().isoformat(),
        (_dt.date.today() - _dt.timedelta(days=1)).isoformat(),
    }


# ---- diagnostics agree with `subsidie evaluate` ----


@pytest.mark.parametrize("fixture", sorted(p.name for p in INVALID.iterdir() if p.suffix in (".yaml", ".json")))
def test_a_bad_profile_gets_422_with_the_command_lines_diagnostics(base, run_cli, fixture):
    path = INVALID / fixture
    code, _, err = run_cli("evaluate", str(path), "--as-of", AS_OF)
    assert code == 2
    status, body = post(base, "/evaluate", path.read_bytes())
    assert status == 422
    text = "".join(
        f"{d['file']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']} [{d['code']}]\n"
        + (f"  hint: {d['hint']}\n" if d["hint"] else "")
        for d in body["diagnostics"]
    )
    assert text == err.replace(str(path), REQUEST)


def test_each_diagnostic_names_the_profile_path_of_its_field(base):
    profile = json.loads(json.dumps(SCENARIO))
    profile["company"]["enterprise_number"] = "0566.988.258"
    status, body = post(base, "/evaluate", json.dumps(profile), "application/json")
    assert status == 422
    assert body == {
        "diagnostics": [
            {
                "file": REQUEST,
                "line": 1,
                "column": 57,
                "severity": "error",
                "code": "kbo-check",
                "message": "the enterprise number '0566.988.258' has the wrong check digits: expected 59, found 58",
                "hint": "copy the number from the KBO (Crossroads Bank for Enterprises); the last two digits are "
                "97 minus the first eight modulo 97",
                "path": "company.enterprise_number",
            }
        ]
    }
    text = '{"company": {"employes": 3}, "projects": [{"id": "a", "cost": "10.000"}, {"kind": "advice"}]}'
    status, body = post(base, "/evaluate", text, "application/json")
    assert status == 422
    assert [(d["line"], d["column"], d["code"], d["path"]) for d in body["diagnostics"]] == [
        (1, 14, "unknown-key", "company.employes"),
        (1, 43, "missing-key", "projects[0]"),
        (1, 63, "schema-type", "projects[0].cost"),
        (1, 74, "missing-key", "projects[1]"),
    ]


def test_diagnostic_paths_in_block_yaml_tell_keys_from_the_mappings_they_start(base):
    text = "company:\n  employes: 3\nprojects:\n  - id: a\n    cost: 10\n  - id: b\n    kind: advise\n"
    status, body = post(base, "/evaluate", text)
    assert status == 422
    assert [(d["line"], d["column"], d["code"], d["path"]) for d in body["diagnostics"]] == [
        (2, 3, "unknown-key", "company.employes"),
        (4, 5, "missing-key", "projects[0]"),
        (7, 11, "schema-enum", "projects[1].kind"),
    ]
    status, body = post(base, "/evaluate", "company: [\n")
    assert status == 422
    assert [(d["code"], d["path"]) for d in body["diagnostics"]] == [("yaml-syntax", None)]
    status, body = post(base, "/evaluate", b"company: \xff\n")
    assert status == 422
    assert [(d["line"], d["column"], d["code"], d["path"]) for d in body["diagnostics"]] == [(1, 10, "encoding", None)]


def test_diagnostics_are_said_in_the_language_asked_for_all_at_once(base):
    profile = json.loads(json.dumps(SCENARIO))
    profile["company"]["enterprise_number"] = "0566.988.258"
    profile["projects"][0]["cost"] = -12000
    profile["projects"].append({"id": "cyber-advice", "kind": "advice", "costt": 3})
    said = {}
    for lang in ("nl", "en"):
        for route in (f"/evaluate?lang={lang}", f"/profile.yaml?lang={lang}", f"/profile.json?lang={lang}"):
            status, body = post(base, route, json.dumps(profile), "application/json")
            assert status == 422
            said[route] = [(d["path"], d["code"], d["message"], d["hint"]) for d in body["diagnostics"]]
        assert (
            said[f"/evaluate?lang={lang}"] == said[f"/profile.yaml?lang={lang}"] == said[f"/profile.json?lang={lang}"]
        )
    assert said["/evaluate?lang=nl"] == [
        (
            "company.enterprise_number",
            "kbo-check",
            "het ondernemingsnummer '0566.988.258' heeft de verkeerde controlecijfers: verwacht 59, gevonden 58",
            "neem het nummer over uit de KBO (Kruispuntbank van Ondernemingen); de laatste twee cijfers zijn 97 min "
            "de eerste acht modulo 97",
        ),
        ("projects[0].cost", "schema-range", "moet minstens 0 zijn, gevonden: -12000", None),
        (
            "projects[1].id",
            "duplicate-project",
            "de project-id 'cyber-advice' wordt twee keer gebruikt (eerst door project 1)",
            "geef elk project een eigen id",
        ),
        ("projects[1].costt", "unknown-key", "onbekende sleutel 'costt'", "bedoel je 'cost'?"),
    ]
    assert [message for _, _, message, _ in said["/evaluate?lang=en"]][1] == "must be at least 0, found -12000"
    status, body = post(base, "/evaluate", '{"projects": [{"kind": "advice"}]}', "application/json")
    assert [(d["code"], d["path"], d.get("key")) for d in body["diagnostics"]] == [
        ("missing-key", "", "company"),
        ("missing-key", "projects[0]", "id"),
    ]


def test_the_server_says_which_application_dates_it_assumed(base):
    profile = json.loads(json.dumps(SCENARIO))
    profile["projects"].append({"id": "training", "kind": "training", "application_date": "2026-05-10"})
    del profile["projects"][0]["application_date"]
    status, document = post(base, "/evaluate?as_of=2026-04-01", json.dumps(profile), "application/json")
    assert status == 200
    assert document["application_dates_assumed"] == [{"project": "cyber-advice", "date": "2026-04-01"}]
    status, document = post(base, "/evaluate", json.dumps(SCENARIO), "application/json")
    assert document["application_dates_assumed"] == []


def test_the_questions_of_each_project_kind_come_from_the_rules(server):
    base, app = server
    status, headers, data = call(base, "GET", "/project-fields")
    assert status == 200 and headers["content-type"] == "application/json; charset=utf-8"
    document = json.loads(data)
    assert document["rules_digest"] == app.service.rules.digest
    kinds = document["kinds"]
    assert list(kinds) == ["advice", "training", "improvement_trajectory", "development", "research", "icon", "startup"]
    assert kinds["advice"] == {
        "measures": ["kmo-portefeuille"],
        "fields": ["id", "kind", "theme", "cost", "application_date", "start_date", "provider_registered"],
    }
    assert kinds["improvement_trajectory"]["fields"] == [
        "id",
        "kind",
        "cost",
        "application_date",
        "provider_framework_contract",
    ]
    assert "consortium.independent_companies" in kinds["icon"]["fields"]
    assert "consortium.independent_companies" not in kinds["research"]["fields"]
    assert kinds["research"]["fields"][-2:] == ["collaboration", "development_cost"]


def test_the_questions_follow_a_changed_rule_set(tmp_path):
    """Computed from the rules when the server starts: a measure that reads one more fact asks it."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    path = rules / "kmo-portefeuille.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("applies_to: [advice, training]", "applies_to: [advice, training, startup]"), encoding="utf-8"
    )
    icon = rules / "cs-icon.yaml"
    text = icon.read_text(encoding="utf-8")
    assert text.count("project.consortium.independent_companies") == 1
    icon.write_text(text.replace("project.consortium.independent_companies", "project.cost"), encoding="utf-8")
    app = Application(Service(load_rules(rules), "en"))
    kinds = json.loads(app.project_fields.body)["kinds"]
    assert kinds["startup"]["measures"] == ["innovatieve-starterssteun", "kmo-portefeuille"]
    assert "provider_registered" in kinds["startup"]["fields"] and "cost" in kinds["startup"]["fields"]
    assert "consortium.research_organisation" in kinds["icon"]["fields"]  # the one field of the consortium read
    assert "consortium.independent_companies" not in kinds["icon"]["fields"]


def test_a_profile_file_is_read_for_the_form_with_its_problems_at_their_paths(base):
    text = (
        "# a profile\ncompany:\n  name: Bitwerk BV\n  founded: 2021-05-01\n  turnover: 1800000.50\n"
        "  enterprise_number: '0566.988.258'\nprojects:\n  - id: a\n    kind: advice\n    costt: 3\n"
    )
    status, body = post(base, "/profile.json?lang=nl", text)
    assert status == 422
    assert body["profile"] == {
        "company": {
            "name": "Bitwerk BV",
            "founded": "2021-05-01",
            "turnover": 1800000.5,
            "enterprise_number": "0566.988.258",
        },
        "projects": [{"id": "a", "kind": "advice", "costt": 3}],
    }
    assert [(d["line"], d["column"], d["path"], d["message"]) for d in body["diagnostics"]] == [
        (
            6,
            22,
            "company.enterprise_number",
            "het ondernemingsnummer '0566.988.258' heeft de verkeerde controlecijfers: verwacht 59, gevonden 58",
        ),
        (10, 5, "projects[0].costt", "onbekende sleutel 'costt'"),
    ]
    status, body = post(base, "/profile.json", (EXAMPLES / "small-it-firm.yaml").read_bytes())
    assert status == 200 and body["diagnostics"] == []
    assert body["profile"]["projects"][0]["application_date"] == "2026-03-01"
    status, body = post(base, "/profile.json?lang=nl", "company: [\n")
    assert status == 422 and body["profile"] is None
    assert [(d["line"], d["code"], d["path"]) for d in body["diagnostics"]] == [(2, "yaml-syntax", None)]
    status, body = post(base, "/profile.json", "company: {founded: 2021-05-01 10:00:00, turnover: .inf}\n")
    assert status == 422 and body["profile"]["company"] == {"founded": "2021-05-01 10:00:00", "turnover": None}
    assert [(d["code"], d["path"]) for d in body["diagnostics"]] == [("yaml-number", "company.turnover")]


# ---- the profile as YAML ----


def test_the_profile_as_yaml_is_what_was_posted_with_bare_dates_and_no_defaults(base, run_cli, tmp_path):
    status, headers, data = call(
        base, "POST", "/profile.yaml", json.dumps(SCENARIO), {"Content-Type": "application/json"}
    )
    assert status == 200
    assert headers["content-type"] == "application/yaml; charset=utf-8"
    assert headers["content-disposition"] == 'attachment; filename="profile.yaml"'
    assert data.decode() == (
        "# A company profile for subsidie: subsidie evaluate THIS-FILE\n"
        "# Money in euro excluding VAT; dates YYYY-MM-DD; a fact left out is unknown.\n"
        'company:\n  name: "Bitwerk BV"\n  enterprise_number: "0566.988.259"\n  legal_form: bv\n'
        "  founded: 2021-05-01\n  region: flanders\n  employees: 12\n  turnover: 1800000\n"
        "  balance_sheet_total: 900000\n"
        "projects:\n  - id: cyber-advice\n    kind: advice\n    theme: cybersecurity\n    cost: 10000\n"
        "    application_date: 2026-03-01\n    provider_registered: true\n"
    )
    path = tmp_path / "profile.yaml"
    path.write_bytes(data)
    status, document = post(base, f"/evaluate?lang=en&as_of={AS_OF}", json.dumps(SCENARIO), "application/json")
    assert without_name(cli_json(run_cli, path)) == without_name(document)


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_evaluating_the_downloaded_yaml_gives_the_pages_results(base, run_cli, tmp_path, example):
    source = (EXAMPLES / example).read_bytes()
    as_json = json.dumps(parse_profile(source.decode(), "x")[0], default=str)  # what a form would post
    status, data = post(base, "/profile.yaml", source)
    assert status == 200
    path = tmp_path / "profile.yaml"
    path.write_text(data, encoding="utf-8")
    for body, kind in ((source, "application/yaml"), (as_json, "application/json")):
        status, document = post(base, f"/evaluate?lang=nl&as_of={AS_OF}", body, kind)
        assert status == 200
        assert without_name(cli_json(run_cli, path, "nl")) == without_name(document)


def test_no_yaml_is_written_for_a_bad_profile(base):
    status, body = post(base, "/profile.yaml", '{"projects": []}', "application/json")
    assert status == 422
    assert [(d["code"], d["path"]) for d in body["diagnostics"]] == [("missing-key", ""), ("schema-size", "projects")]


_text = st.text(
    st.characters(exclude_categories=("Cs",)) | st.sampled_from("\x85\u2028\u2029\r\n\t'\":#-"), min_size=1, max_size=30
)


@settings(max_examples=150, deadline=None)
@given(
    name=_text,
    project=_text,
    nace=st.from_regex(r"\A[0-9]{2}(\.[0-9]{1,3})?\Z"),
    cost=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    measure=_text,
)
def test_the_yaml_reads_back_to_exactly_the_posted_values(name, project, nace, cost, measure):
    profile = {
        "company": {"name": name, "nace": nace, "employees": 3},
        "aid_received": [{"date": "2025-01-02", "amount": 10, "measure": measure}],
        "projects": [{"id": project, "kind": "advice", "cost": cost}],
    }
    text = json.dumps(profile, default=str).replace(f'"{cost}"', str(cost))
    posted = read_profile(text.encode())
    assert posted.data is not None, posted.diagnostics
    again, diagnostics = parse_profile(profile_yaml(posted), "again")
    assert diagnostics == []
    assert again == posted.data
    assert again["projects"][0]["cost"] == cost and isinstance(again["projects"][0]["cost"], (int, Decimal))


def _as_json(value: Any) -> Any:
    """A loaded profile written back as JSON text: dates as ISO texts, decimals as JSON numbers."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {_as_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_as_json(v) for v in value) + "]"
    if isinstance(value, _dt.date):
        return json.dumps(value.isoformat())
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_plain_json_is_read_without_the_yaml_loader_and_gives_what_the_loader_gives(path, monkeypatch):
    from engine.load.yaml_loader import load_text

    text = _as_json(load_text(path.read_text(encoding="utf-8"), path.name)[0].data)
    by_loader = parse_profile(text, REQUEST)
    loaded = load_text(text, REQUEST)[0].data

    def refused(*_: Any) -> Any:
        raise AssertionError("plain JSON went through the YAML loader")

    monkeypatch.setattr("engine.serve.api.load_text", refused)
    posted = read_profile(text.encode())
    assert (posted.data, posted.diagnostics) == by_loader
    assert posted.written == loaded


def test_plain_json_with_a_problem_is_read_again_by_the_loader_for_its_position():
    posted = read_profile(b'{"company": {"employees": -3}, "projects": [{"id": "a", "kind": "advice"}]}')
    assert posted.data is None
    assert [(d.line, d.column, d.code, p) for d, p in zip(posted.diagnostics, posted.paths)] == [
        (1, 27, "schema-range", "company.employees")
    ]


# ---- the other routes ----


def test_health_and_measures(base):
    rules = load_rules(RULES)
    status, _, data = call(base, "GET", "/health")
    assert status == 200
    assert json.loads(data) == {
        "status": "ok",
        "engine_version": "0.1.0",
        "rules_digest": rules.digest,
        "measures": len(rules.measures),
    }
    for lang in ("nl", "en"):
        status, _, data = call(base, "GET", f"/measures?lang={lang}")
        listed = json.loads(data)["measures"]
        assert status == 200
        assert [m["id"] for m in listed] == list(rules.measures)
        kmo = next(m for m in listed if m["id"] == "kmo-portefeuille")
        assert kmo["title"] == rules.measures["kmo-portefeuille"].title(lang)
        assert kmo["kinds"] == ["advice", "training"] and kmo["de_minimis"] is True


def test_the_page_its_files_and_the_schema_are_served_with_a_strict_policy(base):
    status, headers, data = call(base, "GET", "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert headers["content-security-policy"] == (
        "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
    )
    page = data.decode()
    assert re.findall(r'(?:src|href)="([^"]+)"', page) == [
        "/static/icon.svg",
        "/static/style.css",
        "/static/report.css",
        "/static/read.js",
        "/static/app.js",
    ]
    assert "<script>" not in page and "style=" not in page
    for name, kind in (
        ("app.js", "text/javascript; charset=utf-8"),
        ("read.js", "text/javascript; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
        ("report.css", "text/css; charset=utf-8"),
        ("icon.svg", "image/svg+xml"),
    ):
        status, headers, data = call(base, "GET", f"/static/{name}")
        assert (status, headers["content-type"]) == (200, kind)
        folder = ROOT / "engine" / ("render" if name == "report.css" else "serve/web")
        assert data == (folder / name).read_bytes()
        fetched = re.findall(rb"https?://(?!www\.w3\.org/2000/svg)|@import|url\(|href=", data)
        assert fetched == []  # no external asset: nothing the browser would fetch from elsewhere
    status, headers, data = call(base, "GET", "/schema/profile.schema.json")
    assert (status, headers["content-type"]) == (200, "application/schema+json")
    assert data == (ROOT / "schemas" / "profile.schema.json").read_bytes()
    status, headers, data = call(base, "HEAD", "/health")
    assert (status, data) == (200, b"") and int(headers["content-length"]) > 0


@pytest.mark.parametrize(
    "method, path, headers, body, status, message",
    [
        ("GET", "/nothing", {}, None, 404, "no such page or endpoint: /nothing"),
        ("GET", "/static/../server.py", {}, None, 404, "no such page or endpoint: /static/../server.py"),
        ("GET", "/evaluate", {}, None, 405, "GET is not allowed on /evaluate; use POST"),
        ("DELETE", "/", {}, None, 405, "DELETE is not allowed on /; use GET"),
        (
            "POST",
            "/evaluate?lang=fr",
            {"Content-Type": "application/json"},
            "{}",
            400,
            "lang must be nl or en, found 'fr'",
        ),
        (
            "POST",
            "/evaluate?as_of=1/3/2026",
            {"Content-Type": "application/json"},
            json.dumps(SCENARIO),
            400,
            "as_of must be a date written YYYY-MM-DD, found '1/3/2026'",
        ),
        (
            "POST",
            "/evaluate?as_of=2026-W53-7",
            {"Content-Type": "application/json"},
            json.dumps(SCENARIO),
            400,
            "as_of must be a date written YYYY-MM-DD, found '2026-W53-7'",
        ),
        (
            "POST",
            "/evaluate",
            {"Content-Type": "text/plain"},
            "{}",
            415,
            "the content type 'text/plain' is not accepted; send application/json or application/yaml",
        ),
        (
            "POST",
            "/evaluate",
            {"Content-Type": "application/json; charset=latin-1"},
            "{}",
            415,
            "the charset 'latin-1' is not accepted; send UTF-8",
        ),
        (
            "GET",
            "/health",
            {"Host": "attacker.example:8000"},
            None,
            421,
            "this server answers only to 127.0.0.1, ::1, [::1], localhost, not to 'attacker.example:8000'",
        ),
    ],
)
def test_refused_requests_get_a_status_and_a_plain_json_message(base, method, path, headers, body, status, message):
    got, response_headers, data = call(base, method, path, body, headers)
    assert (got, json.loads(data)) == (status, {"error": message})
    if status == 405:
        assert response_headers["allow"] == ("POST" if path == "/evaluate" else "GET, HEAD")


def test_a_failure_inside_gets_500_without_a_traceback(server, capfd):
    base, app = server
    original = app.service.evaluate
    app.service.evaluate = lambda *args: 1 / 0  # type: ignore[method-assign]
    try:
        status, body = post(base, "/evaluate", json.dumps(SCENARIO), "application/json")
    finally:
        app.service.evaluate = original  # type: ignore[method-assign]
    assert (status, body) == (500, {"error": "internal error; the server log has the details"})
    assert "ZeroDivisionError" in capfd.readouterr().err


def test_an_evaluation_error_is_reported_as_the_command_line_reports_it(server):
    from engine.diagnostics import EvaluationError

    base, app = server
    original = app.service.evaluate

    def fail(*args: Any) -> None:
        raise EvaluationError("condition 'x' of measure 'y' failed: division by zero")

    app.service.evaluate = fail  # type: ignore[method-assign]
    try:
        status, body = post(base, "/evaluate", json.dumps(SCENARIO), "application/json")
    finally:
        app.service.evaluate = original  # type: ignore[method-assign]
    assert (status, body) == (
        422,
        {"error": "<request>: error: condition 'x' of measure 'y' failed: division by zero", "diagnostics": []},
    )


def test_concurrent_requests_each_get_their_own_exact_result(base):
    profiles = [json.loads(json.dumps(SCENARIO)) for _ in range(4)]
    for i, profile in enumerate(profiles):
        profile["projects"][0]["cost"] = 1000 * (i + 1)
    answers: dict[int, list[Any]] = {i: [] for i in range(4)}

    def work(i: int) -> None:
        for _ in range(10):
            answers[i].append(post(base, "/evaluate", json.dumps(profiles[i]), "application/json"))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for i in range(4):
        assert {(s, d["results"][0]["amount"]) for s, d in answers[i]} == {(200, 450 * (i + 1))}


# ---- limits: body size, framing, slow clients ----


@pytest.fixture(scope="module")
def strict() -> Iterator[str]:
    with running_server(max_body=2048, timeout=0.5) as (base, _):
        yield base


def _head(length: str | None = None, extra: str = "") -> bytes:
    lines = ["POST /evaluate HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    lines += [f"Content-Length: {length}"] if length is not None else []
    return ("\r\n".join(lines) + "\r\n" + extra + "\r\n").encode()


def test_a_body_over_the_limit_gets_413_before_it_is_read(strict):
    assert status_and_json(raw_exchange(strict, _head("104857600"))) == (
        413,
        {"error": "the request body is 104857600 bytes; the limit is 2048"},
    )
    chunks = b"".join(b"400\r\n" + b" " * 1024 + b"\r\n" for _ in range(3))
    assert status_and_json(raw_exchange(strict, _head(None, "Transfer-Encoding: chunked\r\n") + chunks)) == (
        413,
        {"error": "the request body is larger than the limit of 2048 bytes"},
    )


def test_a_chunked_body_within_the_limit_is_read(strict):
    text = json.dumps(SCENARIO).encode()
    body = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (text[:100], text[100:])) + b"0\r\n\r\n"
    status, document = status_and_json(raw_exchange(strict, _head(None, "Transfer-Encoding: chunked\r\n") + body))
    assert status == 200 and document["results"][0]["amount"] == 4500


def test_a_client_that_expects_100_continue_hears_it_unless_its_body_is_too_large(strict):
    host, port = strict.removeprefix("http://").split(":")
    text = json.dumps(SCENARIO).encode()
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(_head(str(len(text)), "Expect: 100-continue\r\n"))
        assert sock.recv(1024) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(text)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    status, document = status_and_json(reply)
    assert status == 200 and document["results"][0]["amount"] == 4500
    assert status_and_json(raw_exchange(strict, _head("4096", "Expect: 100-continue\r\n"))) == (
        413,
        {"error": "the request body is 4096 bytes; the limit is 2048"},
    )


@pytest.mark.parametrize(
    "head, body, status, message",
    [
        (_head(None), b"", 411, "send the profile with a Content-Length header (or chunked)"),
        (_head("ten"), b"", 400, "the request is malformed: Content-Length is invalid"),
        (_head("-5"), b"", 400, "the request is malformed: Content-Length is invalid"),
        (
            _head(None, "Transfer-Encoding: gzip\r\n"),
            b"",
            501,
            "the transfer encoding is not supported; send chunked or a Content-Length",
        ),
        (
            _head(None, "Transfer-Encoding: chunked\r\n"),
            b"zz\r\n",
            400,
            "the request is malformed: Invalid chunk size",
        ),
    ],
)
def test_a_badly_framed_body_is_refused(strict, head, body, status, message):
    assert status_and_json(raw_exchange(strict, head + body, shut=True)) == (status, {"error": message})


@pytest.mark.parametrize(
    "data",
    [
        _head(None, "Transfer-Encoding: chunked\r\n") + b"5\r\nabc",
        _head("100") + b'{"company": {}}',
    ],
)
def test_a_body_cut_short_is_never_answered(strict, data):
    # the server reads the whole request before the application sees it: one that ends early never was
    assert raw_exchange(strict, data, shut=True) == b""


def test_a_slow_client_is_timed_out(strict):
    # headers that never end, or a body that never comes: the server drops the connection once its
    # deadline (0.5 s here) has passed
    assert raw_exchange(strict, b"POST /evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\n", read_timeout=10) == b""
    assert raw_exchange(strict, _head("50"), read_timeout=10) == b""


# ---- the OpenAPI document ----


def test_the_openapi_document_is_valid_and_lists_every_route(base):
    status, _, data = call(base, "GET", "/openapi.json")
    document = json.loads(data)
    assert status == 200
    oas = json.loads((ROOT / "tests" / "fixtures" / "openapi" / "oas-3.1.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(oas).validate(document)
    assert document["openapi"] == "3.1.0"
    listed = {(method.upper(), path) for path, operations in document["paths"].items() for method in operations}
    assert listed == set(ROUTES)
    for node in document["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(node)
    assert document["components"]["schemas"]["Profile"] == json.loads(
        (ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8")
    )
    operation = document["paths"]["/evaluate"]["post"]
    assert {p["name"] for p in operation["parameters"]} == {"lang", "as_of"}
    assert set(operation["requestBody"]["content"]) == {"application/json", "application/yaml"}
    report = document["paths"]["/report"]["post"]
    assert {p["name"]: p["schema"] for p in report["parameters"]}["format"] == {"enum": ["html", "text", "json"]}
    assert set(report["responses"]["200"]["content"]) == {"text/html", "text/plain", "application/json"}
    assert set(report["responses"]) == set(operation["responses"])  # refused as /evaluate refuses


def _response_validator(name: str) -> jsonschema.Draft202012Validator:
    document = openapi_document(load_rules(RULES))
    return jsonschema.Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", **document}, format_checker=jsonschema.FormatChecker()
    )


def test_real_responses_follow_the_openapi_schemas(base):
    evaluation = _response_validator("Evaluation")
    for path in sorted(EXAMPLES.glob("*.yaml")):
        status, document = post(base, "/evaluate", path.read_bytes())
        assert status == 200
        evaluation.validate(document)
    status, document = post(
        base, "/evaluate", '{"company": {}, "projects": [{"id": "x", "kind": "advice"}]}', "application/json"
    )
    assert status == 200
    evaluation.validate(document)  # undetermined results, unknown size
    status, document = post(base, "/evaluate", (INVALID / "kbo-check.yaml").read_bytes())
    assert status == 422
    _response_validator("Diagnostics").validate(document)
    _response_validator("Measures").validate(json.loads(call(base, "GET", "/measures")[2]))
    _response_validator("ProjectFields").validate(json.loads(call(base, "GET", "/project-fields")[2]))
    for text in ("company: [\n", (INVALID / "kbo-check.yaml").read_text(encoding="utf-8")):
        _response_validator("ProfileRead").validate(post(base, "/profile.json", text)[1])
    status, document = post(base, "/profile.json", (EXAMPLES / "small-it-firm.yaml").read_bytes())
    _response_validator("ProfileRead").validate(document)
    _response_validator("Health").validate(json.loads(call(base, "GET", "/health")[2]))
    _response_validator("Error").validate(json.loads(call(base, "GET", "/nothing")[2]))


# ---- the command ----


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serve_listens_on_loopback_by_default_and_stops_on_ctrl_c_or_sigterm(stop):
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "engine", "serve", "--port", "0", "--quiet"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    try:
        line = process.stdout.readline()
        found = re.fullmatch(r"serving http://127\.0\.0\.1:(\d+)/ \(rules sha256:[0-9a-f]{12}; Ctrl-C stops\)\n", line)
        assert found, line
        status, _, data = call(f"http://127.0.0.1:{found.group(1)}", "GET", "/health")
        assert status == 200 and json.loads(data)["status"] == "ok"
        process.send_signal(stop)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert (process.returncode, out, err) == (0, "", "stopped\n")


def test_serve_on_a_busy_port_says_so(run_cli):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = run_cli("serve", "--port", str(port))
    assert (code, out) == (2, "")
    assert err == f"error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_which_hosts_a_server_answers_to():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1")
    assert allowed_hosts("0.0.0.0") is None
    assert allowed_hosts("127.0.0.2") == {"localhost", "127.0.0.1", "::1", "[::1]", "127.0.0.2"}


# ---- the adviser's report ----


def test_the_report_route_gives_evaluates_html_report_and_text(base, run_cli):
    path = EXAMPLES / "small-it-firm.yaml"
    yaml_body = {"Content-Type": "application/yaml"}
    for lang in ("nl", "en"):
        status, headers, data = call(
            base, "POST", f"/report?lang={lang}&as_of=2026-12-05", path.read_bytes(), yaml_body
        )
        assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
        code, document, _ = run_cli("evaluate", str(path), "--format", "html", "--lang", lang, "--as-of", "2026-12-05")
        assert code == 0
        body = document.split('<body class="report-page">\n', 1)[1].rsplit("</body>", 1)[0]
        assert data.decode("utf-8") == body  # the page's result is the file's report
        status, headers, data = call(
            base, "POST", f"/report?lang={lang}&format=text", path.read_bytes(), {"Content-Type": "application/yaml"}
        )
        assert (status, headers["content-type"]) == (200, "text/plain; charset=utf-8")
        assert data.decode("utf-8") == run_cli("evaluate", str(path), "--lang", lang)[1]
    status, _, data = call(base, "POST", "/report?format=pdf", path.read_bytes(), {"Content-Type": "application/yaml"})
    assert (status, json.loads(data)) == (400, {"error": "format must be html, text or json, found 'pdf'"})
    status, document = post(base, "/report", (INVALID / "kbo-check.yaml").read_bytes())
    assert status == 422 and document["diagnostics"][0]["path"] == "company.enterprise_number"


def test_one_report_request_gives_the_html_the_text_and_the_assumed_dates(base):
    """The web page's one request per evaluation: ``format=json`` answers what ``format=html``, ``format=text``
    and ``/evaluate``'s ``application_dates_assumed`` answer, each unchanged, and refuses as they do."""
    project = {k: v for k, v in SCENARIO["projects"][0].items() if k != "application_date"}
    body = json.dumps({**SCENARIO, "projects": [project]})
    json_body = {"Content-Type": "application/json"}
    for lang in ("nl", "en"):
        query = f"lang={lang}&as_of=2026-03-02"
        status, headers, data = call(base, "POST", f"/report?{query}&format=json", body.encode(), json_body)
        assert (status, headers["content-type"]) == (200, "application/json; charset=utf-8")
        document = json.loads(data)
        _response_validator("Reports").validate(document)
        html = call(base, "POST", f"/report?{query}", body.encode(), json_body)[2].decode("utf-8")
        text = call(base, "POST", f"/report?{query}&format=text", body.encode(), json_body)[2].decode("utf-8")
        evaluation = post(base, f"/evaluate?{query}", body, "application/json")[1]
        assert document == {
            "engine_version": evaluation["engine_version"],
            "rules_digest": evaluation["rules_digest"],
            "html": html,
            "text": text,
            "application_dates_assumed": [{"project": SCENARIO["projects"][0]["id"], "date": "2026-03-02"}],
        }
        assert evaluation["application_dates_assumed"] == document["application_dates_assumed"]
    status, document = post(base, "/report?format=json", (INVALID / "kbo-check.yaml").read_bytes())
    assert (status, document) == post(base, "/evaluate", (INVALID / "kbo-check.yaml").read_bytes())
    assert status == 422 and document["diagnostics"][0]["path"] == "company.enterprise_number"
