"""Speech: the engine interface, the speaker the interface talks to, and their implementations."""
