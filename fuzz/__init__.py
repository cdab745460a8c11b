"""A fuzz harness for the YAML loader and the expression compiler (issue 7).

Run ``python3 -m fuzz --minutes 10 --target all`` from the repository root; see
fuzz/README.md. It uses Hypothesis (the ``test`` extra) with a time budget, and is
not part of the test suite.
"""
