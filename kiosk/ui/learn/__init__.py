"""Learn: lesson map and player."""
