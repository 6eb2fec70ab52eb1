"""``report serve``: a local page that edits a facts file, with a live preview.

The page is built from the facts model and the kind specs (schema.py), every
keystroke is rendered and checked by the same pipeline as ``build`` (preview.py),
saving writes the commented facts file of ``init`` (yamlout.py), and every request
passes the token, Host, Origin and size checks of security.py.
"""
