"""Reviewing submissions: similarity between submissions (more to come: dashboard, playback, scorecards)."""
