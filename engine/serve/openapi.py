"""The OpenAPI 3.1 document of ``subsidie serve`` (``GET /openapi.json``).

Its request schema is the profile schema itself (``schemas/profile.schema.json``, whose
``$id`` keeps its own ``$ref``s working); the response schemas describe the
evaluation JSON, the diagnostics of a rejected profile and the plain error body. The
tests validate the document against the OpenAPI 3.1 schema, check that every route of
:data:`engine.serve.app.ROUTES` is in it, and validate real responses against it.
"""

from __future__ import annotations

from typing import Any

from ..load.schemas import schema
from ..model import RuleSet
from ..version import __version__

_NUMBER_OR_NULL = {"type": ["number", "null"]}
_DATE = {"type": "string", "format": "date"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "required": list(properties) if required is None else required, "properties": properties}


def _schemas() -> dict[str, Any]:
    assumed = {
        "type": "array",
        "items": _object({"project": {"type": "string"}, "date": _DATE}),
        "description": "Only from the server: the projects that gave no application date, each with the "
        "date it was evaluated on instead (as_of, by default today), so that a page can say so.",
    }
    condition = _object(
        {
            "id": {"type": "string"},
            "holds": {"type": ["boolean", "null"]},
            "text": {"type": "string"},
            "reason": {"type": ["string", "null"]},
        }
    )
    fields = {
        "project": {"type": "string"},
        "measure": {"type": "string"},
        "title": {"type": "string"},
        "status": {"enum": ["eligible", "not_eligible", "undetermined", "info"]},
        "rate": _NUMBER_OR_NULL,
        "base": _NUMBER_OR_NULL,
        "amount": _NUMBER_OR_NULL,
        "recommended": {"type": "boolean"},
        "conditions": {"type": "array", "items": condition},
        "missing": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Profile paths of the absent facts that can change an undetermined result, e.g. "
            "projects[0].cost.",
        },
        "explanation": {"type": "array", "items": {"type": "string"}},
        "source": {"type": "string"},
        "de_minimis": {"type": "boolean"},
        "application_date": _DATE,
        "version": {"type": ["string", "null"]},
        "reminders": {"type": "array", "items": _object({"id": {"type": "string"}, "text": {"type": "string"}})},
        "tips": {
            "type": "array",
            "items": _object({"date": _DATE, "amount": {"type": "number"}, "text": {"type": "string"}}),
            "description": "When to apply: the first later date (within 18 months) on which the same project "
            "would get more, and that amount; at most one.",
        },
        "amount_range": {
            **_object({"min": {"type": "number"}, "max": _NUMBER_OR_NULL}),
            "description": "Only when undetermined: the lowest and highest amount the missing facts allow (max null: "
            "no upper bound).",
        },
    }
    result = _object(fields, [name for name in fields if name != "amount_range"])
    de_minimis = _object(
        {
            "ceiling": {"type": "number"},
            "used": {"type": "number"},
            "granted_now": {"type": "number"},
            "remaining": {"type": "number"},
        }
    )
    evaluation = _object(
        {
            "profile": {"type": "string"},
            "engine_version": {"type": "string"},
            "rules_digest": {"type": "string"},
            "as_of": _DATE,
            "company": _object(
                {
                    "size": {"enum": ["micro", "small", "medium", "large", None]},
                    "nis2": {"enum": ["essential", "important", "none", None]},
                }
            ),
            "results": {"type": "array", "items": _ref("Result")},
            "totals": _object({"amount": {"type": "number"}, "de_minimis": {"oneOf": [{"type": "null"}, de_minimis]}}),
            "application_dates_assumed": assumed,
        },
        ["profile", "engine_version", "rules_digest", "as_of", "company", "results", "totals"],
    )
    diagnostic = _object(
        {
            "file": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "severity": {"enum": ["error", "warning"]},
            "code": {"type": "string"},
            "message": {"type": "string"},
            "hint": {"type": ["string", "null"]},
            "path": {
                "type": ["string", "null"],
                "description": "The profile path the problem is about (company.enterprise_number, projects[0].cost; "
                "'' for the whole profile), or null when the text could not be read.",
            },
            "key": {
                "type": "string",
                "description": "For a missing or an unknown key: that key (the missing field is path.key).",
            },
        },
        ["file", "line", "column", "severity", "code", "message", "hint", "path"],
    )
    kind = _object(
        {
            "measures": {"type": "array", "items": {"type": "string"}},
            "fields": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Paths inside a project (cost, consortium.research_organisation), in the schema's "
                "order: its required fields, the application date, and every field that a measure for this kind "
                "reads, directly or through a derived fact.",
            },
        }
    )
    measure = _object(
        {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "summary": {"type": ["string", "null"]},
            "status": {"type": "string"},
            "kinds": {"type": "array", "items": {"type": "string"}},
            "valid_from": _DATE,
            "valid_until": {"type": ["string", "null"], "format": "date"},
            "de_minimis": {"type": "boolean"},
            "sources": {"type": "array", "items": {"type": "string"}},
            "versions": {
                "type": "array",
                "items": _object(
                    {"id": {"type": "string"}, "start": _DATE, "until": {"type": ["string", "null"], "format": "date"}}
                ),
            },
        }
    )
    return {
        "Profile": schema("profile"),
        "Evaluation": evaluation,
        "Result": result,
        "Diagnostics": _object(
            {"diagnostics": {"type": "array", "items": diagnostic}, "error": {"type": "string"}}, ["diagnostics"]
        ),
        "Error": _object({"error": {"type": "string"}}),
        "ProfileRead": _object(
            {
                "profile": {
                    "description": "The profile as the body gives it, as JSON (dates YYYY-MM-DD, no defaults "
                    "added), also when it has errors; null when the text cannot be read at all."
                },
                "diagnostics": {"type": "array", "items": diagnostic},
            }
        ),
        "Reports": _object(
            {
                "engine_version": {"type": "string"},
                "rules_digest": {"type": "string"},
                "html": {"type": "string", "description": "The report as format=html gives it."},
                "text": {"type": "string", "description": "The report as format=text gives it."},
                "application_dates_assumed": assumed,
            }
        ),
        "ProjectFields": _object(
            {
                "engine_version": {"type": "string"},
                "rules_digest": {"type": "string"},
                "kinds": {"type": "object", "additionalProperties": kind},
            }
        ),
        "Measures": _object(
            {
                "engine_version": {"type": "string"},
                "rules_digest": {"type": "string"},
                "measures": {"type": "array", "items": measure},
            }
        ),
        "Health": _object(
            {
                "status": {"const": "ok"},
                "engine_version": {"type": "string"},
                "rules_digest": {"type": "string"},
                "measures": {"type": "integer"},
            }
        ),
    }


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


def _json(description: str, name: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(name)}}}


def openapi_document(rules: RuleSet) -> dict[str, Any]:
    """The OpenAPI 3.1 description of every route of the server."""
    lang = {
        "name": "lang",
        "in": "query",
        "required": False,
        "schema": {"enum": ["nl", "en"]},
        "description": "Language of titles, condition texts, explanations and diagnostics (default: the server's, "
        "from its locale).",
    }
    as_of = {
        "name": "as_of",
        "in": "query",
        "required": False,
        "schema": _DATE,
        "description": "Application date for projects that give none (default: today).",
    }
    diagnostics_lang = {**lang, "description": "Language of the diagnostics (default: the server's)."}
    body = {
        "required": True,
        "description": "A company profile, as JSON or YAML (the same as a profile file).",
        "content": {media: {"schema": _ref("Profile")} for media in ("application/json", "application/yaml")},
    }
    rejected = {
        "400": _error("A query parameter or the body's framing is wrong."),
        "411": _error("The body came without a Content-Length (and not chunked)."),
        "413": _error("The body is larger than the server's limit (1 MiB unless set with --max-body)."),
        "415": _error("The body is neither JSON nor YAML, or not UTF-8."),
        "422": _json(
            "The profile has errors: the diagnostics `subsidie evaluate` prints, each with its profile path.",
            "Diagnostics",
        ),
    }
    page = {"description": "The page", "content": {"text/html": {"schema": {"type": "string"}}}}
    paths: dict[str, dict[str, Any]] = {
        "/": {
            "get": {
                "summary": "The web page: a form for the profile, and its results",
                "operationId": "page",
                "responses": {"200": page},
            }
        },
        "/static/{file}": {
            "get": {
                "summary": "The page's script, style sheet and icon",
                "operationId": "static",
                "parameters": [{"name": "file", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "The file"}, "404": _error("No such file.")},
            }
        },
        "/schema/profile.schema.json": {
            "get": {
                "summary": "The profile's JSON Schema (with question texts), from which the page builds its form",
                "operationId": "profileSchema",
                "responses": {
                    "200": {
                        "description": "The schema",
                        "content": {"application/schema+json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
        "/health": {
            "get": {
                "summary": "Alive, with the engine version and the rules digest",
                "operationId": "health",
                "responses": {"200": _json("Alive", "Health")},
            }
        },
        "/measures": {
            "get": {
                "summary": "The measures of the rule set",
                "operationId": "measures",
                "parameters": [lang],
                "responses": {"200": _json("The measures", "Measures"), "400": _error("lang is not nl or en.")},
            }
        },
        "/project-fields": {
            "get": {
                "summary": "Per project kind: the measures that apply and the project fields that can matter to "
                "them (worked out from the rules when the server starts); the page asks a project only these",
                "operationId": "projectFields",
                "responses": {"200": _json("The fields per kind", "ProjectFields")},
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "This document",
                "operationId": "openapi",
                "responses": {"200": {"description": "The OpenAPI document", "content": {"application/json": {}}}},
            }
        },
        "/evaluate": {
            "post": {
                "summary": "Evaluate a profile: the JSON of `subsidie evaluate --format json`",
                "operationId": "evaluate",
                "parameters": [lang, as_of],
                "requestBody": body,
                "responses": {"200": _json("The evaluation", "Evaluation"), **rejected},
            }
        },
        "/report": {
            "post": {
                "summary": "The adviser's report of a profile: the web page's result, the same report as "
                "`subsidie evaluate --format html` (an HTML fragment) or `--format text` (plain text, for an e-mail), "
                "or both at once as JSON with the application dates assumed (format=json, what the web page asks)",
                "operationId": "report",
                "parameters": [
                    lang,
                    as_of,
                    {
                        "name": "format",
                        "in": "query",
                        "required": False,
                        "schema": {"enum": ["html", "text", "json"]},
                        "description": 'html (default): one <article class="report"> fragment, styled by '
                        "/static/report.css; text: the plain text of `subsidie evaluate --format text`; json: both "
                        "of one evaluation, with the projects whose application date was assumed.",
                    },
                ],
                "requestBody": body,
                "responses": {
                    "200": {
                        "description": "The report",
                        "content": {
                            "text/html": {"schema": {"type": "string"}},
                            "text/plain": {"schema": {"type": "string"}},
                            "application/json": {"schema": _ref("Reports")},
                        },
                    },
                    **rejected,
                },
            }
        },
        "/profile.yaml": {
            "post": {
                "summary": "The profile as the YAML file `subsidie evaluate` reads "
                "(what was posted, no defaults added)",
                "operationId": "profileYaml",
                "parameters": [diagnostics_lang],
                "requestBody": body,
                "responses": {
                    "200": {
                        "description": "The YAML file",
                        "content": {"application/yaml": {"schema": {"type": "string"}}},
                    },
                    **rejected,
                },
            }
        },
        "/profile.json": {
            "post": {
                "summary": "Read a profile file (YAML or JSON) for a form: the profile as JSON and its diagnostics, "
                "each with the profile path of its field",
                "operationId": "profileJson",
                "parameters": [diagnostics_lang],
                "requestBody": body,
                "responses": {
                    "200": _json("The profile, without problems (diagnostics empty)", "ProfileRead"),
                    **rejected,
                    "422": _json("The profile has errors: what could be read of it and the diagnostics", "ProfileRead"),
                },
            }
        },
    }
    for operations in paths.values():
        for operation in operations.values():
            operation["responses"].setdefault("500", _error("Internal error (details in the server's log)."))
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "subsidie",
            "version": __version__,
            "description": "Which VLAIO subsidies a Flemish company can get for cybersecurity work, why, and "
            f"how much. Rules digest {rules.digest}.",
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": paths,
        "components": {"schemas": _schemas()},
    }
