"""``python -m shuzhi``."""

from .cli import main

main()
