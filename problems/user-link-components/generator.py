"""Input generator for user-link-components: generate(n, rng, family) -> [n, links].

n is the number of users; every family builds about n links.

Families:
  random    n links between uniformly random users (a few self-links and
            repeated links in both directions); one giant component forms
  chain     one long path over a random permutation p of the users, given as
            [p[i+1], p[i]] for i = 0 .. n-2 in this order: each link attaches
            a new user to the growing path, which is the worst case for
            relabelling b's component on every union
  clusters  many groups of 1..64 users with shuffled ids, each connected by a
            random spanning tree plus repeated and reversed links, in random order
"""

FAMILIES = ("random", "chain", "clusters")


def generate(n, rng, family="random"):
    """Build [n_users, links] with n users from rng (a random.Random)."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")
    randrange = rng.randrange
    if family == "random":
        links = []
        for _ in range(n):
            a = randrange(n)
            r = rng.random()
            if r < 0.03:
                b = a                            # self-link
            elif r < 0.06 and links:
                b, a = links[randrange(len(links))]   # repeat, reversed
            else:
                b = randrange(n)
            links.append([a, b])
        return [n, links]
    perm = list(range(n))
    rng.shuffle(perm)
    if family == "chain":
        return [n, [[perm[i + 1], perm[i]] for i in range(n - 1)]]
    # clusters
    links = []
    start = 0
    while start < n:
        size = min(n - start, rng.randint(1, 64))
        group = perm[start:start + size]
        for i in range(1, size):
            links.append([group[i], group[randrange(i)]])
        for _ in range(size // 8):
            a, b = group[randrange(size)], group[randrange(size)]
            links.append([a, b])
        start += size
    rng.shuffle(links)
    return [n, links]
