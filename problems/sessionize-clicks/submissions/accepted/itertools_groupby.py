from itertools import groupby
from operator import itemgetter


def sessionize(events: list[list], gap: int) -> list[list]:
    if gap < 0:
        raise ValueError("gap must be >= 0")
    sessions = []
    for user, group in groupby(sorted(events, key=itemgetter(0, 1)), key=itemgetter(0)):
        stamps = [ts for _, ts in group]
        begin = 0
        for i in range(1, len(stamps) + 1):
            if i == len(stamps) or stamps[i] - stamps[i - 1] > gap:
                sessions.append([user, stamps[begin], stamps[i - 1], i - begin])
                begin = i
    return sorted(sessions, key=itemgetter(1, 0))
