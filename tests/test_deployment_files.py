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
    assert {"postgres", "redis", "migrate", "bot", "worker", "proxy"} <= services.keys()
    for name in ("postgres", "redis", "bot", "worker"):
        assert services[name]["healthcheck"]["test"], name
    for name in ("postgres", "redis", "bot", "worker", "proxy"):
        assert services[name]["restart"] == "unless-stopped", name
    assert {"postgres-data", "redis-data", "bot-data"} <= compose["volumes"].keys()


def test_bots_scale_behind_the_webhook_and_one_worker_sends() -> None:
    services = _compose()["services"]
    bot, worker = services["bot"], services["worker"]
    assert bot["command"] == ["careerbot", "run", "--webhook"]
    assert worker["command"] == ["careerbot", "worker"]
    # Scalable: no fixed container name, no host port (the proxy reaches each by name).
    assert "container_name" not in bot and "ports" not in bot
    assert bot["environment"]["SCHEDULER__IN_PROCESS"] == "false"
    assert bot["environment"]["REDIS_URL"].startswith("redis://redis:")
    assert bot["stop_grace_period"] and worker["stop_grace_period"]
    # The proxy passes on exactly the path the bots listen on.
    path = bot["environment"]["WEBHOOK__URL"].split("}", 1)[1]
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    assert f"handle {path} {{" in caddyfile
    assert "dynamic a bot 8080" in caddyfile and bot["environment"]["SERVER__PORT"] == "8080"


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
    for name in ("migrate", "bot", "worker"):
        for variable in services[name]["environment"]:
            group, _, field = variable.partition("__")
            assert group in known, f"{name}: {variable} is not a setting"
            if field:
                nested = Settings.model_fields[group.lower()].annotation
                assert field.lower() in nested.model_fields, f"{name}: {variable}"  # type: ignore[union-attr]
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
