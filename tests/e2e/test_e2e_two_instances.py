"""Two bot instances behind one webhook, with one `careerbot worker`: a round-robin proxy in
the test is the webhook URL the emulator posts to, so the updates of one dialog alternate
between the instances. The dialog (onboarding, suggestions, a card, a booking, /mybookings)
works because the instances share the dialog state, the per-dialog lock, dedup and
throttling in Redis, and the data in PostgreSQL. The instances leave the scheduler to the
worker (SCHEDULER__IN_PROCESS=false), which alone holds the lease."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from tests.e2e.conftest import make_stack
from tests.e2e.harness import STAFF_CHAT, Emulator, free_port, text_of, until
from tests.e2e.test_e2e_schoolchild import _day, _slot


class RoundRobin:
    """A tiny reverse proxy: each request goes to the next instance, headers and all."""

    def __init__(self, targets: list[str]) -> None:
        self.targets = targets
        self._next = itertools.cycle(range(len(targets)))
        self.served: list[int] = []  # which instance took each update, in order
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
        self._runner: web.AppRunner | None = None

    async def start(self, port: int) -> None:
        app = web.Application()
        app.router.add_post("/webhook", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()

    async def stop(self) -> None:
        await self._http.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _forward(self, request: web.Request) -> web.Response:
        index = next(self._next)
        headers = {
            key: value
            for key, value in request.headers.items()
            if key.lower() in ("content-type", "x-telegram-bot-api-secret-token")
        }
        body = await request.read()
        try:
            async with self._http.post(self.targets[index], data=body, headers=headers) as answer:
                payload = await answer.read()
                if answer.status < 300:
                    self.served.append(index)
                return web.Response(status=answer.status, body=payload)
        except aiohttp.ClientError:
            return web.Response(status=502)


@pytest.mark.e2e
async def test_a_dialog_alternating_between_two_instances_works(
    emulator: Emulator, tmp_path: Path, pg_url: str, e2e_redis: str
) -> None:
    stack = make_stack(emulator, tmp_path, "webhook", pg_url, e2e_redis)
    proxy_port = free_port()
    url = f"http://127.0.0.1:{proxy_port}/webhook"
    first = stack.bot("bot-a", webhook_url=url, SCHEDULER__IN_PROCESS="false")
    second = stack.bot("bot-b", webhook_url=url, SCHEDULER__IN_PROCESS="false")
    worker = stack.worker()
    proxy = RoundRobin([f"http://127.0.0.1:{bot.server_port}/webhook" for bot in (first, second)])
    await proxy.start(proxy_port)
    try:
        # All at once on the empty database, as compose starts them.
        for process in (first, second, worker):
            await stack.launch(process)
        await asyncio.gather(*(stack.ready(process) for process in (first, second, worker)))

        pupil = stack.user(9_001, "Дима")
        await pupil.send("/start")
        await pupil.press("Согласен")
        await pupil.press("Школьник")
        await pupil.press("10 класс")
        await pupil.press("Томская")
        await pupil.wait_for("Что вам интересно?")
        await pupil.press("Компьютеры и IT")
        assert await until(lambda: pupil.find_button("✓ Компьютеры"), 60)
        await pupil.press("Готово")
        await pupil.wait_for("своими словами")
        await pupil.send("хочу писать программы и делать сайты")
        await pupil.wait_for("тест интересов")
        await pupil.press("Пропустить, показать")
        suggestions = await pupil.wait_for("Вот профессии")
        assert "Программист" in text_of(suggestions)
        await pupil.press("Программист")
        await pupil.wait_for("Что это за работа")
        await pupil.press("Хочу консультацию")
        await pupil.wait_for("Где вам удобнее получить консультацию?")
        await pupil.press("ЦОПП Томской области (Томск)")
        await pupil.wait_for("Как вам удобнее поговорить?")
        await pupil.press("Онлайн")
        await pupil.wait_for("Выберите день")
        await pupil.press(_day)
        await pupil.wait_for("Свободное время")
        await pupil.press(_slot)
        await pupil.wait_for("Оставите номер телефона?")
        await pupil.press("Без телефона")
        await pupil.wait_for("Проверьте запись")
        await pupil.press("Подтвердить запись")
        await pupil.wait_for("Готово, вы записаны")
        await pupil.send("/mybookings")
        await pupil.wait_for("Ваши записи")
        staff = await emulator.messages(stack.token, STAFF_CHAT)
        assert [m for m in staff if "Новая запись" in text_of(m)], staff
    finally:
        await stack.close()
        await proxy.stop()

    # The updates did alternate: each instance took every other one.
    assert len(proxy.served) >= 16, proxy.served
    assert proxy.served == [n % 2 for n in range(len(proxy.served))], proxy.served
    for bot in (first, second):
        assert "Reminders are sent by `careerbot worker`" in bot.text(), bot.tail()
        assert "scheduler lease" not in bot.text(), bot.tail()
    assert "holds the scheduler lease" in worker.text(), worker.tail()
    for process in stack.processes:
        assert "Traceback" not in process.text(), process.tail(200)
    assert not [
        m
        for m in await emulator.messages(stack.token, 9_001)
        if "что-то пошло не так" in text_of(m)
    ]
