"""Policy verdicts that a change turns up or clears, judged by this checkout's policy pack."""

from collections import Counter
from dataclasses import dataclass, field

from policies.offline import Violation, evaluate


@dataclass
class VerdictDiff:
    """Violations found only after the change (mandatory first, then advisory) and violations
    the change resolves. A violation is the same on both sides when its policy, resource and
    message are."""

    new: list[Violation] = field(default_factory=list)
    resolved: list[Violation] = field(default_factory=list)

    @property
    def new_mandatory(self) -> list[Violation]:
        return [v for v in self.new if v.enforcement == "mandatory"]

    @property
    def new_advisory(self) -> list[Violation]:
        return [v for v in self.new if v.enforcement != "mandatory"]

    @property
    def empty(self) -> bool:
        return not (self.new or self.resolved)


def compare(before: dict | None, after: dict | None) -> VerdictDiff:
    """The verdicts that differ between two plans of one stack (a missing plan has none)."""
    old = Counter(evaluate(before) if before else [])
    new = Counter(evaluate(after) if after else [])
    return VerdictDiff(new=_ordered(new - old), resolved=_ordered(old - new))


def _ordered(found: Counter) -> list[Violation]:
    return sorted(found.elements(), key=lambda v: (v.enforcement != "mandatory", v.policy,
                                                   v.urn or "", v.message))
