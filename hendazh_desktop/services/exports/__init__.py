"""Exports: any list, and the whole database, to Excel or CSV files."""
