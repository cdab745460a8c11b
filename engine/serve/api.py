"""What the web API does, apart from HTTP: read a posted profile, evaluate it, write it as YAML, list measures.

A posted profile (JSON or YAML bytes) goes through the same functions as a profile
file given to ``subsidie evaluate`` (:func:`engine.load.yaml_loader.decode`,
:func:`engine.load.yaml_loader.load_text`, :func:`engine.load.profile.check_document`), so its
diagnostics are the command line's, word for word; plain JSON is first read with
:func:`engine.load.plain_json.plain_json` and goes through the loader only when it has a problem.
Each diagnostic also names the profile path it is about (``company.enterprise_number``, ``projects[0].cost``), so
that a form can show it next to its field. :mod:`engine.serve.app` puts this on HTTP.
"""

from __future__ import annotations

import datetime as _dt
import threading
from typing import Any

from ..ask.relevance import project_fields
from ..diagnostics import Diagnostic
from ..evaluate.evaluator import Evaluator
from ..evaluate.tips import add_tips
from ..load.completion import complete
from ..load.plain_json import plain_json
from ..load.profile import check_document, given_only
from ..load.yaml_loader import Document, YamlPath, decode, load_text
from ..model import RuleSet
from ..records import field, record
from ..render.answer import build_answer
from ..render.answer_formats import answer_html, answer_text
from ..render.profile_yaml import dump_profile
from ..render.report import profile_json
from ..version import __version__

REQUEST = "<request>"
"""The name a posted profile goes by in diagnostics and in the evaluation's ``profile`` key."""


def profile_path(path: YamlPath) -> str:
    """A YAML path written as the output writes missing facts (docs/output.md): ``projects[0].cost``; the whole
    profile is ''."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else ("." if text else "") + str(part)
    return text


def _path_of(diagnostic: Diagnostic, doc: Document | None) -> str | None:
    """The profile path a diagnostic points at, found from its line and column.

    In block YAML a mapping starts where its first key does, so a position can be a key's and a
    value's at once: an unknown key is looked up among keys first, every other problem among values
    (the longest path there, the innermost value). JSON has no such overlap.
    """
    if doc is None:
        return None
    where = (diagnostic.line, diagnostic.column)
    keys = [p for p, position in doc.key_positions.items() if position == where]
    values = [p for p, position in doc.positions.items() if position == where]
    order = (keys, values) if diagnostic.code == "unknown-key" else (values, keys)
    for found in order:
        if found:
            return profile_path(max(found, key=len))
    return None


@record(frozen=False)
class Posted:
    """A posted profile after checking: the completed data (None when it has errors), as written (also when it
    has errors, if it could be read at all), and problems."""

    data: dict[str, Any] | None
    written: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    paths: list[str | None] = field(default_factory=list)

    def diagnostics_json(self, lang: str = "en") -> dict[str, Any]:
        """The 422 body: each diagnostic as ``subsidie validate --format json --lang`` writes it, plus its ``path``
        and, for a missing or unknown key, the ``key`` it names."""
        listed = []
        for diagnostic, path in zip(self.diagnostics, self.paths):
            said = {**diagnostic.said(lang).as_dict(), "path": path}
            if diagnostic.key is not None:
                said["key"] = diagnostic.key
            listed.append(said)
        return {"diagnostics": listed}

    def written_json(self) -> Any:
        """The profile as it was posted, as JSON values (dates as YYYY-MM-DD), or None when it could not be read:
        what a form fills its fields with (:func:`plain`)."""
        return None if self.written is None else plain(self.written)

    def assumed_dates(self, as_of: _dt.date) -> list[dict[str, str]]:
        """The projects whose application date the profile does not give: they are evaluated on ``as_of``."""
        return [
            {"project": project["id"], "date": as_of.isoformat()}
            for project in self.written["projects"]
            if "application_date" not in project
        ]


def plain(value: Any) -> Any:
    """A loaded value as JSON holds it: dates as YYYY-MM-DD texts (the loader gives nothing else that JSON has not:
    a value it cannot read, such as '.inf' or a tag, is None, with its diagnostic)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value.isoformat() if isinstance(value, _dt.date) else value


def read_profile(body: bytes, name: str = REQUEST) -> Posted:
    """Decode, load and check a posted profile exactly as ``subsidie evaluate`` checks a file.

    Returns:
        The checked profile; ``data`` is None when it has errors, and ``diagnostics`` says which.
    """
    text, diagnostics = decode(body, name)
    if text is None:
        return Posted(None, None, diagnostics, [None] * len(diagnostics))
    fast = plain_json(text)
    if fast is not None:  # plain JSON: json.loads; a profile with a problem is read again below, for positions
        data, diagnostics = check_document(Document(name, fast, text))
        if not diagnostics:
            return Posted(data, fast, [], [])
    doc, diagnostics = load_text(text, name)
    if doc is None or diagnostics:
        return Posted(None, None if doc is None else doc.data, diagnostics, [_path_of(d, doc) for d in diagnostics])
    written = doc.data
    data, diagnostics = check_document(doc)
    return Posted(data, written, diagnostics, [_path_of(d, doc) for d in diagnostics])


YAML_HEADER = (
    "A company profile for subsidie: subsidie evaluate THIS-FILE\n"
    "Money in euro excluding VAT; dates YYYY-MM-DD; a fact left out is unknown."
)


def profile_yaml(posted: Posted) -> str:
    """A checked profile as the YAML file ``subsidie evaluate`` reads: what was posted, dates bare, no defaults
    added; written by :func:`engine.render.profile_yaml.dump_profile`, as ``subsidie ask --save`` writes it."""
    if posted.data is None:
        raise ValueError("only a profile without errors can be written")
    return dump_profile(given_only(complete(posted.written, "profile"), posted.written), YAML_HEADER)


class Service:
    """One rule set, loaded once, and the evaluator that serves every request (one at a time)."""

    def __init__(self, rules: RuleSet, default_lang: str = "en"):
        self.rules = rules
        self.default_lang = default_lang
        self._evaluator = Evaluator(rules)
        self._lock = threading.Lock()  # the evaluator keeps caches; requests come from several threads

    def evaluate(self, data: dict[str, Any], as_of: _dt.date, lang: str) -> dict[str, Any]:
        """The JSON evaluation (docs/output.md) of a checked profile (raises EngineError like the CLI sees it)."""
        with self._lock:
            outcome = self._evaluator.evaluate(data, as_of, lang)
            add_tips(self._evaluator, data, outcome, lang)
            return profile_json(REQUEST, outcome, self.rules.digest)

    def report(self, data: dict[str, Any], as_of: _dt.date, lang: str, fmt: str) -> str:
        """The adviser's report of a checked profile: an HTML fragment (``fmt`` html) or plain text, as
        ``subsidie evaluate --format html`` and ``--format text`` write it."""
        answer = self._answer(data, as_of, lang)
        return answer_html(answer) if fmt == "html" else answer_text(answer)

    def reports(self, data: dict[str, Any], as_of: _dt.date, lang: str) -> dict[str, Any]:
        """Both reports of one evaluation, for ``POST /report?format=json``: ``html`` and ``text`` as
        :meth:`report` writes them, with the engine version and the rules digest."""
        answer = self._answer(data, as_of, lang)
        return {
            "engine_version": __version__,
            "rules_digest": self.rules.digest,
            "html": answer_html(answer),
            "text": answer_text(answer),
        }

    def _answer(self, data: dict[str, Any], as_of: _dt.date, lang: str) -> Any:
        with self._lock:
            outcome = self._evaluator.evaluate(data, as_of, lang)
            add_tips(self._evaluator, data, outcome, lang)
            return build_answer(outcome, data, lang)

    def project_fields(self) -> dict[str, Any]:
        """Per project kind, the measures that apply to it and the project fields that can matter to them
        (:func:`engine.ask.relevance.project_fields`): the questions a form asks about a project of that kind."""
        return {
            "engine_version": __version__,
            "rules_digest": self.rules.digest,
            "kinds": project_fields(self.rules),
        }

    def health(self) -> dict[str, Any]:
        """What a monitor or a client checks before it starts: alive, which engine and which rules."""
        return {
            "status": "ok",
            "engine_version": __version__,
            "rules_digest": self.rules.digest,
            "measures": len(self.rules.measures),
        }

    def measures(self, lang: str) -> dict[str, Any]:
        """Every measure of the rule set: what it is for, when it applies, and where it comes from."""
        listed = []
        for measure in self.rules.measures.values():
            listed.append(
                {
                    "id": measure.id,
                    "title": measure.title(lang),
                    "summary": measure.summary(lang) if measure.summary else None,
                    "status": measure.status,
                    "kinds": sorted(measure.applies_to),
                    "valid_from": measure.valid_from.isoformat(),
                    "valid_until": measure.valid_until.isoformat() if measure.valid_until else None,
                    "de_minimis": measure.de_minimis,
                    "sources": list(measure.sources),
                    "versions": [
                        {"id": v.id, "start": v.start.isoformat(), "until": v.until.isoformat() if v.until else None}
                        for v in measure.versions
                    ],
                }
            )
        return {"engine_version": __version__, "rules_digest": self.rules.digest, "measures": listed}
