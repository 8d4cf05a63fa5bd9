"""Blueprints: one per area. HTML views and the candidate's JSON API are separate modules."""
