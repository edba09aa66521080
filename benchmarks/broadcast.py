"""Staff broadcasts against a Bot API stand-in with Telegram's limits, with real processes.

    python benchmarks/broadcast.py [--scenarios rate,crash,paid,dialog] [--backend postgres]
                                   [--runs 3] [--recipients 10000] [--crash-recipients 1000]
                                   [--kills 5] [--rate 29]

The stand-in (tests/e2e/standin.py) runs in this process; the bot runs as `careerbot worker`
(or `careerbot run` for the dialog scenario) in another, on a fresh database each run.

- rate:   a broadcast to N recipients, 5 % of whom blocked the bot (403), with the stand-in
          allowing 30 messages over any second (real 429s past it). Prints the sustained rate
          (answered sends a second, first to last) and the 429s after the first second.
          Targets: ≥ 28 a second, 429s after the first second close to 0.
- crash:  a broadcast of M recipients; the worker is killed with SIGKILL at a random point
          (after a random number of sends, at a random phase), restarted, K times; then a
          last worker finishes. Prints recipients who got it twice (target 0), recipients
          never tried (target 0) and deliveries left «unknown» (tried, fate unknown).
- paid:   N recipients with allow_paid_broadcast against a stand-in with no limit.
          Target ≥ 500 a second.
- dialog: `careerbot run` (scheduler in process) answering /help and /profile from 200
          users offered at 20 updates a second for 30 s, without and then during a
          broadcast; p50/p95 from the update offered to the reply arriving. Target: p95
          during a broadcast within 2× of p95 without.

Medians of `--runs` runs are printed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import signal
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from _processes import bench_database, careerbot_process, stop_process, until

from tests.e2e.standin import BotApiStandIn, delivery_statuses, seed_broadcast, seed_users

TEXT = "Открыта регистрация на региональный этап чемпионата «Профессионалы»"
FIRST_USER = 5_000_000
STAFF_CHAT = 901


def blocked(chat_id: int) -> bool:
    """One recipient in twenty blocked the bot."""
    return chat_id % 20 == 7


def _answered(api: BotApiStandIn) -> list[float]:
    """Moments of the broadcast's sends Telegram answered (accepted or 403)."""
    return sorted(item.at for item in (*api.accepted, *api.forbidden) if item.text == TEXT)


# --- scenarios -------------------------------------------------------------------------


async def rate(backend: str, recipients: int, per_second: float, folder: Path) -> dict[str, float]:
    api = BotApiStandIn(per_second=30, blocked=blocked)
    port = await api.start()
    url, drop = await bench_database(backend, folder)
    try:
        users = range(FIRST_USER, FIRST_USER + recipients)
        await seed_broadcast(url, users, TEXT, progress_chat=STAFF_CHAT)
        worker = await careerbot_process(
            "worker", url, port, folder, BROADCAST__RATE_PER_SECOND=str(per_second)
        )
        try:
            done = await until(
                lambda: api.answered[TEXT] >= recipients, recipients / 10 + 120, every=0.5
            )
        finally:
            await stop_process(worker)
        moments = _answered(api)
        first, last = moments[0], moments[-1]
        late_429 = sum(1 for at in api.too_many if at > first + 1.0)
        return {
            "finished": float(done),
            "answered": len(moments),
            "rate": (len(moments) - 1) / (last - first),
            "429_total": len(api.too_many),
            "429_after_1s": late_429,
            "blocked": sum(1 for item in api.forbidden if item.text == TEXT),
            "progress_edits": api.calls["editMessageText"],
        }
    finally:
        await api.stop()
        await drop()


async def crash(
    backend: str, recipients: int, kills: int, per_second: float, folder: Path
) -> dict[str, float]:
    api = BotApiStandIn(per_second=30, blocked=blocked)
    port = await api.start()
    url, drop = await bench_database(backend, folder)
    try:
        users = range(FIRST_USER, FIRST_USER + recipients)
        broadcast_id = await seed_broadcast(url, users, TEXT)
        killed_at = []
        for _ in range(kills):
            worker = await careerbot_process(
                "worker", url, port, folder, BROADCAST__RATE_PER_SECOND=str(per_second)
            )
            target = api.answered[TEXT] + random.randint(10, max(11, recipients // (2 * kills)))
            reached = await until(lambda t=target: api.answered[TEXT] >= t, 120)
            await asyncio.sleep(random.uniform(0, 1 / per_second))  # a random phase
            worker.send_signal(signal.SIGKILL)
            await worker.wait()
            killed_at.append(api.answered[TEXT])
            if not reached:
                break
        worker = await careerbot_process(
            "worker", url, port, folder, BROADCAST__RATE_PER_SECOND=str(per_second)
        )
        statuses: dict[int, str] = {}
        try:
            for _ in range(600):
                statuses = await delivery_statuses(url, broadcast_id)
                if all(s not in ("pending", "claimed", "sending") for s in statuses.values()):
                    break
                await asyncio.sleep(0.5)
        finally:
            await stop_process(worker)
        tried: dict[int, int] = {}
        for item in (*api.accepted, *api.forbidden):
            if item.text == TEXT:
                tried[item.chat_id] = tried.get(item.chat_id, 0) + 1
        unknown = {user for user, status in statuses.items() if status == "unknown"}
        never = set(users) - set(tried)
        return {
            "kills": len(killed_at),
            "twice": sum(1 for n in tried.values() if n > 1),
            "missed": len(never),
            "unknown": len(unknown),
            "unknown_arrived": len(unknown & set(tried)),
            "open_left": sum(
                1 for s in statuses.values() if s in ("pending", "claimed", "sending")
            ),
        }
    finally:
        await api.stop()
        await drop()


async def paid(backend: str, recipients: int, senders: int, folder: Path) -> dict[str, float]:
    api = BotApiStandIn(per_second=None, paid_per_second=None)
    port = await api.start()
    url, drop = await bench_database(backend, folder)
    try:
        users = range(FIRST_USER, FIRST_USER + recipients)
        await seed_broadcast(url, users, TEXT, paid=True)
        worker = await careerbot_process(
            "worker",
            url,
            port,
            folder,
            BROADCAST__PAID="true",
            BROADCAST__PAID_BUDGET_STARS=str(recipients),
            BROADCAST__SENDERS=str(senders),
        )
        try:
            done = await until(lambda: api.answered[TEXT] >= recipients, 600, every=0.2)
        finally:
            await stop_process(worker)
        moments = _answered(api)
        return {
            "finished": float(done),
            "rate": (len(moments) - 1) / (moments[-1] - moments[0]),
            "paid_flag": sum(1 for item in api.accepted if item.paid) / max(1, len(moments)),
        }
    finally:
        await api.stop()
        await drop()


def _command(update_number: int, user_id: int, text: str) -> dict[str, Any]:
    return {
        "message": {
            "message_id": update_number,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "U", "language_code": "ru"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        }
    }


async def _offer_dialog(
    api: BotApiStandIn, users: range, per_second: float, seconds: float
) -> None:
    began = time.monotonic()
    for number in range(int(per_second * seconds)):
        due = began + number / per_second
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        user = users[number % len(users)]
        api.offer_update(_command(number, user, "/help" if number % 2 else "/profile"), user)
    await asyncio.sleep(2)  # the last replies


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return (
        1000 * ordered[len(ordered) // 2],
        1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
    )


async def dialog(
    backend: str, recipients: int, per_second: float, seconds: float, folder: Path
) -> dict[str, float]:
    # No limit here: what is measured is whether sending a broadcast slows the dialog down
    # inside the bot process, not Telegram's quota.
    api = BotApiStandIn(per_second=None, paid_per_second=None)
    port = await api.start()
    url, drop = await bench_database(backend, folder)
    dialog_users = range(100, 300)
    try:
        await seed_users(url, dialog_users, mailing=False)  # they are in no broadcast
        bot = await careerbot_process("run", url, port, folder)
        try:
            await until(lambda: api.calls["getUpdates"] > 0, 600, every=0.2)
            await asyncio.sleep(2)
            api.offer_update(_command(0, 100, "/help"), 100)  # warm up
            await asyncio.sleep(2)
            api.latencies.clear()
            await _offer_dialog(api, dialog_users, per_second, seconds)
            quiet = list(api.latencies)

            users = range(FIRST_USER, FIRST_USER + recipients)
            await seed_broadcast(url, users, TEXT, progress_chat=STAFF_CHAT)
            await until(lambda: api.answered[TEXT] > 10, 60)
            api.latencies.clear()
            sent_before = api.answered[TEXT]
            await _offer_dialog(api, dialog_users, per_second, seconds)
            busy = list(api.latencies)
            broadcast_rate = (api.answered[TEXT] - sent_before) / (seconds + 2)
        finally:
            await stop_process(bot)
        quiet_p50, quiet_p95 = _percentiles(quiet)
        busy_p50, busy_p95 = _percentiles(busy)
        return {
            "quiet_p50_ms": quiet_p50,
            "quiet_p95_ms": quiet_p95,
            "busy_p50_ms": busy_p50,
            "busy_p95_ms": busy_p95,
            "p95_ratio": busy_p95 / quiet_p95,
            "replies_quiet": len(quiet),
            "replies_busy": len(busy),
            "broadcast_rate_during": broadcast_rate,
        }
    finally:
        await api.stop()
        await drop()


# --- the run ---------------------------------------------------------------------------


def _show(name: str, figures: dict[str, float]) -> None:
    shown = ", ".join(
        f"{key}={value:.2f}" if isinstance(value, float) else f"{key}={value}"
        for key, value in figures.items()
    )
    print(f"  {name}: {shown}", flush=True)


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scenarios", default="rate,crash,paid,dialog")
    parser.add_argument("--backend", default="postgres", choices=["postgres", "sqlite"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--crash-recipients", type=int, default=1_000)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--rate", type=float, default=29.0, help="BROADCAST__RATE_PER_SECOND")
    parser.add_argument("--paid-senders", type=int, default=16)
    parser.add_argument("--dialog-rate", type=float, default=20.0)
    parser.add_argument("--dialog-seconds", type=float, default=30.0)
    args = parser.parse_args()

    from bot.logs import configure_logging

    configure_logging("WARNING")
    results: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for run in range(1, args.runs + 1):
            print(f"run {run} ({args.backend})", flush=True)
            for scenario in args.scenarios.split(","):
                if scenario == "rate":
                    figures = await rate(args.backend, args.recipients, args.rate, folder)
                elif scenario == "crash":
                    figures = await crash(
                        args.backend, args.crash_recipients, args.kills, args.rate, folder
                    )
                elif scenario == "paid":
                    figures = await paid(args.backend, args.recipients, args.paid_senders, folder)
                elif scenario == "dialog":
                    figures = await dialog(
                        args.backend,
                        args.recipients,
                        args.dialog_rate,
                        args.dialog_seconds,
                        folder,
                    )
                else:
                    raise SystemExit(f"unknown scenario {scenario!r}")
                _show(scenario, figures)
                results.setdefault(scenario, []).append(figures)
    print(f"medians of {args.runs} run(s), {args.backend}:")
    for scenario, runs in results.items():
        _show(scenario, {key: statistics.median(r[key] for r in runs) for key in runs[0]})


if __name__ == "__main__":
    asyncio.run(main())
