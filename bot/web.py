"""The process's HTTP server: Telegram's webhook, health probes and Prometheus metrics.

The webhook answers as soon as it has checked the secret and read the update; the update is
handled after the answer. Telegram re-sends an update whose answer is late, so slow work
(a search, a booking) must never be between the request and the answer."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from aiohttp import web
from pydantic import ValidationError

from bot.logs import describe_safely
from bot.metrics import WEBHOOK_REFUSED, exposition

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

# One readiness check: None when fine, otherwise one sentence saying what is wrong.
Probe = Callable[[], Awaitable[str | None]]


@dataclass
class WebhookIntake:
    """Takes updates from Telegram's requests and hands each to the dispatcher as a task."""

    dispatcher: Dispatcher
    bot: Bot
    secret: str
    max_in_flight: int
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)
    accepting: bool = True

    async def handle(self, request: web.Request) -> web.Response:
        offered = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(offered.encode(), self.secret.encode()):
            WEBHOOK_REFUSED.labels("secret").inc()
            return web.Response(status=401, text="wrong or missing secret token")
        if not self.accepting:
            # Shutting down: Telegram keeps the update and tries again, likely elsewhere.
            return web.Response(status=503, text="shutting down")
        if len(self._tasks) >= self.max_in_flight:
            # Overloaded: Telegram keeps the update and sends it again a little later.
            WEBHOOK_REFUSED.labels("busy").inc()
            return web.Response(status=503, text="busy")
        try:
            payload = json.loads(await request.read())
            update = Update.model_validate(payload, context={"bot": self.bot})
        except (ValueError, ValidationError) as error:
            WEBHOOK_REFUSED.labels("malformed").inc()
            log.warning("A webhook request that is not an update: %s", type(error).__name__)
            return web.Response(status=400, text="not a Telegram update")
        task = asyncio.create_task(self._feed(update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.Response(status=200)

    async def _feed(self, update: Update) -> None:
        try:
            await self.dispatcher.feed_update(self.bot, update)
        except Exception as error:  # noqa: BLE001 - logged through describe_safely
            log.error("Update %s failed: %s", update.update_id, describe_safely(error))

    async def drain(self, timeout_seconds: float) -> None:
        """Stop taking updates and let those already taken finish."""
        self.accepting = False
        if self._tasks:
            log.info("Waiting for %d updates in flight", len(self._tasks))
            _, pending = await asyncio.wait(set(self._tasks), timeout=timeout_seconds)
            if pending:
                log.error("%d updates did not finish in time and are cut off", len(pending))


def build_web_app(
    *,
    probes: Mapping[str, Probe],
    intake: WebhookIntake | None = None,
    webhook_path: str = "/webhook",
) -> web.Application:
    app = web.Application(client_max_size=1024 * 1024)

    async def healthz(_: web.Request) -> web.Response:
        # Alive: the event loop answers. Whether it can serve is /readyz's question.
        return web.json_response({"status": "alive"})

    async def readyz(_: web.Request) -> web.Response:
        results = await asyncio.gather(*(probe() for probe in probes.values()))
        problems = {name: problem for name, problem in zip(probes, results, strict=True) if problem}
        body = {name: problems.get(name, "ok") for name in probes}
        return web.json_response(body, status=503 if problems else 200)

    async def metrics(_: web.Request) -> web.Response:
        payload, content_type = exposition()
        return web.Response(body=payload, headers={"Content-Type": content_type})

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)
    if intake is not None:
        app.router.add_post(webhook_path, intake.handle)
    return app


async def serve(app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(app, access_log=None)  # access lines would repeat every update
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    log.info("Listening on %s:%d", host, port)
    return runner
