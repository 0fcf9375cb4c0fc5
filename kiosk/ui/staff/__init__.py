"""Staff: sign-in, classes, settings."""
