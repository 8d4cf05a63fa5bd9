def sessionize(events, gap):
    """Bug: assumes the events arrive in timestamp order and never sorts them."""
    if gap < 0:
        raise ValueError("gap must be >= 0")
    open_sessions = {}
    sessions = []
    for user, timestamp in events:
        current = open_sessions.get(user)
        if current is not None and timestamp - current[2] <= gap:
            current[2] = timestamp
            current[3] += 1
        else:
            current = [user, timestamp, timestamp, 1]
            open_sessions[user] = current
            sessions.append(current)
    sessions.sort(key=lambda s: (s[1], s[0]))
    return sessions
