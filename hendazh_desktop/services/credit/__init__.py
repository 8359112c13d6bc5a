"""Gift credit: the money split of each job, the credit ledger and its statements."""
