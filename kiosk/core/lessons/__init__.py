"""Lesson packs: the model, JSON Schema validation with JSON pointers, and mastery rules."""
