"""Settings: option values from defaults < `kiosk.ini` in the data dir < `KIOSK_*` env variables.

Bad input never stops the kiosk: a corrupt ini file or a bad value yields a notice naming the
file (or variable) and the fix, and that option keeps its default. The ini file is never
rewritten when it could not be read.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.core.notices import Notice
from kiosk.core.options import OPTIONS, OPTIONS_BY_KEY, OptionValueError, defaults
from kiosk.i18n import N_
from kiosk.services.settings_file import read_ini, save_ini


class Settings(QObject):
    """The option values in force, where each came from, and the notices from reading them."""

    changed = Signal(str, object)  # key, new value

    def __init__(
        self,
        values: dict[str, object],
        sources: dict[str, str],
        notices: list[Notice],
        ini_path: Path | None = None,
        ini_readable: bool = True,
    ):
        super().__init__()
        self._values = values
        self.sources = sources
        self.notices = notices
        self.ini_path = ini_path
        self.ini_readable = ini_readable
        # The values a new session starts from: as loaded, then as last saved by staff.
        self.baseline = dict(values)

    def __getitem__(self, key: str) -> object:
        return self._values[key]

    def get(self, key: str) -> object:
        """The value of option `key`."""
        return self._values[key]

    def set(self, key: str, value: object) -> None:
        """Validate and apply `value` live (raises OptionValueError)."""
        OPTIONS_BY_KEY[key].validate(value)
        if self._values.get(key) != value:
            self._values[key] = value
            self.sources[key] = "runtime"
            self.changed.emit(key, value)

    def update(self, changes: dict[str, object], *, persist: bool = True) -> None:
        """Validate every change, save them to the ini file, then apply them all live.

        Nothing is applied half-way: a bad value raises InvalidSetting (naming its key) and
        a file that cannot be written raises NoticeError, both before anything changes.
        The settings page does the same in three steps, writing in the background.
        """
        self.validate(changes)
        if persist and changes:
            self.write(changes)
        self.apply(changes, saved=persist)

    def validate(self, changes: dict[str, object]) -> None:
        """Raise InvalidSetting (naming its key) if any change, or the result, is not allowed."""
        for key, value in changes.items():
            try:
                OPTIONS_BY_KEY[key].validate(value)
            except OptionValueError as error:
                raise InvalidSetting(key, error) from error
        merged = {**self._values, **changes}
        if merged["language"] not in merged["languages"]:
            problem = OptionValueError(
                N_("The default language {value} must be one of the languages offered."),
                {"value": merged["language"]},
            )
            raise InvalidSetting("language", problem)

    def write(self, changes: dict[str, object]) -> None:
        """Save validated `changes` to the ini file (write + fsync: NoticeError if it cannot).
        File work only, nothing applied: it may run off the UI thread."""
        if changes:
            save_ini(self.ini_path, self.ini_readable, changes)

    def apply(self, changes: dict[str, object], *, saved: bool = True) -> None:
        """Apply validated `changes` live (on the UI thread); `saved`: they are the new baseline."""
        if saved:
            self.baseline.update(changes)
        for key, value in changes.items():
            self.set(key, value)


class InvalidSetting(OptionValueError):
    """A value refused for setting `key`; the message says what is accepted."""

    def __init__(self, key: str, error: OptionValueError) -> None:
        super().__init__(error.message, error.params)
        self.key = key


def _bad_value(option_key: str, where: str, error: OptionValueError, kept: object) -> Notice:
    return Notice(
        N_(
            "Setting “{key}” in {where}: {problem}. The value “{kept}” is used instead. "
            "To fix: correct or remove that setting."
        ),
        {
            "key": option_key,
            "where": where,
            "problem": Notice(error.message, error.params),
            "kept": kept,
        },
    )


def _consistent(values: dict[str, object], sources: dict[str, str]) -> list[Notice]:
    """Settings that contradict each other: a notice with the fix, and safe values in force."""
    notices = []
    if not values["languages"]:
        values["languages"] = defaults()["languages"]
        sources["languages"] = "default"
        notices.append(
            Notice(
                N_(
                    "No language is offered (“languages” is empty); all are offered. "
                    "To fix: list them, such as languages = fa, en."
                )
            )
        )
    offered = tuple(values["languages"])  # type: ignore[arg-type]
    if values["language"] not in offered:
        notices.append(
            Notice(
                N_(
                    "The default language “{language}” is not among the languages offered "
                    "({offered}); {used} is used. To fix: add it to “languages” or choose "
                    "one of them as “language”."
                ),
                {"language": values["language"], "offered": ", ".join(offered), "used": offered[0]},
            )
        )
        values["language"] = offered[0]
    return notices


def load_settings(ini_path: Path, environ: dict[str, str] | None = None) -> Settings:
    """Read the settings in force from defaults, `ini_path` and the environment."""
    env = os.environ if environ is None else environ
    values = defaults()
    sources = dict.fromkeys(values, "default")
    raw_ini, notices = read_ini(ini_path)
    for option in OPTIONS:
        layers = (
            (raw_ini.get(option.key), str(ini_path), "ini"),
            (env.get(option.env_var), option.env_var, "env"),
        )
        for raw, where, source in layers:
            if raw is None:
                continue
            try:
                values[option.key] = option.parse(raw)
                sources[option.key] = source
            except OptionValueError as error:
                notices.append(_bad_value(option.key, where, error, values[option.key]))
    notices += _consistent(values, sources)
    readable = not any(
        n.params.get("path") == str(ini_path) and "reason" in n.params for n in notices
    )
    return Settings(values, sources, notices, ini_path, readable)
