"""Printed documents (ReportLab): Persian shaping and layout, job sheets, invoices, reports."""
