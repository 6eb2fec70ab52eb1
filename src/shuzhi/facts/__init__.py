"""Facts files: YAML loading with source positions, key aliases and the validated model."""
