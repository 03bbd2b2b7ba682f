"""The shape of each kind of record file. Schema only: cross-record rules live in checks.py.

Field descriptions are in Vietnamese: they become the hover text in editors' tools
(through the JSON Schemas in schemas/) and the field table of the editors' guide.
"""
from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

from macros.records import ids

# The id types: their patterns and descriptions come from the registry in ids.py.
Slug = ids.SLUG.annotated()
PeriodId = ids.PERIOD.annotated()
BulletinId = ids.BULLETIN.annotated()
SourceId = ids.SOURCE.annotated()
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]
Url = ids.URL.annotated()
AdminCode = ids.ADMIN_CODE.annotated()


class Record(BaseModel):
    """Strict: no type coercion and no unknown keys."""
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


FigureStatus = Literal["exact", "lower_bound", "provisional", "revised", "not_reported"]
FIGURE_STATUSES = typing.get_args(FigureStatus)


STATUS_DESCRIPTIONS = {
    "exact": "số chính xác như đã công bố (mặc định)",
    "lower_bound": "số tối thiểu: nguồn ghi \"trên\" số này, ví dụ \"trên 2.000 triệu đồng\"",
    "provisional": "số sơ bộ, có thể còn thay đổi",
    "revised": "số đã được điều chỉnh so với lần công bố trước",
    "not_reported": "không báo cáo: nguồn không có số này (khác với số 0)",
}


class FigureDetail(Record):
    value: Union[int, float, bool, None] = Field(
        None, description="Giá trị; bỏ trống khi trạng thái là not_reported")
    status: FigureStatus = Field("exact", description="Trạng thái của số liệu: "
        + "; ".join(f"{k}: {v}" for k, v in STATUS_DESCRIPTIONS.items()))
    note: Text | None = Field(None, description="Ghi chú ngắn về số liệu")
    source: SourceId | None = Field(None, description="Nguồn riêng của số này, nếu khác nguồn chung")


# A figure is a bare number (or true/false) or a mapping with its status; the catalogue
# decides which type each indicator takes, so checks.py reads these values itself.
FigureValue = Annotated[Any, WithJsonSchema({
    "description": "Một số (không dùng dấu phân cách hàng nghìn), true/false, "
                   "hoặc một bảng {value, status, note, source}",
    # FigureDetail inlined: a $ref would point at a definition pydantic never emits (the
    # field's type is Any), and generating the schema failed with KeyError.
    "anyOf": [{"type": "integer"}, {"type": "number"}, {"type": "boolean"},
              FigureDetail.model_json_schema()]})]


ConferenceKind = Literal["hoi-nghi", "hoi-thao"]
# How each kind is named on the site, as the sources name it.
CONFERENCE_KINDS = {"hoi-nghi": "Hội nghị", "hoi-thao": "Hội thảo"}


class Conference(Record):
    """A meeting of the bloc, numbered as the sources number it (lần thứ V, lần thứ XI).

    Every field but the number, the year and the source may be unknown: a source tells what
    it tells, and the site shows "không rõ" for the rest. New fields are optional with a
    default, so a conference published in an archived issue keeps what it published."""
    number: int = Field(description="Số thứ tự hội nghị của Khối, ví dụ 11 (lần thứ XI)", ge=1)
    kind: ConferenceKind = Field("hoi-nghi", description="Loại, như nguồn gọi: hoi-nghi (hội nghị, mặc định) "
                                 "hoặc hoi-thao (hội thảo)")
    name: Text | None = Field(None, description="Tên gọi của hội nghị như nguồn ghi, nếu nguồn ghi "
                              "(ví dụ trong tiêu đề bài)")
    year: int = Field(description="Năm tổ chức", ge=1990, le=2100)
    month: int | None = Field(None, ge=1, le=12, description="Tháng tổ chức, khi nguồn ghi tháng mà không ghi ngày")
    date: dt.date | None = Field(None, description="Ngày tổ chức, nếu nguồn ghi")
    date_note: Text | None = Field(None, description="Căn cứ của ngày tháng khi nguồn ghi không trọn, "
                                   "ví dụ năm lấy từ tiêu đề bài")
    place: Text | None = Field(None, description="Nơi tổ chức như nguồn ghi (thành phố, tỉnh); "
                               "bỏ trống nếu nguồn không ghi")
    # No `None` in the type: an empty `host:` is an unfinished record, not an unknown host.
    host: Slug = Field(None, description="Mã tỉnh đăng cai; bỏ hẳn dòng này nếu nguồn không nói rõ")
    host_note: Text | None = Field(None, description="Điều nguồn cho biết về việc đăng cai khi không nói rõ "
                                   "tỉnh nào đăng cai")
    theme: Text = Field(None, description="Chủ đề hội nghị; bỏ hẳn dòng này nếu nguồn không ghi")
    summary: Text | None = Field(None, description="Tóm tắt (Markdown) do ban biên tập viết")
    members_count: int | None = Field(None, ge=0, description="Số tỉnh thành viên của Khối tại hội nghị "
                                      "(trước khi kết nạp thêm), như nguồn ghi")
    presenting: list[Slug] = Field([], description="Các tỉnh có tham luận")
    admitted: list[Slug] = Field([], description="Các tỉnh được kết nạp tại hội nghị")
    members_after: int | None = Field(None, ge=0, description="Tổng số thành viên sau hội nghị, như nguồn công bố")
    guests: list[Text] = Field([], description="Khách mời, không phải thành viên: mã tỉnh khi tỉnh có bản ghi "
                               "trong data/provinces/, nếu không thì tên tỉnh như nguồn ghi")
    guests_incomplete: bool = Field(False, description="true khi nguồn liệt kê khách mời chưa hết "
                                    "(danh sách kết thúc bằng \"…\")")
    decisions: list[Text] = Field([], description="Những điều hội nghị quyết định hoặc ký kết, "
                                  "tóm tắt theo nguồn (mỗi mục một điều)")
    periods: list[PeriodId] = Field([], description="Các kỳ báo cáo được tổng kết")
    source: SourceId = Field(description="Nguồn")


class Bloc(Record):
    name: Text = Field(description="Tên đầy đủ của Khối")
    short_name: Text = Field(description="Tên ngắn dùng trên trang web")
    other_names: list[Text] = Field([], description="Các tên khác đã dùng trong nguồn")
    description: Text = Field(description="Giới thiệu Khối (Markdown), do ban biên tập viết")
    licence: Text = Field(description="Giấy phép nội dung của trang")
    sources: list[SourceId] = Field(description="Nguồn")


class AdminChange(Record):
    event: Literal["merged_into"] = Field(description="Loại thay đổi: merged_into (sáp nhập vào tỉnh khác)")
    date: dt.date = Field(description="Ngày có hiệu lực")
    into: Slug = Field(description="Mã tỉnh tiếp nhận (tỉnh sau sáp nhập)")
    source: SourceId = Field(description="Nguồn: văn bản hoặc bài báo")
    note: Text | None = Field(None, description="Ghi chú")


class Membership(Record):
    """One thing a source says about a province's membership: admitted (on a date, at a
    meeting), a member during a period, a member on a date, listed among the members at a
    meeting, or no longer a member from a date. One entry, one source."""
    # Optional, but never empty: `since:` with no value is an unfinished entry.
    since: dt.date | Literal["unknown"] = Field(
        None, description="Ngày gia nhập Khối (NNNN-TT-NN), hoặc unknown nếu nguồn nói tỉnh gia nhập "
                          "mà không ghi ngày")
    conference: int | None = Field(None, ge=1, description="Số hội nghị đã kết nạp tỉnh, nếu có")
    known_member_in: PeriodId | None = Field(
        None, description="Kỳ báo cáo mà nguồn cho thấy tỉnh là thành viên")
    listed_at: int | None = Field(None, ge=1, description="Số hội nghị mà nguồn liệt kê tỉnh trong các "
                                  "thành viên của Khối (khách mời không phải thành viên)")
    member_on: dt.date | None = Field(None, description="Ngày mà nguồn cho thấy tỉnh là thành viên")
    until: dt.date | None = Field(None, description="Ngày thôi là thành viên, nếu nguồn ghi")
    source: SourceId = Field(description="Nguồn")
    note: Text | None = Field(None, description="Ghi chú")


class Province(Record):
    id: Slug
    name: Text = Field(description="Tên tỉnh, ví dụ Lào Cai")
    department: Text = Field(description="Tên chính thức của Sở Khoa học và Công nghệ")
    code: AdminCode = Field(
        description="Mã đơn vị hành chính (2 chữ số, đặt trong ngoặc kép, ví dụ \"02\")")
    code_source: SourceId = Field(description="Văn bản quy định mã đơn vị hành chính")
    website: Url | None = Field(None, description="Cổng thông tin điện tử của tỉnh")
    established: dt.date | None = Field(None, description="Ngày thành lập, nếu tỉnh mới được lập")
    history: list[AdminChange] = Field([], description="Lịch sử thay đổi địa giới hành chính")
    membership: list[Membership] = Field([], description="Quá trình tham gia Khối")


class Period(Record):
    id: PeriodId
    label: Text = Field(description="Tên kỳ, ví dụ Giai đoạn 2022–2023")
    start: dt.date = Field(description="Ngày bắt đầu")
    end: dt.date = Field(description="Ngày kết thúc")


ValueType = Literal["integer", "decimal", "percent", "boolean"]


class Indicator(Record):
    id: Slug
    label: Text = Field(description="Tên chỉ số bằng tiếng Việt")
    unit: Text = Field(description="Đơn vị, ví dụ phương tiện đo, triệu đồng, %")
    value_type: ValueType = Field(description="Kiểu giá trị: integer (số nguyên), decimal (số thập phân), "
                                  "percent (tỉ lệ %), boolean (có/không: true/false)")
    summed: bool = Field(description="Cộng các tỉnh thành tổng của Khối (với boolean: đếm số tỉnh true)")
    total_unit: Text | None = Field(None, description="Đơn vị của tổng Khối nếu khác đơn vị tỉnh (ví dụ tỉnh)")
    description: Text = Field(description="Định nghĩa chỉ số")
    parts: list[Slug] = Field([], description="Các chỉ số con \"trong đó\": mỗi chỉ số con là một phần của "
                              "chỉ số này; cộng lại không được vượt chỉ số này, có thể ít hơn (phần còn lại "
                              "thuộc loại khác)")
    parts_complete: bool = Field(False, description="true khi các chỉ số con chia hết chỉ số này: cộng lại "
                                 "phải bằng đúng chỉ số này")


class IndicatorGroup(Record):
    id: Slug
    label: Text = Field(description="Tên nhóm chỉ số")
    indicators: list[Indicator] = Field(description="Các chỉ số trong nhóm, theo thứ tự hiển thị")


class ShareSet(Record):
    id: Slug
    label: Text = Field(description="Tên bộ tỉ lệ")
    parts: list[Slug] = Field(description="Các chỉ số tỉ lệ (%) cộng lại bằng 100%")
    decimals: int = Field(1, ge=0, le=3, description="Số chữ số thập phân khi công bố (để tính sai số làm tròn)")


class Catalogue(Record):
    groups: list[IndicatorGroup] = Field(description="Các nhóm chỉ số")
    share_sets: list[ShareSet] = Field([], description="Các bộ tỉ lệ phải cộng lại bằng 100%")


class Report(Record):
    province: Slug = Field(description="Mã tỉnh báo cáo")
    period: PeriodId = Field(description="Mã kỳ báo cáo")
    source: SourceId = Field(description="Nguồn chung của các số liệu")
    note: Text | None = Field(None, description="Ghi chú")
    figures: dict[Slug, FigureValue] = Field(description="Số liệu: mã chỉ số: giá trị")


class BlocTotals(Record):
    period: PeriodId = Field(description="Mã kỳ báo cáo")
    source: SourceId = Field(description="Nguồn chung của các số liệu")
    scope: list[Slug] = Field(description="Các tỉnh mà các số tổng này bao gồm")
    note: Text | None = Field(None, description="Ghi chú")
    figures: dict[Slug, FigureValue] = Field(description="Số liệu tổng Khối: mã chỉ số: giá trị")


class Article(Record):
    title: Text = Field(description="Tiêu đề bài")
    summary: Text = Field(description="Tóm tắt (Markdown) do ban biên tập viết, không chép nguyên văn")
    url: Url | None = Field(None, description="Địa chỉ bài gốc, nếu có")
    published: dt.date | None = Field(None, description="Ngày đăng bài gốc")
    accessed: dt.date | None = Field(None, description="Ngày truy cập bài gốc")
    publisher: Text | None = Field(None, description="Nơi đăng bài gốc")
    related_documents: list[SourceId] = Field([], description="Văn bản được bài nhắc đến")


class Bulletin(Record):
    id: BulletinId
    number: int = Field(ge=1, description="Số bản tin trong năm")
    year: int = Field(ge=1990, le=2100, description="Năm của bản tin")
    date: dt.date = Field(description="Ngày phát hành")
    date_note: Text | None = Field(None, description="Căn cứ của ngày phát hành, nếu không phải ngày in trên bản tin")
    title: Text = Field(description="Tên số bản tin")
    publisher: Text = Field(description="Đơn vị phát hành")
    periods: list[PeriodId] = Field([], description="Các kỳ báo cáo mà bản tin đưa số liệu")
    conferences: list[int] = Field([], description="Các hội nghị mà bản tin đưa tin")
    articles: list[Article] = Field(description="Các bài trong số bản tin")


class Document(Record):
    id: Slug
    title: Text = Field(description="Tên văn bản hoặc bài viết")
    issuer: Text = Field(description="Cơ quan ban hành, hoặc nơi đăng bài (báo, cổng thông tin)")
    date: dt.date | None = Field(None, description="Ngày ban hành hoặc ngày đăng; bỏ trống nếu không rõ")
    number: Text | None = Field(None, description="Số hiệu văn bản")
    url: Url | None = Field(None, description="Địa chỉ web; bỏ trống nếu không rõ")
    accessed: dt.date | None = Field(None, description="Ngày ban biên tập xem tài liệu (bài trên web)")
    bulletin: BulletinId | None = Field(None, description="Số bản tin mà bài ghi là nguồn tin của mình, nếu có")
    note: Text | None = Field(None, description="Ghi chú")


# A value as published or as corrected: a number, true/false, a text, or a figure's mapping.
CorrectionValue = Annotated[Any, WithJsonSchema({
    "description": "Giá trị: một số, true/false, một đoạn văn bản, hoặc một bảng {value, status, note} của số liệu",
    "anyOf": [{"type": "number"}, {"type": "boolean"}, {"type": "string"}, {"type": "object"}]})]


class Correction(Record):
    file: Text = Field(description="Tệp dữ liệu được sửa, ví dụ data/reports/lao-cai/2022-2023.yml")
    path: Text = Field(description="Chỗ được sửa trong tệp: các khóa nối bằng dấu chấm, ví dụ "
                                   "figures.phuong-tien-do-kiem-dinh (một số liệu) hoặc articles.0.title")
    published_value: CorrectionValue = Field(description="Giá trị như số bản tin đã công bố (đã lưu trữ)")
    corrected_value: CorrectionValue = Field(description="Giá trị đúng, như tệp dữ liệu ghi sau khi sửa")


class Erratum(Record):
    id: Slug = Field(description="Mã đính chính, trùng tên tệp, ví dụ 2023-04-lao-cai-do-kiem")
    issue: BulletinId = Field(description="Số bản tin được đính chính, ví dụ 2023-04")
    date: dt.date = Field(description="Ngày công bố đính chính")
    corrections: list[Correction] = Field(description="Từng chỗ được sửa: tệp, chỗ trong tệp, giá trị đã "
                                                      "công bố và giá trị đúng")
    what: Text = Field(description="Sửa gì, bằng lời (Markdown)")
    why: Text = Field(description="Vì sao sửa: căn cứ của việc sửa (Markdown)")
    source: SourceId | None = Field(None, description="Nguồn căn cứ của việc sửa, nếu có")

    @property
    def files(self) -> list[str]:
        """The data files the erratum corrects, in the order it names them."""
        return list(dict.fromkeys(correction.file for correction in self.corrections))


# Where each kind of record lives under data/ (a glob), and its model.
KINDS: dict[str, tuple[str, type[Record]]] = {
    "bloc": ("bloc.yml", Bloc),
    "catalogue": ("indicators.yml", Catalogue),
    "province": ("provinces/*.yml", Province),
    "period": ("periods/*.yml", Period),
    "report": ("reports/*/*.yml", Report),
    "totals": ("totals/*.yml", BlocTotals),
    "bulletin": ("bulletins/*.yml", Bulletin),
    "conference": ("conferences/*.yml", Conference),
    "document": ("documents/*.yml", Document),
    "erratum": ("errata/*.yml", Erratum),
}
