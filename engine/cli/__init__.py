"""The ``subsidie`` command line: a thin layer over the library, and the only part of the engine that imports click.

Each command parses its options, calls the library, hands the result to a reporter of
:mod:`engine.render` and returns an exit code. Results go to standard output, problems to
standard error; bad input never ends in a traceback. One module per command
(:mod:`~engine.cli.evaluate`, :mod:`~engine.cli.ask`, :mod:`~engine.cli.explain`,
:mod:`~engine.cli.diff`, :mod:`~engine.cli.docs`, :mod:`~engine.cli.batch`,
:mod:`~engine.cli.serve`, :mod:`~engine.cli.validate`, and :mod:`~engine.cli.cases` for
``subsidie test``); the options they share and loading the rules are :mod:`~engine.cli.options`;
the group and the process's exit are :mod:`~engine.cli.app`. The group imports a command's
module only when that command runs, and a command imports the engine when it runs, so starting
one command does not load the others' code.
"""

from .app import main, run

__all__ = ["main", "run"]
