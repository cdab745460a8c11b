"""Batch evaluation (``subsidie batch``): many profiles from a CSV or JSONL file, one output row per result.

:mod:`~engine.batch.runner` reads, evaluates (in this process or in worker processes,
:mod:`~engine.batch.workers`) and writes the output whole or not at all, each record as
:mod:`~engine.batch.output` writes it;
:mod:`~engine.batch.reader` streams the input rows, in the formats of
:mod:`~engine.batch.csv_input` and :mod:`~engine.batch.jsonl_input`, as the rows of
:mod:`~engine.batch.rows`.
"""
