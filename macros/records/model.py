"""The checked records as domain objects: what pages are rendered from."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from macros.records.problems import Problem
from macros.records.schema import (Bloc, BlocTotals, Bulletin, Catalogue, Conference, Document, Indicator,
                     IndicatorGroup, Period, Province, Report)


@dataclass(frozen=True)
class Figure:
    """One published number: for a province, or for the bloc as a whole (province None)."""
    indicator: str
    period: str
    province: str | None
    value: int | float | bool | None
    status: str
    note: str | None
    source: str
    file: str
    line: int
    column: int

    @property
    def reported(self) -> bool:
        return self.status != "not_reported"


@dataclass
class Records:
    """Every record of the project, checked, with lookups by id."""
    root: Path
    bloc: Bloc
    catalogue: Catalogue
    provinces: dict[str, Province]
    periods: dict[str, Period]
    bulletins: dict[str, Bulletin]
    conferences: dict[int, Conference]
    documents: dict[str, Document]
    reports: list[Report]
    totals: dict[str, BlocTotals]
    figures: list[Figure] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    files: dict[tuple, str] = field(default_factory=dict)  # (kind, id) -> file under data/
    archive: object = None  # archive.Archive: registered snapshots and errata (set by load_project)

    @property
    def indicators(self) -> dict[str, Indicator]:
        return {ind.id: ind for group in self.catalogue.groups for ind in group.indicators}

    def group_of(self, indicator_id: str) -> IndicatorGroup:
        return next(g for g in self.catalogue.groups if any(i.id == indicator_id for i in g.indicators))

    def source_title(self, source_id: str) -> str:
        if source_id in self.bulletins:
            return self.bulletins[source_id].title
        return self.documents[source_id].title

    def end_of(self, province: Province) -> dt.date | None:
        """The day a province stopped existing (merged into another), if it did."""
        dates = [change.date for change in province.history if change.event == "merged_into"]
        return min(dates) if dates else None

    def successor(self, province: Province) -> Province:
        """The province that carries a former province today (itself if it still exists)."""
        seen = set()
        while province.history and province.id not in seen:
            seen.add(province.id)
            province = self.provinces[province.history[-1].into]
        return province
