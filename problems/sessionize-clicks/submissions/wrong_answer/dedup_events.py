def sessionize(events, gap):
    """Bug: collects the events in a set, so duplicate (user, timestamp) events are counted once."""
    if gap < 0:
        raise ValueError("gap must be >= 0")
    unique = sorted({(user, timestamp) for user, timestamp in events})
    sessions = []
    for user, timestamp in unique:
        last = sessions[-1] if sessions else None
        if last is not None and last[0] == user and timestamp - last[2] <= gap:
            last[2] = timestamp
            last[3] += 1
        else:
            sessions.append([user, timestamp, timestamp, 1])
    sessions.sort(key=lambda s: (s[1], s[0]))
    return sessions
