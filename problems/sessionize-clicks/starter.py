def sessionize(events: list[list], gap: int) -> list[list]:
    """Split each user's click events into sessions.

    `events` holds [user, timestamp] pairs (str, int) in arbitrary order. A
    session is a maximal run of one user's events, in timestamp order, in
    which consecutive timestamps differ by at most `gap`; duplicate events
    all count. Return [user, start, end, count] for every session, sorted by
    (start, user).

    Raises ValueError if gap < 0.
    """
    raise NotImplementedError
