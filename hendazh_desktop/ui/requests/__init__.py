"""Requests UI: the intake panel, the queue view and the request form."""
