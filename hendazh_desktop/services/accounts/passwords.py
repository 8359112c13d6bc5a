"""Argon2id password hashing with OWASP's minimum cost (m=19 MiB, t=2, p=1)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified against when a user name does not exist, so both paths take the same time. Made
# once with _HASHER's parameters (a test checks they still match): hashing it at import cost
# every start and every command-line chore an Argon2 hash (19 MiB, ~40 ms).
DUMMY_HASH = (
    "$argon2id$v=19$m=19456,t=2,p=1$HD/vDnIQ1yuBKu1OD9FO/A$r3PP3r25uBOgsqhebbnScyhl5UA3hBLYBoa/RUfYD/U"
)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash or DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)
