"""Repositories: every query of the application, behind small typed methods."""
