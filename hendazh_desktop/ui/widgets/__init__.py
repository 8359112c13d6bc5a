"""Reusable widgets: Jalali date edit, field error labels, the subscriber card."""
