"""Building one measure: a validated measure file into a compiled :class:`~engine.model.Measure`.

:func:`build_measure` builds the measure's parameters with their timelines, compiles its
conditions, amount, reminders and ``applies_when`` with the names visible in a measure (its
own parameters and the shared facts and parameters; the computed amount in conditions), and
records which parameters its expressions and texts use. It works on the state of a
:class:`~engine.load.builder.Builder`, which holds the shared facts the measure may read and
collects, for the checks of :mod:`engine.load.checks`, what the measure declares and uses
(:class:`~engine.load.checks.MeasureUse`), its lists of conditions and its compiled
expressions with the kinds of the names they read.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..diagnostics import Phrase, Words, did_you_mean, phrase
from ..language import analysis
from ..language.analysis import Environment, Sources
from ..language.expression import Symbols
from ..model import Amount, Calls, CallWindow, Condition, Limit, Measure, Parameter, Part, Reminder, Text, Version
from ..text.suggestions import closest
from .builder import Builder, notes_of
from .checks import ConditionEntry, MeasureUse
from .checks.texts import placeholder_names
from .yaml_loader import Document, YamlPath


def build_measures(
    builder: Builder,
    docs: list[Document],
    global_parameters: dict[str, Parameter],
    fact_names: frozenset[str],
    shared: dict[str, Condition],
) -> dict[str, Measure]:
    """The measures of the measure files ``docs``, by id (the last of two with one id: the checks report it),
    built after :meth:`Builder.facts <engine.load.builder.Builder.facts>` built the shared names."""
    builder.parts.measure_docs = docs
    ids = frozenset(doc.data["id"] for doc in docs)
    measures: dict[str, Measure] = {}
    for doc in docs:
        measure = build_measure(builder, doc, global_parameters, fact_names, shared, ids)
        measures[measure.id] = measure
    return measures


def build_measure(
    builder: Builder,
    doc: Document,
    global_parameters: dict[str, Parameter],
    fact_names: frozenset[str],
    shared: dict[str, Condition],
    measure_ids: frozenset[str],
) -> Measure:
    """The measure of one measure file, its expressions compiled with the names ``measure_ids`` and the
    shared ones visible."""
    builder.pending = []
    builder.failed_names = set()
    data = doc.data
    versions = data.get("versions", [])
    parameters = builder.parameters(doc, ("parameters",), data.get("parameters", {}), versions)
    names = frozenset(parameters) | frozenset(global_parameters)
    symbols = Symbols(builder.fields, names, fact_names, measure_ids=measure_ids)
    condition_symbols = Symbols(builder.fields, names, fact_names, allow_amount=True, measure_ids=measure_ids)
    conditions = _conditions(builder, doc, ("conditions",), data.get("conditions", []), condition_symbols, shared)
    amount = _amount(builder, doc, ("amount",), data["amount"], symbols) if "amount" in data else None
    compiled_versions = []
    for j, version in enumerate(versions):
        v_conditions = (
            _conditions(builder, doc, ("versions", j, "conditions"), version["conditions"], condition_symbols, shared)
            if "conditions" in version
            else None
        )
        v_amount = (
            _amount(builder, doc, ("versions", j, "amount"), version["amount"], symbols)
            if "amount" in version
            else None
        )
        compiled_versions.append(
            Version(
                version["id"],
                version["from"],
                version["source"],
                v_conditions,
                v_amount,
                notes_of(version.get("notes")),
                version.get("until"),
            )
        )
    applies_when = (
        builder.expression(doc, ("applies_when",), symbols, phrase("diagnostics.where-applies-when"))
        if "applies_when" in data
        else None
    )
    reminders = []
    for i, item in enumerate(data.get("reminders", [])):
        when = (
            builder.expression(
                doc, ("reminders", i, "when"), symbols, phrase("diagnostics.where-reminder", id=item["id"])
            )
            if "when" in item
            else None
        )
        reminders.append(
            Reminder(item["id"], Text(**item["text"]), when, notes_of(item.get("notes")), item.get("source"))
        )
    calls = None
    if "calls" in data:
        spec = data["calls"]
        windows = []
        for w in spec["windows"]:
            windows.append(CallWindow(w["name"], w["open"], w["close"], w["source"]))
        check = spec["condition"]
        calls = Calls(check["id"], Text(**check["text"]), tuple(windows), Text.of(check.get("failed")))
    expressions = [c.expression for c in conditions] + [r.when for r in reminders if r.when]
    expressions += [applies_when] if applies_when else []
    expressions += amount.expressions() if amount else []
    general = set().union(*(e.parameters for e in expressions if e)) if expressions else set()
    for version in compiled_versions:
        expressions += [c.expression for c in version.conditions or ()]
    for spec in [v.amount for v in compiled_versions]:
        expressions += spec.expressions() if spec else []
    if not builder.parts.trusted:  # what the checks read, which a cached rule set passed
        known = {**global_parameters, **parameters}
        in_texts = placeholder_names((), {k: v for k, v in data.items() if k != "versions"}, known)
        in_version_texts = {j: placeholder_names(("versions", j), version, known) for j, version in enumerate(versions)}
        used = set().union(*(e.parameters for e in expressions if e)) if expressions else set()
        used |= in_texts.union(*in_version_texts.values())
        used |= builder.failed_names
        builder.parts.used |= used
        builder.parts.measures.append(
            MeasureUse(
                doc,
                parameters,
                frozenset(used),
                version_only_parameters(general | in_texts, compiled_versions, in_version_texts, data["id"]),
            )
        )
    builder.failed_names = set()
    env = Environment(
        builder.fields,
        builder.optional,
        {
            **builder.fact_env.parameters,
            **{n: builder.kinds.get(builder.kind_key(doc, n), analysis.ANY) for n in parameters},
        },
        builder.fact_env.fact_kind,
        builder.fact_env.fact_sources,
    )
    builder.close_group(env)
    all_conditions = list(conditions) + [c for v in compiled_versions for c in v.conditions or ()]
    amount_specs = [spec for spec in [amount] + [v.amount for v in compiled_versions] if spec]

    def unknown_conditions() -> frozenset[str]:
        """The conditions an absent fact can leave unknown (the amount's own unknowns included)."""
        env.amount_sources = Sources(
            frozenset().union(
                *(
                    analysis.unknown_sources(e, env).unknown
                    for spec in amount_specs
                    for e in [
                        *(x for p in spec.parts for x in (p.rate, p.base)),
                        *([spec.fixed] if spec.fixed else []),
                    ]
                )
            )
        )
        return frozenset(c.id for c in all_conditions if analysis.unknown_sources(c.expression, env).unknown)

    return Measure(
        id=data["id"],
        title=Text(**data["title"]),
        summary=Text.of(data.get("summary")),
        status=data.get("status", "rules"),
        applies_to=frozenset(data["applies_to"]),
        applies_when=applies_when,
        valid_from=data["valid_from"],
        valid_until=data.get("valid_until"),
        de_minimis=data["de_minimis"],
        sources=tuple(data["sources"]),
        notes=notes_of(data.get("notes")),
        parameters=parameters,
        versions=tuple(compiled_versions),
        calls=calls,
        conditions=conditions,
        reminders=tuple(reminders),
        amount=amount,
        file=doc.name,
        unknown_finder=unknown_conditions,
    )


def _conditions(
    builder: Builder,
    doc: Document,
    path: YamlPath,
    items: list[dict[str, Any]],
    symbols: Symbols,
    shared: dict[str, Condition],
) -> tuple[Condition, ...]:
    result = []
    entries: list[ConditionEntry] = []  # for the duplicate check (engine.load.checks.conditions)
    for i, item in enumerate(items):
        here = path + (i,)
        if "use" in item:
            found = shared.get(item["use"])
            if found is None:
                builder.report(
                    doc,
                    here + ("use",),
                    "unknown-condition",
                    phrase("diagnostics.unknown-condition", id=item["use"]),
                    _like(item["use"], shared),
                )
                continue
            condition = found
        else:
            compiled = builder.expression(
                doc, here + ("when",), symbols, phrase("diagnostics.where-condition", id=item["id"])
            )
            if compiled is None:
                continue
            condition = Condition(
                item["id"],
                compiled,
                Text(**item["text"]),
                item.get("source"),
                notes_of(item.get("notes")),
                failed=Text.of(item.get("failed")),
            )
        entries.append(ConditionEntry(doc, here, condition.id, True))
        result.append(condition)
    builder.parts.condition_lists.append(tuple(entries))
    return tuple(result)


def _amount(builder: Builder, doc: Document, path: YamlPath, data: dict[str, Any], symbols: Symbols) -> Amount:
    parts: list[Part] = []
    if "rate" in data:
        rate = builder.expression(doc, path + ("rate",), symbols, phrase("diagnostics.where-rate"))
        base = builder.expression(doc, path + ("base",), symbols, phrase("diagnostics.where-base"))
        if rate and base:
            parts.append(Part(rate, base))
        else:  # the partner that did compile still uses its parameters
            builder.failed_names |= set().union(*(e.parameters for e in (rate, base) if e))
    for i, part in enumerate(data.get("parts", [])):
        rate = builder.expression(
            doc, path + ("parts", i, "rate"), symbols, phrase("diagnostics.where-part-rate", number=i + 1)
        )
        base = builder.expression(
            doc, path + ("parts", i, "base"), symbols, phrase("diagnostics.where-part-base", number=i + 1)
        )
        if rate and base:
            parts.append(Part(rate, base, Text.of(part.get("label")), Text.of(part.get("description"))))
        else:
            builder.failed_names |= set().union(*(e.parameters for e in (rate, base) if e))
    fixed = (
        builder.expression(doc, path + ("fixed",), symbols, phrase("diagnostics.where-fixed"))
        if "fixed" in data
        else None
    )

    def limit(spec: dict[str, Any], where: YamlPath) -> Limit | None:
        compiled = builder.expression(
            doc, where + ("amount",), symbols, phrase("diagnostics.where-limit", id=spec["id"])
        )
        if compiled is None:
            return None
        return Limit(
            spec["id"],
            compiled,
            Text(**spec["text"]),
            spec.get("source"),
            Text.of(spec.get("description")),
            Text.of(spec.get("failed")),
        )

    caps = tuple(
        cap for i, spec in enumerate(data.get("caps", [])) if (cap := limit(spec, path + ("caps", i))) is not None
    )
    minimum = limit(data["minimum"], path + ("minimum",)) if "minimum" in data else None
    return Amount(tuple(parts), fixed, caps, minimum, Text.of(data.get("description")))


def version_only_parameters(
    general: set[str], versions: list[Version], in_texts: dict[int, set[str]], measure_id: str
) -> dict[str, tuple[_dt.date, Words]]:
    """The parameters that only some versions' own conditions, amount or texts read (not the ``general``
    ones, which the measure reads in every version), with the first such version's start."""
    found: dict[str, tuple[_dt.date, Words]] = {}
    for j, version in sorted(enumerate(versions), key=lambda item: item[1].start):
        own = [c.expression for c in version.conditions or ()] + (
            version.amount.expressions() if version.amount else []
        )
        names = set().union(*(e.parameters for e in own)) if own else set()
        for name in (names | in_texts.get(j, set())) - general:
            found.setdefault(
                name, (version.start, phrase("checks.owner-version", version=version.id, measure=measure_id))
            )
    return found


def _like(wrong: str, shared: dict[str, Condition]) -> Phrase:
    """The hint for an unknown shared condition: the id it most likely means, else where shared ones are defined."""
    return did_you_mean(closest(wrong, shared)) or phrase("diagnostics.unknown-condition-hint")
