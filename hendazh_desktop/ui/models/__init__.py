"""Qt item models over the services (lazy, paged)."""
