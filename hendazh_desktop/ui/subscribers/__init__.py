"""Subscribers UI: the list, the card, the editor dialog and quick registration."""
