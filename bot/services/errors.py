"""Domain errors carry a locale key; the errors router turns them into a polite reply."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_for_text = args


class NotFoundError(DomainError):
    pass


class ForbiddenError(DomainError):
    pass
