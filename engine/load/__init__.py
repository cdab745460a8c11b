"""Reading user files: YAML, the schemas, profiles, and rule sets from their folders (with a cache).

The first pipeline step. :mod:`~engine.load.yaml_loader` reads YAML and JSON safely and keeps
the position of every value; :mod:`~engine.load.validation` checks a document against the
shipped schemas (:mod:`~engine.load.schemas`; a valid one is recognised fast by
:mod:`~engine.load.quickcheck`) and :mod:`~engine.load.completion` fills in defaults;
:mod:`~engine.load.profile` reads a company profile; :mod:`~engine.load.ruleset` reads a
rule-set folder, built by :mod:`~engine.load.builder` and checked by the small check
functions of :mod:`~engine.load.checks`, reused from :mod:`~engine.load.cache` when unchanged.
Every problem is a :class:`~engine.diagnostics.Diagnostic` at a line and column.
"""
