from collections import defaultdict


def sessionize(events, gap):
    if gap < 0:
        raise ValueError("gap must be non-negative")
    by_user = defaultdict(list)
    for user, ts in events:
        by_user[user].append(ts)
    sessions = []
    for user, times in by_user.items():
        times.sort()
        start = end = times[0]
        count = 1
        for t in times[1:]:
            if t - end <= gap:
                end = t
                count += 1
            else:
                sessions.append([user, start, end, count])
                start = end = t
                count = 1
        sessions.append([user, start, end, count])
    sessions.sort(key=lambda s: (s[1], s[0]))
    return sessions
