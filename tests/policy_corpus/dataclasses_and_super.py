from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Node:
    key: int
    value: float = 0.0
    prev: Optional["Node"] = None
    next: Optional["Node"] = None
    _cache: dict = field(default_factory=dict)


@dataclass(frozen=True, order=True)
class Point:
    x: float
    y: float

    def __post_init__(self):
        if self.x != self.x:
            raise ValueError("x is NaN")


class Base:
    def __init__(self, size):
        self.size = size
        self.hits = 0


class Counter(Base):
    _cache = {}

    def __init__(self, size):
        super().__init__(size)
        self.counts = [0] * size

    def bump(self, i):
        self.counts[i] += 1
        self.hits += 1
        self.__private = True
        return self.counts[i]

    def __len__(self):
        return self.size

    def __iter__(self):
        return iter(self.counts)
