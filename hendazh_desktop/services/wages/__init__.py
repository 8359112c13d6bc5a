"""Work groups' wages: payables gated by collection, deductions, payout batches, documents."""
