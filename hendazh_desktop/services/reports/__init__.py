"""Managers' reports: each a pure query over a Jalali period and filters, returning frozen
tables, totals and chart series (computed off the GUI thread, printed and exported)."""
