"""Writing results for people and programs: reports, explanations, rule documentation, profiles as YAML.

The last pipeline step. :mod:`~engine.render.report` writes an evaluation as text, JSON or
Markdown and diagnostics as text, JSON or GitHub annotations; :mod:`~engine.render.explain`
writes the full trace of each result; :mod:`~engine.render.docs` writes the rule set as
Markdown and HTML pages (from the page model of :mod:`~engine.render.pages`, in the words of
the text catalogue, :mod:`~engine.text.phrases`); :mod:`~engine.render.profile_yaml` writes a profile as the
YAML file ``evaluate`` reads.
"""
