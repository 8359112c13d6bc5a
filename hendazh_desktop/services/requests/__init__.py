"""Service requests: intake, the request lifecycle, the queue and the web-form import."""
