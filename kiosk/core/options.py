"""Every option of the kiosk, declared once: type, default, translatable title, validation.

Values come from defaults < the ini file in the data dir < `KIOSK_*` environment variables
(see kiosk.services.config). Parsing and validation here are pure; reading files is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.core.languages import LANGUAGES
from kiosk.core.xapi import DEFAULT_BASE, url_problem
from kiosk.i18n import N_

ENV_PREFIX = "KIOSK_"


class OptionValueError(ValueError):
    """A raw value that does not fit its option; the message says what is accepted."""

    def __init__(self, message: str, params: dict[str, object]) -> None:
        super().__init__(message.format(**params))
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Option:
    """One option: how to parse it, its default and what values are valid."""

    key: str
    type: type
    default: object
    title: str  # N_()-marked
    choices: tuple[object, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    check: Callable[[object], str | None] | None = None  # returns a msgid if invalid

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.key.upper()

    def parse(self, raw: str) -> object:
        """The typed value of `raw`, or OptionValueError saying what is accepted."""
        raw = raw.strip()
        value: object
        if self.type is bool:
            lowered = raw.lower()
            if lowered in {"1", "true", "yes", "on"}:
                value = True
            elif lowered in {"0", "false", "no", "off"}:
                value = False
            else:
                raise OptionValueError(N_("“{value}” is not yes or no"), {"value": raw})
        elif self.type is int:
            try:
                value = int(raw)
            except ValueError:
                raise OptionValueError(
                    N_("“{value}” is not a whole number"), {"value": raw}
                ) from None
        elif self.type is tuple:
            value = tuple(item.strip() for item in raw.split(",") if item.strip())
        else:
            value = raw
        self.validate(value)
        return value

    def validate(self, value: object) -> None:
        """Raise OptionValueError if `value` is not allowed."""
        if self.choices is not None:
            items = value if isinstance(value, tuple) else (value,)
            for item in items:
                if item not in self.choices:
                    raise OptionValueError(
                        N_("“{value}” is not one of: {choices}"),
                        {"value": item, "choices": ", ".join(map(str, self.choices))},
                    )
        if isinstance(value, int) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                raise OptionValueError(
                    N_("{value} is below the minimum {minimum}"),
                    {"value": value, "minimum": self.minimum},
                )
            if self.maximum is not None and value > self.maximum:
                raise OptionValueError(
                    N_("{value} is above the maximum {maximum}"),
                    {"value": value, "maximum": self.maximum},
                )
        if self.check is not None:
            problem = self.check(value)
            if problem:
                raise OptionValueError(problem, {"value": value})


# A DNS host name: dot-separated labels of letters, digits and inner hyphens (IDNs as xn--).
_HOST = re.compile(
    r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+",
    re.I,
)


def _check_hosts(value: object) -> str | None:
    for host in value:  # type: ignore[attr-defined]
        if not _HOST.fullmatch(host):
            return N_("“{value}” must be host names such as portal.example.ir, separated by commas")
    return None


def _check_lrs_url(value: object) -> str | None:
    return url_problem(value, allow_empty=True)


_LANGS = tuple(LANGUAGES)

OPTIONS: tuple[Option, ...] = (
    Option("language", str, "fa", N_("Default language"), choices=_LANGS),
    Option("languages", tuple, _LANGS, N_("Languages offered"), choices=_LANGS),
    Option("text_scale", int, 100, N_("Text size (%)"), choices=(100, 150, 200)),
    Option("high_contrast", bool, False, N_("High-contrast theme")),
    Option("fullscreen", bool, True, N_("Full screen")),
    Option("voice_fa", str, "", N_("Persian voice")),
    Option("voice_en", str, "", N_("English voice")),
    Option("speech_rate", int, 100, N_("Speaking rate (%)"), minimum=50, maximum=200),
    Option("volume", int, 80, N_("Default volume (%)"), minimum=0, maximum=100),
    Option(
        "idle_seconds", int, 90, N_("Idle time before reset (seconds)"), minimum=30, maximum=1800
    ),
    Option(
        "idle_warning_seconds",
        int,
        30,
        N_("Time to answer the idle warning (seconds)"),
        minimum=20,
        maximum=300,
    ),
    Option("attract_speech", bool, True, N_("Speak on the attract screen")),
    Option(
        "attract_interval",
        int,
        60,
        N_("Seconds between spoken invitations on the attract screen"),
        minimum=15,
        maximum=900,
    ),
    Option("allowed_hosts", tuple, (), N_("Extra portal hosts allowed"), check=_check_hosts),
    # Where staff PIN hashes are kept: "auto" (system keyring if usable, else a file in the
    # data dir), "system" or "file" (see kiosk.services.secrets).
    Option(
        "staff_keyring",
        str,
        "auto",
        N_("Where staff PIN hashes are kept"),
        choices=("auto", "system", "file"),
    ),
    # Learning records (kiosk.core.xapi, kiosk.services.sync): the deployment's own web address,
    # the root of the actors' homePage and of every activity id; the LRS they are sent to (its
    # xAPI endpoint, e.g. https://lrs.example.gov.ir/xAPI; its user name and password are kept
    # in the keyring); whether and how often to send; how long delivered records are kept.
    Option(
        "xapi_base",
        str,
        DEFAULT_BASE,
        N_("Web address of this deployment (xAPI)"),
        check=url_problem,
    ),
    Option("lrs_url", str, "", N_("Learning record store (LRS) address"), check=_check_lrs_url),
    # Where signed content updates are published (kiosk content publish); empty: USB only.
    Option("update_url", str, "", N_("Content update mirror address"), check=_check_lrs_url),
    Option("sync_enabled", bool, False, N_("Send learning records to the LRS")),
    Option(
        "sync_interval",
        int,
        300,
        N_("Seconds between sending learning records"),
        minimum=30,
        maximum=86400,
    ),
    Option(
        "sync_keep_days",
        int,
        30,
        N_("Days delivered learning records are kept"),
        minimum=1,
        maximum=3650,
    ),
)

OPTIONS_BY_KEY: dict[str, Option] = {option.key: option for option in OPTIONS}


def defaults() -> dict[str, object]:
    """Every option at its default value."""
    return {option.key: option.default for option in OPTIONS}
