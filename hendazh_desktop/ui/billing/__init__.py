"""Billing UI: the invoicing screen (invoices, payments, receivables tabs) and its dialogs."""
