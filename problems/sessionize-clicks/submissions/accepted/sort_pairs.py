def sessionize(events: list[list], gap: int) -> list[list]:
    """Sorts all (user, timestamp) pairs once, sweeps them, then sorts the sessions."""
    if gap < 0:
        raise ValueError("gap must be non-negative")
    ordered = sorted((user, timestamp) for user, timestamp in events)
    sessions = []
    current = None   # [user, start, end, count] of the open session
    for user, timestamp in ordered:
        if current is not None and current[0] == user and timestamp - current[2] <= gap:
            current[2] = timestamp
            current[3] += 1
        else:
            if current is not None:
                sessions.append(current)
            current = [user, timestamp, timestamp, 1]
    if current is not None:
        sessions.append(current)
    sessions.sort(key=lambda s: (s[1], s[0]))
    return sessions
