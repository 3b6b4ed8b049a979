"""A real SMTP server for the tests (not a test module): aiosmtpd on 127.0.0.1, keeping
every message it accepts, parsed back. It can be slowed down before or after a message's
data (to kill a sender in the middle of a batch) and told to refuse the next messages
with a temporary or a permanent error."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class SinkHandler:
    received: list[EmailMessage] = field(default_factory=list)
    rcpt_started: int = 0  # messages whose RCPT the server has begun to answer
    delay_rcpt: float = 0.0
    delay_data: float = 0.0  # before the message is kept
    delay_reply: float = 0.0  # after it is kept, before the server says so (as a real MTA
    # that has queued the message and is slow to answer)
    refuse: list[str] = field(default_factory=list)  # replies for the next messages' DATA
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        import asyncio

        with self.lock:
            self.rcpt_started += 1
        if self.delay_rcpt:
            await asyncio.sleep(self.delay_rcpt)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        if self.delay_data:
            await asyncio.sleep(self.delay_data)
        with self.lock:
            if self.refuse:
                return self.refuse.pop(0)
            parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
            assert isinstance(parsed, EmailMessage)
            self.received.append(parsed)
        if self.delay_reply:
            await asyncio.sleep(self.delay_reply)
        return "250 Message accepted for delivery"


class SmtpSink:
    """The server, started on a free port; `url` is what MUSHARAKA_SMTP_URL takes."""

    def __init__(self) -> None:
        self.handler = SinkHandler()
        self.port = _free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self) -> list[EmailMessage]:
        with self.handler.lock:
            return list(self.handler.received)

    def clear(self) -> None:
        with self.handler.lock:
            self.handler.received.clear()
            self.handler.rcpt_started = 0

    def wait_for(self, count: int, timeout: float = 30) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages) >= count:
                return self.messages
            time.sleep(0.02)
        raise AssertionError(f"expected {count} messages, got {len(self.messages)}")

    def start(self) -> SmtpSink:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
