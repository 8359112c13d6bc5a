"""Use cases: each takes the acting user and primitives, runs one transaction, returns DTOs."""
