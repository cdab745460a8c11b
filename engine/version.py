"""The version of subsidie, in one place: the package, the JSON outputs and the rules cache's key read it."""

__version__ = "0.1.0"
