"""The wages view (دستمزدها): payables by state, payout batches, advances."""
