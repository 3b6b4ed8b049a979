"""The e-mails: their settings, their text in the follower's language (plain text and
HTML, right to left in Arabic), their headers (one-click unsubscribe, RFC 8058) and the
SMTP connection that sends them. Building a message is pure; only `Mailer` talks to a
server.

Settings, from the environment:
    MUSHARAKA_PUBLIC_URL  where readers open the dashboard; every link starts with it
    MUSHARAKA_SMTP_URL    smtp://user:password@host:587?starttls=1, or smtps://host:465
    MUSHARAKA_MAIL_FROM   the sender (default: Musharaka <no-reply@HOST of the public URL>)
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from musharaka import formats
from musharaka.formats import text_without_controls
from musharaka.i18n import is_rtl, t, term_label
from musharaka.vocabulary import STATUSES

DEFAULT_PUBLIC_URL = "http://localhost:8501"
# The Streamlit page a link opens (pages/12_Follow.py) and the one-click endpoint (serve.py).
FOLLOW_PATH = "/Follow"
ONE_CLICK_PATH = "/unsubscribe"
RECOMMENDATIONS_PATH = "/Recommendations"


def public_url() -> str:
    """MUSHARAKA_PUBLIC_URL without its trailing slash (a local server when unset)."""
    return (os.environ.get("MUSHARAKA_PUBLIC_URL", "").strip() or DEFAULT_PUBLIC_URL).rstrip("/")


def mail_domain() -> str:
    return urlsplit(public_url()).hostname or "localhost"


def mail_from() -> str:
    return os.environ.get("MUSHARAKA_MAIL_FROM", "").strip() or formataddr(
        ("Musharaka", f"no-reply@{mail_domain()}")
    )


def recommendation_link(code: str, lang: str) -> str:
    return f"{public_url()}{RECOMMENDATIONS_PATH}?{urlencode({'rec': code, 'lang': lang})}"


def follow_link(token: str) -> str:
    """The page that confirms or unsubscribes (a GET, opened in a browser)."""
    return f"{public_url()}{FOLLOW_PATH}?{urlencode({'token': token})}"


def one_click_link(token: str) -> str:
    """The RFC 8058 endpoint a mail client POSTs `List-Unsubscribe=One-Click` to."""
    return f"{public_url()}{ONE_CLICK_PATH}?{urlencode({'token': token})}"


def message_id(key: int, secret: bytes) -> str:
    """The Message-ID of the outbox message `key`: the same at every attempt, so that a
    message sent again after a crash is recognisable as the same one; the secret's hash
    tells apart two installations with the same domain."""
    instance = hashlib.sha256(b"message-id|" + secret).hexdigest()[:10]
    return f"<musharaka.{key}.{instance}@{mail_domain()}>"


def change_detail(row, lang: str) -> str:
    """What a status change did, in `lang`: "Planned → In progress (40 %), 3 March 2025"
    (the arrow points the way the line reads). `row` has the columns of
    queries.changes.status_changes."""
    arrow = "←" if is_rtl(lang) else "→"
    old = term_label(STATUSES, row.old_status, lang)
    new = term_label(STATUSES, row.new_status, lang)
    detail = f"{old} {arrow} {new}"
    if row.new_progress is not None:
        detail += f" ({formats.progress(row.new_progress, lang)})"
    return detail + f", {formats.day(row.status_date, lang)}"


# --- What a message says ------------------------------------------------------------------
@dataclass(frozen=True)
class Item:
    """One line of a message: a recommendation (its title, code and link) and what to say
    of it."""

    title: str
    code: str
    detail: str


@dataclass(frozen=True)
class Section:
    heading: str
    items: tuple[Item, ...]
    more: int = 0  # items left out to keep the message short


@dataclass(frozen=True)
class Letter:
    """A message's content in one language, before it is written as text and HTML."""

    lang: str
    subject: str
    intro: str
    sections: tuple[Section, ...] = ()
    action: tuple[str, str] | None = None  # (label, link): the message's one button
    notes: tuple[str, ...] = ()
    unsubscribe: str | None = None  # the link that stops every message to this follower


def text_part(letter: Letter) -> str:
    """The plain-text part (pure)."""
    lines = [letter.intro, ""]
    for section in letter.sections:
        lines += [section.heading, ""]
        for item in section.items:
            lines.append(f"- {text_without_controls(item.title)} ({item.code}): {item.detail}")
            lines.append(f"  {recommendation_link(item.code, letter.lang)}")
        if section.more:
            lines.append(t("mail_more", letter.lang).format(count=section.more))
        lines.append("")
    if letter.action:
        lines += [f"{letter.action[0]}:", letter.action[1], ""]
    lines += [*letter.notes]
    if letter.unsubscribe:
        lines += ["", "-- ", f"{t('mail_unsubscribe', letter.lang)}: {letter.unsubscribe}"]
    return "\n".join(lines).strip() + "\n"


def html_part(letter: Letter) -> str:
    """The HTML part (pure): `dir="rtl"` in Arabic; text from the records escaped and
    isolated (<bdi>) so that an Arabic title reads right in a French message."""
    lang = letter.lang
    direction = "rtl" if is_rtl(lang) else "ltr"
    align = "right" if direction == "rtl" else "left"
    out = [
        f'<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">',
        f"<title>{html.escape(letter.subject)}</title></head>",
        f'<body dir="{direction}" style="font-family:sans-serif;text-align:{align}">',
        f"<p>{html.escape(letter.intro)}</p>",
    ]
    for section in letter.sections:
        out.append(f"<h2>{html.escape(section.heading)}</h2><ul>")
        for item in section.items:
            href = html.escape(recommendation_link(item.code, lang))
            title = html.escape(text_without_controls(item.title))
            out.append(
                f'<li><a href="{href}"><bdi>{title}</bdi></a> '
                f"(<bdi>{html.escape(item.code)}</bdi>): {html.escape(item.detail)}</li>"
            )
        out.append("</ul>")
        if section.more:
            out.append(f"<p>{html.escape(t('mail_more', lang).format(count=section.more))}</p>")
    if letter.action:
        label, href = letter.action
        out.append(f'<p><a href="{html.escape(href)}">{html.escape(label)}</a></p>')
    out += [f"<p>{html.escape(note)}</p>" for note in letter.notes]
    if letter.unsubscribe:
        out.append(
            f'<hr><p style="font-size:small"><a href="{html.escape(letter.unsubscribe)}">'
            f"{html.escape(t('mail_unsubscribe', lang))}</a></p>"
        )
    out.append("</body></html>")
    return "\n".join(out)


def build_message(
    letter: Letter,
    to: str,
    msg_id: str,
    one_click: str | None,
) -> EmailMessage:
    """The e-mail itself: both parts, the language, the Message-ID and, for a follower's
    messages, the List-Unsubscribe headers of RFC 2369 and RFC 8058 (pure)."""
    message = EmailMessage()
    message["From"] = mail_from()
    message["To"] = to
    message["Subject"] = letter.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = msg_id
    message["Auto-Submitted"] = "auto-generated"
    if one_click and letter.unsubscribe:
        message["List-Unsubscribe"] = f"<{one_click}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text_part(letter))
    message.add_alternative(html_part(letter), subtype="html")
    # After the parts: setting the content drops every Content-* header set before.
    message["Content-Language"] = letter.lang
    return message


# --- Sending --------------------------------------------------------------------------
class MailNotConfigured(Exception):
    """MUSHARAKA_SMTP_URL is not set, or not a URL Musharaka can use."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str | None
    password: str | None
    tls: str  # "none", "starttls" or "ssl"
    timeout: float = 30.0


def smtp_settings(url: str | None = None) -> SmtpSettings:
    """MUSHARAKA_SMTP_URL read (pure for a given url): smtp:// (STARTTLS with ?starttls=1)
    or smtps:// (TLS from the start)."""
    url = (url if url is not None else os.environ.get("MUSHARAKA_SMTP_URL", "")).strip()
    if not url:
        raise MailNotConfigured("MUSHARAKA_SMTP_URL is not set: no e-mail can be sent")
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise MailNotConfigured("MUSHARAKA_SMTP_URL must be smtp://HOST[:PORT] or smtps://...")
    options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if parts.scheme == "smtps":
        tls = "ssl"
    else:
        tls = "starttls" if options.get("starttls", "0").lower() in ("1", "true", "yes") else "none"
    default_port = 465 if tls == "ssl" else 25
    return SmtpSettings(
        host=parts.hostname,
        port=parts.port or default_port,
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        tls=tls,
        timeout=float(options.get("timeout", 30)),
    )


class Mailer:
    """One SMTP connection for a run, opened at the first message."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        smtp: smtplib.SMTP
        if s.tls == "ssl":
            smtp = smtplib.SMTP_SSL(
                s.host, s.port, timeout=s.timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            if s.tls == "starttls":
                smtp.starttls(context=ssl.create_default_context())
        if s.user:
            smtp.login(s.user, s.password or "")
        return smtp

    def send(self, message: EmailMessage) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.send_message(message)
        except (smtplib.SMTPServerDisconnected, OSError):
            self.close()
            raise

    def close(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()
            self._smtp = None
