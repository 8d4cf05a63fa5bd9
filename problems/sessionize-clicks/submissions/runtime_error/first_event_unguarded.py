def sessionize(events, gap):
    """Bug: opens the first session from ordered[0] without checking for empty input (IndexError)."""
    if gap < 0:
        raise ValueError("gap must be >= 0")
    ordered = sorted((user, timestamp) for user, timestamp in events)
    user, timestamp = ordered[0]
    current = [user, timestamp, timestamp, 0]
    sessions = [current]
    for user, timestamp in ordered:
        if user == current[0] and timestamp - current[2] <= gap:
            current[2] = timestamp
            current[3] += 1
        else:
            current = [user, timestamp, timestamp, 1]
            sessions.append(current)
    sessions.sort(key=lambda s: (s[1], s[0]))
    return sessions
