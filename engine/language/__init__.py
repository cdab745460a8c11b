"""The rule language: the expressions of the rule files, checked, compiled and run.

The pipeline step between loading and evaluating: every expression of a rule set is
checked and compiled once when the rules load (a rule set from the rules cache, which passed
those checks, compiles each expression when it is first evaluated).
:mod:`~engine.language.expression` is what the rest of the engine sees (a compiled
:class:`~engine.language.expression.Expression` and the
:class:`~engine.language.expression.Symbols` it may use); :mod:`~engine.language.compiler`
checks the syntax and names and builds :mod:`~engine.language.closures`;
:mod:`~engine.language.codegen` turns an expression evaluated often into Python code;
:mod:`~engine.language.runtime` is the one runtime both call (every rule, kind check and
error message of a running expression, coded once);
:mod:`~engine.language.analysis` finds kind mistakes and unknown-making facts without a
profile; :mod:`~engine.language.functions` are the functions an expression may call.
"""
