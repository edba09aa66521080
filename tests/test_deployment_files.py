"""Docker cannot run here, so the compose file is checked by parsing it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

from bot.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_has_the_services_with_healthchecks_and_volumes() -> None:
    compose = _compose()
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "bot"} <= services.keys()
    for name in ("postgres", "redis", "bot"):
        assert services[name]["healthcheck"]["test"], name
    assert {"postgres-data", "redis-data", "bot-data"} <= compose["volumes"].keys()


def test_migrations_run_before_the_bot_starts() -> None:
    services = _compose()["services"]
    assert services["migrate"]["command"] == ["careerbot", "db", "upgrade"]
    assert services["bot"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_compose_environment_names_real_settings() -> None:
    services = _compose()["services"]
    known = {name.upper() for name in Settings.model_fields}
    for name in ("migrate", "bot"):
        for variable in services[name]["environment"]:
            assert variable in known, f"{name}: {variable} is not a setting"
    url = services["bot"]["environment"]["DATABASE_URL"]
    assert url.startswith("postgresql+asyncpg://") and "@postgres:5432/" in url


def test_env_example_documents_every_setting() -> None:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    documented = {
        line.split("=")[0].split("__")[0]
        for line in lines
        if "=" in line and not line.startswith("#")
    }
    assert {name.upper() for name in Settings.model_fields} <= documented
    previous_text = ""
    for line in lines:
        if "=" in line and not line.startswith("#"):
            assert previous_text.startswith("#"), f"{line} has no comment above its block"
        elif line.strip():
            previous_text = line


def test_default_install_never_pulls_torch() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any("torch" in dependency for dependency in project["dependencies"])
    assert any(d.startswith("torch==2.13.0") for d in project["optional-dependencies"]["st"])
