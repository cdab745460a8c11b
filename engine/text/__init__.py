"""The words and numbers people read: the engine's own texts in Dutch and English, and how values are written.

Not a pipeline step but what every step that talks to people uses: :mod:`engine.text.messages`
holds the engine's bilingual phrases, :mod:`engine.text.formatting` writes numbers, money, dates
and quoted input the same way everywhere (and rounds money to the cent).
"""
