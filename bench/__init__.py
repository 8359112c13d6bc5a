"""Performance figures (`make bench`), measured against the raw limit in the same run."""
