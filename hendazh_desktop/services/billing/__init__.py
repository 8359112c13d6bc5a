"""Billing: invoices, payments, cheques, refunds, receivables, statements and their documents."""
