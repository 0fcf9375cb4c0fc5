"""The pictures learners choose from: 12 avatars, and 12 pictures for a 3-picture password."""

from __future__ import annotations

from kiosk.core.languages import LANGUAGES
from kiosk.i18n import N_, format_number, translate

# Pictograms in assets/pictograms/, named avatar_<name>.svg and picture_<name>.svg.
AVATARS = (
    "cat", "bird", "fish", "horse", "cow", "sheep", "tree", "flower", "sun", "moon", "star", "boat",
)  # fmt: skip
PICTURES = (
    "apple", "key", "cup", "house", "car", "bread", "book", "clock", "umbrella", "shoe", "lamp",
    "ball",
)  # fmt: skip
PASSWORD_LENGTH = 3

# The avatars' names; a profile made at the kiosk is named after its picture and a number.
AVATAR_NAMES = {
    "cat": N_("Cat"), "bird": N_("Bird"), "fish": N_("Fish"), "horse": N_("Horse"),
    "cow": N_("Cow"), "sheep": N_("Sheep"), "tree": N_("Tree"), "flower": N_("Flower"),
    "sun": N_("Sun"), "moon": N_("Moon"), "star": N_("Star"), "boat": N_("Boat"),
}  # fmt: skip
DEFAULT_NAME = N_("{picture} {number}")


def default_name(avatar: str, number: int, lang: str) -> str:
    """The name of the `number`-th profile with `avatar`, written in `lang` («ماهی ۲», "Fish 2")."""
    picture = translate(AVATAR_NAMES[avatar], lang)
    text = translate(DEFAULT_NAME, lang).format(picture=picture, number=format_number(number, lang))
    # A plain str, not Authored: the kiosk made it, but it names a learner, and every learner's
    # name is private speech (never cached), whoever chose it.
    return text


def default_number(nickname: str, avatar: str) -> int | None:
    """The number of a default name such as «ماهی ۲» or "Fish 2" (in any language the kiosk
    speaks, any digits), or None for a name somebody chose."""
    if avatar not in AVATAR_NAMES:
        return None
    for code in LANGUAGES:
        picture = translate(AVATAR_NAMES[avatar], code)
        if picture and picture in nickname:
            rest = nickname.replace(picture, "", 1).strip()
            if rest.isdecimal() and len(rest) <= 6:
                return int(rest)
    return None


def display_name(nickname: str, avatar: str, lang: str) -> str:
    """What a learner is called in `lang`: a default name follows the interface language and
    its digits; a chosen name stays as it was written."""
    number = default_number(nickname, avatar)
    return default_name(avatar, number, lang) if number is not None else nickname
