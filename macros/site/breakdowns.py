"""Which sum rule applies to which breakdown of the catalogue, in words for readers and editors.

Three kinds of breakdown are checked (macros/records/consistency.py):
- an "of which" breakdown (`parts`, the usual "trong đó" of Vietnamese reports): the parts may
  add up to less than the whole, the rest being other kinds; more than the whole is flagged;
- a complete breakdown (`parts` with `parts_complete: true`): the parts must equal the whole;
- a share set (`share_sets`): the percentages add up to 100 within the rounding of their places.
The statistics hub (/so-lieu/), each indicator's page and the editors' guide list them from
the catalogue, so the words cannot drift from the rules.
"""
from __future__ import annotations

from dataclasses import dataclass

from macros.records import formatting as fmt
from macros.records.model import Records
from macros.records.schema import Indicator

KINDS = {
    "of_which": "phần “trong đó”: các phần cộng lại có thể nhỏ hơn tổng (phần còn lại thuộc loại khác), "
                "không được lớn hơn tổng",
    "complete": "phân tổ đầy đủ: các phần cộng lại phải bằng đúng tổng",
    "shares": "bộ tỉ lệ: các tỉ lệ cộng lại bằng 100%, trong sai số làm tròn",
}


@dataclass(frozen=True)
class Breakdown:
    kind: str  # a key of KINDS
    whole: Indicator | None  # None for a share set
    parts: list[Indicator]
    label: str  # the whole's label, or the share set's
    tolerance: str | None = None  # a share set's rounding allowance, in percentage points

    @property
    def rule(self) -> str:
        return KINDS[self.kind]


def breakdowns(records: Records) -> list[Breakdown]:
    """Every breakdown of the catalogue, in its order: indicators with parts, then share sets."""
    indicators = records.indicators
    found = [Breakdown("complete" if ind.parts_complete else "of_which", ind,
                       [indicators[p] for p in ind.parts], ind.label)
             for ind in indicators.values() if ind.parts]
    for share_set in records.catalogue.share_sets:
        tolerance = 0.5 * 10 ** -share_set.decimals * len(share_set.parts)
        found.append(Breakdown("shares", None, [indicators[p] for p in share_set.parts], share_set.label,
                               fmt.number(tolerance, share_set.decimals + 1)))
    return found


def breakdowns_of(records: Records, indicator_id: str) -> list[Breakdown]:
    """The breakdowns an indicator is the whole or a part of."""
    return [b for b in breakdowns(records)
            if (b.whole is not None and b.whole.id == indicator_id) or any(p.id == indicator_id for p in b.parts)]
