"""`python -m macros synth`: a synthetic bloc of any size, for the benchmark and stress tests.

Writes a complete project copy (mkdocs.yml, macros/, overrides/, content/, the real indicator
catalogue) with made-up but valid records. Every record draws from its own random stream,
seeded by the seed and the record's id, so a record is the same whatever the size: bulletin
2000-04 of a 30-year bloc is byte for byte bulletin 2000-04 of a 60-year bloc. No clock is read.

Years always start in FIRST_YEAR; membership, mergers and conferences follow absolute years,
so growing `--years` only appends to the archive.
"""
from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from macros.records.formatting import slugify
from macros.records.loader import load_file

ROOT = Path(__file__).resolve().parent.parent
FIRST_YEAR = 1990  # Bulletin and Conference years must be >= 1990 (schema)
LAST_ALLOWED_YEAR = 2100  # ... and <= 2100
MAX_PROVINCES = 99  # Province.code is two digits ("01".."99"); codes stay unique
MAX_ISSUES = 99  # BulletinId is NNNN-SS: two digits for the issue number
CONFERENCE_EVERY = 2  # years between two conferences, as the real bloc does
COPIED = ("mkdocs.yml", "macros", "overrides", "content")

# Syllables of Vietnamese place names; two make a name ("Phú Giang").
FIRST_SYLLABLES = ["An", "Bắc", "Bình", "Cao", "Điện", "Đông", "Gia", "Hà", "Hải", "Hòa", "Hưng",
                   "Kim", "Lai", "Lạng", "Lào", "Long", "Mỹ", "Nam", "Ninh", "Phú", "Quảng", "Sơn",
                   "Tân", "Thái", "Thanh", "Tuyên", "Văn", "Vĩnh", "Xuân", "Yên"]
SECOND_SYLLABLES = ["Bái", "Bằng", "Biên", "Cai", "Châu", "Định", "Giang", "Hà", "Khê", "Lạc", "Lâm",
                    "Lộc", "Mai", "Nguyên", "Phong", "Phúc", "Quang", "Sơn", "Thành", "Thọ", "Thủy",
                    "Trung", "Xuyên", "Yên"]
ISSUERS = ["Thủ tướng Chính phủ", "Quốc hội", "Bộ Khoa học và Công nghệ", "Chính phủ"]
THEMES = ["Đổi mới sáng tạo gắn với phát triển kinh tế – xã hội vùng trung du, miền núi",
          "Ứng dụng tiến bộ khoa học và công nghệ vào sản xuất nông, lâm nghiệp",
          "Chuyển đổi số và phát triển thị trường khoa học và công nghệ",
          "Phát triển tài sản trí tuệ cho đặc sản địa phương",
          "Nâng cao năng lực tiêu chuẩn, đo lường, chất lượng cho doanh nghiệp"]
TOPICS = ["mô hình trồng dược liệu dưới tán rừng", "ứng dụng công nghệ sinh học trong nhân giống cây trồng",
          "bảo hộ chỉ dẫn địa lý cho sản phẩm đặc sản", "chuyển đổi số trong quản lý khoa học và công nghệ",
          "kiểm định phương tiện đo phục vụ thương mại", "an toàn bức xạ trong y tế",
          "hỗ trợ doanh nghiệp đổi mới công nghệ", "phát triển sản phẩm OCOP",
          "khởi nghiệp đổi mới sáng tạo trong thanh niên", "nhân rộng giống chè chất lượng cao"]
SENTENCES = ["Sở {dept} đã phối hợp với các viện, trường triển khai {topic}, bước đầu cho kết quả tích cực.",
             "Trong năm {year}, tỉnh {province} tập trung vào {topic} và tổ chức nhiều lớp tập huấn cho cán bộ cơ sở.",
             "Nhiều hộ dân và hợp tác xã đã tiếp nhận quy trình kỹ thuật mới, năng suất tăng rõ rệt so với trước.",
             "Các đại biểu đề nghị tăng cường trao đổi kinh nghiệm giữa các tỉnh thành viên và nhân rộng mô hình hiệu quả.",
             "Hạn chế còn lại là kinh phí đầu tư cho nghiên cứu còn thấp và việc chuyển giao kết quả còn chậm.",
             "Thời gian tới, tỉnh {province} ưu tiên {topic} và đa dạng hóa nguồn lực cho khoa học và công nghệ.",
             "Bài viết điểm lại kết quả {topic} tại tỉnh {province} và những kiến nghị của địa phương."]


@dataclass
class Province:
    slug: str
    name: str
    code: str
    join_year: int
    merge_year: int | None = None
    into: str | None = None

    def member_in(self, year: int) -> bool:
        """Reports a year's figures: joined, and not yet merged into another province."""
        return self.join_year <= year and (self.merge_year is None or year < self.merge_year)


@dataclass
class Bloc:
    """The shape of a synthetic bloc: who exists and when; records are written from it."""
    seed: int
    years: list[int]
    issues_per_year: int
    provinces: list[Province]
    documents: list[dict] = field(default_factory=list)

    def rng(self, *key) -> random.Random:
        # A string seed is hashed with SHA-512: the same stream on every run and machine.
        return random.Random("/".join(map(str, (self.seed,) + key)))

    def conference_years(self) -> list[int]:
        return [y for y in self.years if (y - FIRST_YEAR) % CONFERENCE_EVERY == 0]

    def conference_number(self, year: int) -> int:
        return (year - FIRST_YEAR) // CONFERENCE_EVERY + 1

    def members(self, year: int) -> list[Province]:
        return [p for p in self.provinces if p.member_in(year)]

    def figures_bulletin(self, year: int) -> str:
        """The issue that publishes a year's figures: the year's last."""
        return f"{year}-{self.issues_per_year:02d}"


# -- the shape --------------------------------------------------------------------------

def plan(seed: int, provinces: int, years: int, issues_per_year: int) -> Bloc:
    """Decide the provinces, their joining and merging years; raise ValueError on a size the schema cannot hold."""
    _check_size(provinces, years, issues_per_year)
    bloc = Bloc(seed, list(range(FIRST_YEAR, FIRST_YEAR + years)), issues_per_year, [])
    names = _province_names(bloc.rng("names"), provinces)
    codes = bloc.rng("codes").sample(range(1, MAX_PROVINCES + 1), provinces)
    founders = max(3, provinces // 4)
    for i, (name, code) in enumerate(zip(names, codes)):
        # Joining years are absolute (1990..2005), never derived from `years`.
        join = FIRST_YEAR if i < founders else bloc.rng("join", slugify(name)).randrange(FIRST_YEAR + 1, 2006)
        bloc.provinces.append(Province(slugify(name), name, f"{code:02d}", _conference_year(join)))
    _plan_mergers(bloc)
    bloc.documents = _documents(bloc)
    return bloc


def _check_size(provinces: int, years: int, issues_per_year: int) -> None:
    if not 3 <= provinces <= MAX_PROVINCES:
        raise ValueError(f"--provinces must be 3..{MAX_PROVINCES}: Province.code is two digits "
                         f"(\"^[0-9]{{2}}$\") and each province keeps a code of its own")
    if not 1 <= years <= LAST_ALLOWED_YEAR - FIRST_YEAR + 1:
        raise ValueError(f"--years must be 1..{LAST_ALLOWED_YEAR - FIRST_YEAR + 1}: years run from "
                         f"{FIRST_YEAR} and the schema accepts bulletin years up to {LAST_ALLOWED_YEAR}")
    if not 1 <= issues_per_year <= MAX_ISSUES:
        raise ValueError(f"--issues-per-year must be 1..{MAX_ISSUES}: bulletin ids are NNNN-SS")


def _conference_year(year: int) -> int:
    """Provinces join at a conference: the first one held in or after `year`."""
    return year + (-(year - FIRST_YEAR)) % CONFERENCE_EVERY


def _province_names(rng: random.Random, count: int) -> list[str]:
    pairs = [f"{a} {b}" for a in FIRST_SYLLABLES for b in SECOND_SYLLABLES if a != b]
    rng.shuffle(pairs)
    names, slugs = [], set()
    for name in pairs:  # two names can share a slug once tones are stripped
        if slugify(name) not in slugs:
            names.append(name)
            slugs.add(slugify(name))
        if len(names) == count:
            return names
    raise ValueError(f"only {len(names)} distinct province names")  # never: 690 pairs


def _plan_mergers(bloc: Bloc) -> None:
    """About one province in six merges into a founder between 2005 and 2019, mid-year."""
    founders = [p for p in bloc.provinces if p.join_year == FIRST_YEAR]
    for province in bloc.provinces:
        rng = bloc.rng("merge", province.slug)
        if province.join_year == FIRST_YEAR or rng.random() >= 1 / 6:
            continue
        province.merge_year = max(province.join_year + 2, rng.randrange(2005, 2020))
        province.into = rng.choice(founders).slug


def _documents(bloc: Bloc) -> list[dict]:
    docs = [{"id": "qd-124-2004-qd-ttg", "title": "Quyết định ban hành Bảng danh mục và mã số các đơn vị "
             "hành chính Việt Nam", "issuer": "Thủ tướng Chính phủ", "date": dt.date(2004, 7, 8),
             "number": "124/2004/QĐ-TTg"}]
    for year in sorted({p.merge_year for p in bloc.provinces if p.merge_year}):
        docs.append({"id": f"nq-{year % 100 + 100}-{year}-qh", "title": f"Nghị quyết về sắp xếp đơn vị "
                     f"hành chính cấp tỉnh năm {year}", "issuer": "Quốc hội", "date": dt.date(year, 6, 12),
                     "number": f"{year % 100 + 100}/{year}/QH"})
    for year in bloc.years[::5]:
        rng = bloc.rng("document", year)
        number = rng.randrange(100, 3000)
        docs.append({"id": f"qd-{number}-{year}-qd", "title": f"Quyết định phê duyệt chương trình phát triển "
                     f"khoa học và công nghệ giai đoạn {year}–{year + 4}", "issuer": rng.choice(ISSUERS),
                     "date": dt.date(year, rng.randrange(1, 13), rng.randrange(1, 29)),
                     "number": f"{number}/QĐ-{year}"})
    return docs


# -- records --------------------------------------------------------------------------

def bloc_record(bloc: Bloc) -> dict:
    return {
        "name": "Khối hợp tác phát triển khoa học và công nghệ các tỉnh trung du, miền núi phía Bắc",
        "short_name": "Khối hợp tác KH&CN trung du, miền núi phía Bắc",
        "description": "Khối là diễn đàn hợp tác của các Sở Khoa học và Công nghệ (dữ liệu tổng hợp "
                       f"để thử tải: {len(bloc.provinces)} tỉnh, {len(bloc.years)} năm).\n",
        "licence": "Dữ liệu tổng hợp, chỉ dùng để đo hiệu năng.",
        "sources": [f"{FIRST_YEAR}-01"],
    }


def province_record(bloc: Bloc, province: Province) -> dict:
    record = {"id": province.slug, "name": province.name,
              "department": f"Sở Khoa học và Công nghệ tỉnh {province.name}",
              "code": province.code, "code_source": "qd-124-2004-qd-ttg",
              "website": f"https://{province.slug.replace('-', '')}.gov.vn"}
    if province.merge_year:
        into = next(p for p in bloc.provinces if p.slug == province.into)
        record["history"] = [{"event": "merged_into", "date": dt.date(province.merge_year, 7, 1),
                              "into": into.slug, "source": f"nq-{province.merge_year % 100 + 100}-"
                              f"{province.merge_year}-qh", "note": f"Hợp nhất vào tỉnh {into.name}."}]
    if province.join_year <= bloc.years[-1]:
        number = bloc.conference_number(province.join_year)
        record["membership"] = [{"since": _conference_date(bloc, province.join_year), "conference": number,
                                 "source": bloc.figures_bulletin(province.join_year)}]
    return record


def _conference_date(bloc: Bloc, year: int) -> dt.date:
    return dt.date(year, 11, bloc.rng("conference-day", year).randrange(1, 29))


def period_record(year: int) -> dict:
    return {"id": str(year), "label": f"Năm {year}", "start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)}


def report_figures(bloc: Bloc, catalogue, province: Province, year: int) -> dict:
    """One province's figures for one year: sizes stable per province, parts adding up."""
    rng = bloc.rng("report", province.slug, year)
    scale = bloc.rng("scale", province.slug).uniform(0.3, 3.0) * (1 + 0.03 * (year - FIRST_YEAR))
    figures = {}
    for group in catalogue.groups:
        skipped = rng.random() < 0.08  # a whole group missing from the report
        for indicator in group.indicators:
            if indicator.value_type == "percent":
                continue  # shares are drawn together below
            if skipped or rng.random() < 0.04:
                figures[indicator.id] = {"status": "not_reported"}
            else:
                figures[indicator.id] = _value(rng, indicator, scale)
    _add_parts(catalogue, figures)
    _add_shares(rng, catalogue, figures)
    return _statuses(rng, catalogue, figures, year == bloc.years[-1])


def _value(rng: random.Random, indicator, scale: float):
    if indicator.value_type == "boolean":
        return rng.random() < 0.6
    base = 10 ** rng.uniform(0.5, 3.5) * scale
    if indicator.value_type == "decimal":
        return round(base, 1)
    return int(base)


def _add_parts(catalogue, figures: dict) -> None:
    """A whole (all projects) is the sum of its parts, reported or missing together."""
    for group in catalogue.groups:
        for indicator in group.indicators:
            if not indicator.parts or indicator.id not in figures:
                continue
            parts = [figures.get(part) for part in indicator.parts]
            if any(isinstance(v, dict) for v in parts + [figures[indicator.id]]):
                for key in [indicator.id, *indicator.parts]:
                    figures[key] = {"status": "not_reported"}
            else:
                figures[indicator.id] = sum(parts)


def _add_shares(rng: random.Random, catalogue, figures: dict) -> None:
    for share_set in catalogue.share_sets:
        cuts = sorted(rng.uniform(0, 100) for _ in share_set.parts[:-1])
        bounds = [0.0, *cuts, 100.0]
        values = [round(b - a, share_set.decimals) for a, b in zip(bounds, bounds[1:])]
        values[-1] = round(100 - sum(values[:-1]), share_set.decimals)
        for part, value in zip(share_set.parts, values):
            figures[part] = value


def _statuses(rng: random.Random, catalogue, figures: dict, latest: bool) -> dict:
    """A few figures carry a status: provisional in the latest year, now and then a lower bound."""
    ordered = {}
    parts = {p for g in catalogue.groups for i in g.indicators for p in [i.id, *i.parts] if i.parts}
    for group in catalogue.groups:
        for indicator in group.indicators:
            value = figures.get(indicator.id)
            if value is None:
                continue
            plain = not isinstance(value, (dict, bool)) and indicator.id not in parts \
                and indicator.value_type != "percent"
            if plain and latest and rng.random() < 0.1:
                value = {"value": value, "status": "provisional"}
            elif plain and indicator.value_type == "decimal" and rng.random() < 0.03:
                value = {"value": value, "status": "lower_bound",
                         "note": f"Nguồn ghi \"trên {value}\"."}
            ordered[indicator.id] = value
    return ordered


def totals_record(bloc: Bloc, catalogue, year: int, reports: dict) -> dict:
    """The bloc's published totals: the sum of the provinces, now and then published differently."""
    rng = bloc.rng("totals", year)
    figures = {}
    for group in catalogue.groups:
        for indicator in group.indicators:
            values = [_plain(r.get(indicator.id)) for r in reports.values()]
            values = [v for v in values if v is not None]
            if indicator.summed and values:
                figures[indicator.id] = sum(int(v) if isinstance(v, bool) else v for v in values)
                if isinstance(figures[indicator.id], float):
                    figures[indicator.id] = round(figures[indicator.id], 1)
    _add_shares(rng, catalogue, figures)
    # Published totals are kept even when they disagree: about one year in ten has one.
    if rng.random() < 0.1:
        key = rng.choice([k for k, v in figures.items() if isinstance(v, int) and v > 10])
        figures[key] += 1
    return {"period": str(year), "source": bloc.figures_bulletin(year),
            "scope": sorted(reports), "figures": figures}


def _plain(value):
    if isinstance(value, dict):
        return value.get("value")
    return value


def conference_record(bloc: Bloc, year: int) -> dict:
    rng = bloc.rng("conference", year)
    number = bloc.conference_number(year)
    members = bloc.members(year)
    admitted = sorted(p.slug for p in bloc.provinces if p.join_year == year)
    before = [p for p in members if p.join_year < year] or members
    host = rng.choice(before)
    return {
        "number": number, "year": year, "date": _conference_date(bloc, year), "host": host.slug,
        "theme": rng.choice(THEMES),
        "summary": f"Hội nghị lần thứ {number} do Sở KH&CN {host.name} đăng cai, tổng kết hoạt động "
                   "hợp tác và thống nhất hướng hợp tác thời gian tới.\n",
        "presenting": sorted(p.slug for p in rng.sample(before, min(len(before), rng.randint(3, 6)))),
        "admitted": admitted,
        "members_after": sum(1 for p in bloc.provinces if p.join_year <= year),
        "periods": [str(y) for y in (year - 1, year) if y in bloc.years],
        "source": bloc.figures_bulletin(year),
    }


def bulletin_record(bloc: Bloc, year: int, number: int) -> dict:
    rng = bloc.rng("bulletin", year, number)
    day = int((number - 0.5) * 365 / bloc.issues_per_year)
    date = dt.date(year, 1, 1) + dt.timedelta(days=min(day, 364))
    members = bloc.members(year) or bloc.provinces
    publisher = rng.choice(members)
    record = {
        "id": f"{year}-{number:02d}", "number": number, "year": year, "date": date,
        "title": f"Bản tin KH&CN số {number} năm {year}",
        "publisher": f"Sở Khoa học và Công nghệ tỉnh {publisher.name}",
        "articles": [_article(bloc, rng, members, date) for _ in range(rng.randint(2, 4))],
    }
    if number == bloc.issues_per_year:  # the year's last issue carries its figures
        record["periods"] = [str(year)]
        if year in bloc.conference_years():
            record["conferences"] = [bloc.conference_number(year)]
    return record


def _article(bloc: Bloc, rng: random.Random, members: list[Province], date: dt.date) -> dict:
    province = rng.choice(members)
    topic = rng.choice(TOPICS)
    paragraphs = []
    for _ in range(rng.randint(2, 3)):
        sentences = rng.sample(SENTENCES, 3)
        paragraphs.append(" ".join(s.format(dept=f"KH&CN {province.name}", topic=rng.choice(TOPICS),
                                            year=date.year, province=province.name) for s in sentences))
    docs = [d["id"] for d in bloc.documents if d["date"] <= date]
    article = {"title": f"Tỉnh {province.name}: {topic}", "summary": "\n\n".join(paragraphs) + "\n",
               "published": date, "accessed": date + dt.timedelta(days=rng.randint(1, 60)),
               "publisher": f"Cổng thông tin điện tử Sở KH&CN tỉnh {province.name}"}
    if docs and rng.random() < 0.3:
        article["related_documents"] = [rng.choice(docs)]
    return article


# -- writing -----------------------------------------------------------------------------

class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Block style, no anchors (the strict loader refuses them), multi-line text as `|`."""

    def ignore_aliases(self, data):
        return True


def _str(dumper, value: str):
    # "08" or "1990-08" would be plain for YAML 1.1 but look like numbers to a reader
    # (and to the strict loader): quote anything that starts with a digit.
    style = "|" if "\n" in value else '"' if value[:1].isdigit() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def copy_project(source: Path, out: Path) -> None:
    """The code and hand-written pages of the real project, and its indicator catalogue."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPIED:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, out / name, ignore=ignore)
        else:
            shutil.copy2(src, out / name)
    (out / "data").mkdir()
    shutil.copy2(source / "data" / "indicators.yml", out / "data" / "indicators.yml")


def write_project(out: Path, provinces: int, years: int, issues_per_year: int, seed: int = 0,
                  source: Path = ROOT) -> dict:
    """Write a synthetic project into `out` (absent or empty); returns the count of each record kind."""
    bloc = plan(seed, provinces, years, issues_per_year)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    out.mkdir(parents=True, exist_ok=True)
    copy_project(source, out)
    loaded, problems = load_file(out / "data" / "indicators.yml", "data/indicators.yml", "catalogue")
    if loaded is None:
        raise ValueError("the indicator catalogue cannot be read: "
                         + "; ".join(p.format_text() for p in problems[:3]))
    return _write_records(out / "data", bloc, loaded.record)


def _write_records(data: Path, bloc: Bloc, catalogue) -> dict:
    counts = dict.fromkeys(["province", "period", "report", "totals", "bulletin", "conference", "document"], 0)
    dump(data / "bloc.yml", bloc_record(bloc))
    for province in bloc.provinces:
        dump(data / "provinces" / f"{province.slug}.yml", province_record(bloc, province))
    for document in bloc.documents:
        dump(data / "documents" / f"{document['id']}.yml", document)
    for year in bloc.years:
        dump(data / "periods" / f"{year}.yml", period_record(year))
        reports = {p.slug: report_figures(bloc, catalogue, p, year) for p in bloc.members(year)}
        for slug, figures in reports.items():
            dump(data / "reports" / slug / f"{year}.yml", {"province": slug, "period": str(year),
                 "source": bloc.figures_bulletin(year), "figures": figures})
        if reports:
            dump(data / "totals" / f"{year}.yml", totals_record(bloc, catalogue, year, reports))
            counts["totals"] += 1
        for number in range(1, bloc.issues_per_year + 1):
            dump(data / "bulletins" / f"{year}-{number:02d}.yml", bulletin_record(bloc, year, number))
        counts["report"] += len(reports)
    for year in bloc.conference_years():
        dump(data / "conferences" / f"{bloc.conference_number(year)}.yml", conference_record(bloc, year))
    counts.update(province=len(bloc.provinces), period=len(bloc.years), document=len(bloc.documents),
                  bulletin=len(bloc.years) * bloc.issues_per_year, conference=len(bloc.conference_years()))
    return counts


# -- command line --------------------------------------------------------------------------

def add_subparser(sub) -> None:
    """`synth` on the `python -m macros` command line."""
    parser = sub.add_parser("synth", help="sinh một Khối tổng hợp (dữ liệu giả) để đo hiệu năng")
    parser.add_argument("--out", type=Path, required=True, help="thư mục đích (chưa có hoặc rỗng)")
    parser.add_argument("--provinces", type=int, required=True, help=f"số tỉnh (3..{MAX_PROVINCES})")
    parser.add_argument("--years", type=int, required=True, help=f"số năm, từ {FIRST_YEAR}")
    parser.add_argument("--issues-per-year", type=int, required=True, help="số bản tin mỗi năm")
    parser.add_argument("--seed", type=int, default=0)


def run(args) -> int:
    try:
        counts = write_project(args.out.resolve(), args.provinces, args.years, args.issues_per_year, args.seed)
    except (ValueError, FileExistsError) as exc:
        print(f"synth: {exc}")
        return 2
    print(f"{args.out}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    return 0
