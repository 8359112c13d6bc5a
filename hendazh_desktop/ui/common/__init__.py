"""Shared UI parts: lazy list models, tables, Jalali date fields, field errors and common dialogs.
"""
