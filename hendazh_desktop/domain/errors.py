"""Domain errors: each carries a machine code and parameters; the UI turns them into Persian."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class DomainError(Exception):
    """Base class of every error the services raise on purpose."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params: dict[str, Any] = dict(params)


class ValidationError(DomainError):
    """One input field was rejected; ``field`` names it so the UI can show the message beside it."""

    def __init__(self, field: str, code: str, **params: Any) -> None:
        super().__init__(code, **params)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.code} {self.params or ''}".rstrip()


class ValidationErrors(DomainError):
    """Several fields were rejected at once (a whole form); nothing was written."""

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__("invalid_form", count=len(errors))
        self.errors = errors

    @property
    def by_field(self) -> Mapping[str, ValidationError]:
        """The first error of each field."""
        result: dict[str, ValidationError] = {}
        for error in self.errors:
            result.setdefault(error.field, error)
        return result

    def __str__(self) -> str:
        return "; ".join(str(e) for e in self.errors)


class NotFound(DomainError):
    """The record asked for does not exist."""

    def __init__(self, entity: str, key: object) -> None:
        super().__init__("not_found", entity=entity, key=key)


class Conflict(DomainError):
    """The change clashes with the current state (stale version, duplicate, illegal transition)."""


class PermissionDenied(DomainError):
    """The acting user's role may not run this use case."""

    def __init__(self, permission: str, role: str) -> None:
        super().__init__("permission_denied", permission=permission, role=role)


class FormErrorCollector:
    """Collects field errors so a form reports every bad field in one go."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def check(self, func: Any, *args: Any, **kwargs: Any) -> Any:
        """Run a validator; on ``ValidationError`` remember it and return None."""
        try:
            return func(*args, **kwargs)
        except ValidationError as error:
            self.errors.append(error)
            return None

    def add(self, field: str, code: str, **params: Any) -> None:
        self.errors.append(ValidationError(field, code, **params))

    def raise_if_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ValidationErrors(self.errors)
