"""Dialogs: subscriber, service catalogue, crash report, small prompts."""
