"""Placeholder router; the feature is being built."""

from __future__ import annotations

from aiogram import Router


def setup() -> Router:
    return Router(name="onboarding")
