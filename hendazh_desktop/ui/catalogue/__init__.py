"""Catalogue UI: the services and prices editor."""
