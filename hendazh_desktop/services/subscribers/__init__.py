"""Subscribers: registration, editing, the subscriber card and finding the caller."""
