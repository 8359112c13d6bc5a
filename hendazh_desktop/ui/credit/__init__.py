"""Gift credit screens: the credit ledger, statements and adjustments."""
