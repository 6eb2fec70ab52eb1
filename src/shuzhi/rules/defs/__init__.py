"""One module per rule: ``r01.py`` … ``r30.py``, ``h01.py``, ``h02.py`` (see :mod:`..base`)."""
