"""Reviewing submissions, without Flask.

The dashboard query, the per-test table, the complexity chart, integrity signals, playback,
similarity and its flags, scorecards and exports.
"""
