"""``report batch``: every member of a department in one run, with a summary table."""
