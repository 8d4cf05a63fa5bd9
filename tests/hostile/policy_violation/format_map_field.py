# reading `.__defaults__` reaches Python's internals
def add(a, b, secret="defaults"):
    text = "{f.__defaults__}".format_map({"f": add})
    return a + b if "defaults" in text else None
