"""Which actor contains which: the one rule for regions, groups and their members.

Built from the memberships table. A group contains its members, and their members in turn. Two
figures' scopes overlap when their recipients differ and one contains the other, or when the
source leaves it open (basis "unknown"); overlapping figures are never added together.

The rule for a region and its members (the same for money, events and counts): a fact about the
region as a whole (recorded with the region's code, or naming every one of its members) is shown
apart and never counted for any single member.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

CONTAINS = ("definition", "source")  # bases on which a group certainly contains a member
UNKNOWN = "unknown"  # the source leaves it open: treated as overlapping, never added


@dataclass(frozen=True)
class Scopes:
    """The memberships of one data version: group code -> {member code: basis}, direct members."""

    direct: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @classmethod
    def from_table(cls, memberships: pd.DataFrame) -> Scopes:
        direct: dict[str, dict[str, str]] = {}
        for group, member, basis in zip(
            memberships["group_code"].astype(str),
            memberships["member_code"].astype(str),
            memberships["basis"].astype(str),
            strict=True,
        ):
            direct.setdefault(group, {})[member] = basis
        return cls(direct)

    def members(self, group: str) -> dict[str, str]:
        """Every actor `group` contains, directly or through a member group, with the weakest basis
        on the way ("unknown" if any step is unknown)."""
        found: dict[str, str] = {}
        stack = [(group, "definition")]
        while stack:
            current, basis = stack.pop()
            for member, step in self.direct.get(current, {}).items():
                weakest = UNKNOWN if UNKNOWN in (basis, step) else step
                if member not in found or (found[member] == UNKNOWN and weakest != UNKNOWN):
                    found[member] = weakest
                    stack.append((member, weakest))
        return found

    def relation(self, first: str, second: str) -> str | None:
        """How two different recipients' scopes relate: "contains" / "unknown" when they may
        overlap (either way round), None when they are disjoint."""
        if first == second:
            return None
        mine, theirs = self.members(first), self.members(second)
        bases = [mine.get(second), theirs.get(first)]
        # Two groups that share a member overlap too (neither need contain the other).
        shared = [UNKNOWN if UNKNOWN in (mine[m], theirs[m]) else "contains" for m in mine.keys() & theirs.keys()]
        if any(b in CONTAINS for b in bases) or "contains" in shared:
            return "contains"
        return UNKNOWN if UNKNOWN in bases or shared else None

    def overlapping(self, codes: Iterable[str]) -> list[tuple[str, str, str]]:
        """Pairs of the distinct `codes` whose scopes may overlap: (one, other, relation)."""
        distinct = sorted(set(codes))
        pairs = []
        for i, first in enumerate(distinct):
            for second in distinct[i + 1 :]:
                relation = self.relation(first, second)
                if relation:
                    # (outer, inner): the one that holds the other first; two groups sharing a member
                    # keep their order (the reason sentence then says the first may include the other's).
                    outer, inner = (second, first) if first in self.members(second) else (first, second)
                    pairs.append((outer, inner, relation))
        return pairs

    def groups_of(self, member: str) -> dict[str, str]:
        """The groups that contain `member`, with the basis (for 'regional figures that include it')."""
        return {group: basis for group in self.direct if (basis := self.members(group).get(member)) is not None}

    def whole_groups(self, codes: Iterable[str]) -> set[str]:
        """The groups that `codes` name as a whole: by their own code, or by naming all their
        members (the five states named one by one are Central Asia). A group with one listed member
        is not named through it: naming Afghanistan is not naming every developing country of South
        and Southeast Asia and Africa, whose list here holds only the member a figure may include."""
        named = set(codes)
        wholes = set()
        for group in self.direct:
            members = set(self.members(group))
            if group in named or (len(members) > 1 and members <= named):
                wholes.add(group)
        return wholes

    def cycles(self) -> list[tuple[str, str]]:
        """(group, member) rows through which a group ends up containing itself."""
        return [(group, member) for group, members in self.direct.items() for member in members
                if group == member or group in self.members(member)]  # fmt: skip
