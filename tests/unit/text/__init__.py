"""The text catalogue and the lookup into it."""
