"""The pictures learners choose from: 12 avatars, and 12 pictures for a 3-picture password."""

from __future__ import annotations

# Pictograms in assets/pictograms/, named avatar_<name>.svg and picture_<name>.svg.
AVATARS = (
    "cat", "bird", "fish", "horse", "cow", "sheep", "tree", "flower", "sun", "moon", "star", "boat",
)  # fmt: skip
PICTURES = (
    "apple", "key", "cup", "house", "car", "bread", "book", "clock", "umbrella", "shoe", "lamp",
    "ball",
)  # fmt: skip
PASSWORD_LENGTH = 3
