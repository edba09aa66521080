"""The entry points fail with one clear sentence, never a traceback."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings
from tests.conftest import INDEX_DIR
from tests.tcp_proxy import CuttableProxy

VALID_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"


def careerbot(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), **env},
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("token", ["", "changeme"])
def test_missing_token_is_one_clear_sentence(token: str) -> None:
    with pytest.raises(ConfigError, match="BOT_TOKEN is not set"):
        Settings(_env_file=None, bot_token=token).require_token()  # type: ignore[call-arg]


def test_malformed_token_is_rejected() -> None:
    with pytest.raises(ConfigError, match="does not look like a Telegram token"):
        Settings(_env_file=None, bot_token="12345").require_token()  # type: ignore[call-arg]


def test_valid_token_passes() -> None:
    settings = Settings(_env_file=None, bot_token=VALID_TOKEN)  # type: ignore[call-arg]
    assert settings.require_token() == VALID_TOKEN


def test_nested_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAFF__STAFF_CHAT_ID", "-100123")
    monkeypatch.setenv("STAFF__ADMIN_IDS", "[1, 2]")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.staff.staff_chat_id == -100123
    assert settings.staff.admin_ids == [1, 2]


def test_run_without_token_exits_non_zero_with_a_sentence(tmp_path: Path) -> None:
    result = careerbot("run", env={"BOT_TOKEN": ""}, cwd=tmp_path)
    assert result.returncode == 2
    assert "BOT_TOKEN is not set" in result.stderr
    assert "careerbot chat" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_with_malformed_token_exits_non_zero(tmp_path: Path) -> None:
    result = careerbot("run", env={"BOT_TOKEN": "not-a-token"}, cwd=tmp_path)
    assert result.returncode == 2
    assert "does not look like a Telegram token" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_database_is_one_sentence(tmp_path: Path) -> None:
    result = careerbot(
        "run",
        env={
            "BOT_TOKEN": VALID_TOKEN,
            "DATABASE_URL": "postgresql+asyncpg://nobody@127.0.0.1:1/nowhere",
        },
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "Cannot open the database" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_time_zone_is_one_sentence(tmp_path: Path) -> None:
    result = careerbot("db", "upgrade", env={"DEFAULT_TIMEZONE": "Mars/Olympus"}, cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown time zone" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_subcommand_has_help(tmp_path: Path) -> None:
    top = careerbot("--help", env={}, cwd=tmp_path)
    assert top.returncode == 0
    for command in ("run", "chat", "db"):
        assert command in top.stdout
        sub = careerbot(command, "--help", env={}, cwd=tmp_path)
        assert sub.returncode == 0 and "Usage" in sub.stdout


def test_chat_console_answers_start_without_a_token(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="1\n/help\n:quit\n",
        capture_output=True,
        text=True,
        # The shared index cache: a fresh folder would spend minutes encoding the catalogue.
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "MATCHING__INDEX_DIR": str(INDEX_DIR)},
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "[1] Согласен(на)" in result.stdout
    assert "Согласие записано" in result.stdout
    assert "Что я умею" in result.stdout
    assert (tmp_path / "data" / "careerbot.sqlite3").exists()


def test_st_encoder_needs_a_model_setting() -> None:
    from bot.knowledge_provider import engine_config

    settings = Settings(_env_file=None, matching={"encoders": ["st", "use"]})  # type: ignore[call-arg]
    with pytest.raises(ConfigError, match="MATCHING__ST_MODEL"):
        engine_config(settings)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        matching={"encoders": ["st"], "st_model": "/models/minilm"},
    )
    assert engine_config(settings).encoders == ("st:/models/minilm",)


def test_unreachable_bot_api_is_one_sentence(tmp_path: Path) -> None:
    result = careerbot(
        "run",
        env={"BOT_TOKEN": VALID_TOKEN, "TELEGRAM_API_BASE": "http://127.0.0.1:9"},
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "Cannot reach the Telegram Bot API" in result.stderr
    assert "Traceback" not in result.stderr


async def test_unreachable_redis_is_waited_for_with_a_clear_line_and_then_used(
    tmp_path: Path,
) -> None:
    """Redis down at start: the bot says so, without the password, and comes up by itself
    once Redis answers (here it then stops at the next step: no Telegram to reach)."""
    redis = CuttableProxy("127.0.0.1", 6379)
    port = await redis.start()
    await redis.cut()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "BOT_TOKEN": VALID_TOKEN,
            "TELEGRAM_API_BASE": "http://127.0.0.1:9",
            "REDIS_URL": f"redis://:secret@127.0.0.1:{port}/0",
        },
        cwd=tmp_path,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stderr is not None
    try:
        seen = ""
        while f"Redis at redis://127.0.0.1:{port}/0 does not answer" not in seen:
            line = await asyncio.wait_for(process.stderr.readline(), timeout=60)
            assert line, seen
            seen += line.decode()
        assert "waiting for it" in seen
        await redis.restore()
        rest = (await asyncio.wait_for(process.stderr.read(), timeout=60)).decode()
        assert await process.wait() == 2
        assert "Cannot reach the Telegram Bot API" in rest
        assert "secret" not in seen + rest
        assert "Traceback" not in seen + rest
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await redis.cut()
