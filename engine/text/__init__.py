"""The words and numbers people read: the engine's own texts in Dutch and English, and how values are written.

Not a pipeline step but what every step that talks to people uses: :mod:`engine.text.phrases`
is the catalogue of the engine's bilingual phrases and :mod:`engine.text.messages` the one lookup into
it (``say``), :mod:`engine.text.formatting` writes numbers, money, dates
and quoted input the same way everywhere (and rounds money to the cent).
"""
