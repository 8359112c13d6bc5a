"""Accounts UI: sign-in, first run, password, users, settings and the audit log view."""
