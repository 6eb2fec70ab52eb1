"""The rules of genre.md §2 (R01–R30): checks that return findings and never raise."""
