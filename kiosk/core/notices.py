"""Notices: operator messages that stay translatable until shown (what, where, how to fix)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.i18n import _


@dataclass(frozen=True)
class Notice:
    """A message kept as its msgid and parameters, so it follows a live language switch."""

    message: str  # an N_()-marked msgid with {named} placeholders
    params: dict[str, object] = field(default_factory=dict)
    severity: str = "warning"  # "warning": the app goes on with defaults; "error": a feature is off

    def text(self) -> str:
        """The message in the current language."""
        params = {
            key: value.text() if isinstance(value, Notice) else value
            for key, value in self.params.items()
        }
        return _(self.message).format(**params)

    def __str__(self) -> str:
        return self.text()


class NoticeError(Exception):
    """An error carrying a `Notice` for the operator instead of a traceback."""

    def __init__(self, notice: Notice) -> None:
        super().__init__(notice.message.format(**notice.params))
        self.notice = notice
