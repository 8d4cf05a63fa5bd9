"""Verdicts, ordered from best to worst (DESIGN.md names them)."""

import enum


class Verdict(enum.IntEnum):
    """A test's or a submission's verdict; a larger value is a worse outcome.

    A submission's verdict is the worst of its tests' verdicts, so a solution
    that is right but too slow on one test is ``time_limit_exceeded``.
    """

    ACCEPTED = 0
    WRONG_ANSWER = 1
    RUNTIME_ERROR = 2
    TIME_LIMIT_EXCEEDED = 3
    MEMORY_LIMIT_EXCEEDED = 4
    OUTPUT_LIMIT_EXCEEDED = 5
    POLICY_VIOLATION = 6
    SYSTEM_ERROR = 7

    @property
    def label(self) -> str:
        """The contract's name for the verdict, e.g. ``wrong_answer``."""
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> "Verdict":
        try:
            return cls[label.upper()]
        except KeyError:
            raise ValueError(f"unknown verdict {label!r}") from None

    @classmethod
    def worst(cls, verdicts) -> "Verdict":
        """The worst of ``verdicts``; ``ACCEPTED`` for none."""
        return max(verdicts, default=cls.ACCEPTED)
