"""The generated parts of the editors' guide (/huong-dan/): every field, every validator message.

Both come from the code, so the guide cannot drift from it:
- `record_fields` reads each model's JSON Schema, the same one editors' tools show on hover;
- `validator_codes` shows, for each code, a small example record and the message that the
  real validator gives for it, computed at build time in a throwaway project. An example that
  no longer produces its code stops the build (tests/test_editors.py also checks that every
  code used in macros/ has an example here).
"""
from __future__ import annotations

import functools
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from macros.editors.jsonschema import drop_titles
from macros.records.problems import SEVERITY_LABEL
from macros.archive.project import load_project
from macros.records.schema import KINDS
from macros.site.state import current

MACROS = ["record_fields", "validator_codes"]

# The heading of each kind of record in the field reference, and where its files live.
KIND_TITLES = {
    "bloc": "Thông tin chung của Khối",
    "catalogue": "Danh mục chỉ số",
    "province": "Tỉnh",
    "period": "Kỳ báo cáo",
    "report": "Số liệu của một tỉnh trong một kỳ",
    "totals": "Số liệu tổng của Khối trong một kỳ",
    "bulletin": "Số bản tin",
    "conference": "Hội nghị của Khối",
    "document": "Văn bản, tài liệu nguồn",
    "erratum": "Đính chính",
}
PLACES = {"provinces/*.yml": "provinces/<mã tỉnh>.yml", "reports/*/*.yml": "reports/<mã tỉnh>/<mã kỳ>.yml",
          "periods/*.yml": "periods/<mã kỳ>.yml", "totals/*.yml": "totals/<mã kỳ>.yml",
          "bulletins/*.yml": "bulletins/<mã bản tin>.yml", "conferences/*.yml": "conferences/<số hội nghị>.yml",
          "documents/*.yml": "documents/<mã tài liệu>.yml", "errata/*.yml": "errata/<mã đính chính>.yml"}

# Short Vietnamese names of the id patterns of macros/records/schema.py.
PATTERN_TYPES = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "mã (chữ thường không dấu, gạch ngang)",
    r"^[0-9]{4}(-[0-9]{4})?$": "mã kỳ (NNNN-NNNN hoặc NNNN)",
    r"^[0-9]{4}-[0-9]{2}$": "mã bản tin (NNNN-SS)",
    r"^([0-9]{4}-[0-9]{2}|[a-z0-9]+(-[a-z0-9]+)*)$": "mã nguồn (bản tin hoặc tài liệu)",
    r"^https?://[^\s]+$": "địa chỉ web",
    r"^[0-9]{2}$": "hai chữ số, trong ngoặc kép",
}


def register(env) -> None:
    """Add the guide's macros to mkdocs-macros (called from macros/__init__.py)."""
    from macros.site.views import bind
    for name in MACROS:
        env.macro(bind(globals()[name], env), name)


# -- the field reference ------------------------------------------------------------------
@dataclass(frozen=True)
class FieldRow:
    path: str  # "membership[].since", "figures.<mã chỉ số>.status"
    type: str
    required: bool
    description: str


def field_rows(model) -> list[FieldRow]:
    """Every field of a model, nested fields included, in the order of the model."""
    schema = model.model_json_schema()
    drop_titles(schema)
    return list(_object_rows(schema, schema.get("$defs", {}), ""))


def _resolve(node: dict, defs: dict) -> dict:
    while "$ref" in node:
        node = {**defs[node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _object_rows(node: dict, defs: dict, prefix: str):
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        yield from _field_rows(prefix + name, _resolve(prop, defs), defs, name in required)
    for pattern, prop in node.get("patternProperties", {}).items():
        key = "<mã chỉ số>" if prefix == "figures." else "<mã>"
        yield from _field_rows(prefix + key, _resolve(prop, defs), defs, False)


def _field_rows(path: str, node: dict, defs: dict, required: bool):
    description = node.get("description") or _inner_description(node, defs)
    if not description:
        raise ValueError(f"trường \"{path}\" chưa có mô tả (description) trong macros/records/schema.py")
    yield FieldRow(path, type_label(node, defs), required, description)
    for sub in _alternatives(node, defs):
        if sub.get("type") == "object" or "properties" in sub or "patternProperties" in sub:
            yield from _object_rows(sub, defs, path + ".")
        if sub.get("type") == "array":
            items = _resolve(sub.get("items", {}), defs)
            if "properties" in items:
                yield from _object_rows(items, defs, path + "[].")


def _alternatives(node: dict, defs: dict) -> list[dict]:
    return [_resolve(n, defs) for n in node.get("anyOf", [node])]


def _inner_description(node: dict, defs: dict) -> str | None:
    return next((n["description"] for n in _alternatives(node, defs) if n.get("description")), None)


def type_label(node: dict, defs: dict) -> str:
    """How a value is written, in Vietnamese: "số nguyên ≥ 1", "danh sách mã", "ngày"."""
    labels = []
    for sub in _alternatives(node, defs):
        label = _single_type(sub, defs)
        if label and label not in labels:
            labels.append(label)
    return " hoặc ".join(labels)


def _single_type(node: dict, defs: dict) -> str | None:
    kind = node.get("type")
    if kind == "null":
        return None
    if "enum" in node or "const" in node:
        return "một trong: " + ", ".join(str(v) for v in node.get("enum", [node.get("const")]))
    if kind == "string":
        if node.get("format") == "date":
            return "ngày (NNNN-TT-NN)"
        return PATTERN_TYPES.get(node.get("pattern"), "văn bản")
    if kind in ("integer", "number"):
        label = "số nguyên" if kind == "integer" else "số"
        if "minimum" in node:
            label += f" ≥ {node['minimum']}"
        if "maximum" in node:
            label += f", ≤ {node['maximum']}"
        return label
    if kind == "boolean":
        return "true hoặc false"
    if kind == "array":
        return "danh sách " + (type_label(_resolve(node.get("items", {}), defs), defs) or "")
    if kind == "object" or "properties" in node:
        return "bảng (các trường bên dưới)" if "properties" in node else "bảng mã: giá trị"
    return "giá trị"


def kind_sections() -> list[tuple[str, str, str, list[FieldRow]]]:
    """(kind, title, files, rows) for every kind of record."""
    sections = []
    for kind, (pattern, model) in KINDS.items():
        if kind not in KIND_TITLES:
            raise KeyError(f"loại bản ghi \"{kind}\" chưa có tên trong KIND_TITLES (macros/editors/guide.py)")
        sections.append((kind, KIND_TITLES[kind], "data/" + PLACES.get(pattern, pattern),
                         field_rows(model)))
    return sections


def record_fields(page_url: str) -> str:
    """Every kind of record: a heading (in the page's table of contents) and its field table."""
    out = []
    for kind, title, files, rows in kind_sections():
        table = current().renderer.render("guide_fields.html", page_url, kind=kind, files=files,
                                          rows=rows)
        out.append(f"### {title}\n{table}")
    return "\n".join(out)


# -- the validator's messages -----------------------------------------------------------
@dataclass(frozen=True)
class Example:
    """A code, what it means, and a record that makes the validator report it."""
    code: str
    title: str
    meaning: str
    file: str | None  # the record shown (None: the problem is a missing file)
    text: str = ""
    others: dict = field(default_factory=dict)  # other files changed, not shown
    remove: tuple = ()
    encoding: str = "utf-8"


@dataclass(frozen=True)
class CodeEntry:
    example: Example
    severity: str
    message: str


def report(figures: str, province: str = "lao-cai", period: str = "2022-2023") -> str:
    return f"province: {province}\nperiod: {period}\nsource: \"2023-04\"\nfigures:\n{figures}"


def period(start: str = "2024-01-01", end: str = "2024-12-31", pid: str = "2024") -> str:
    return f"id: \"{pid}\"\nlabel: Năm {pid}\nstart: {start}\nend: {end}\n"


PROVINCE_CAO_BANG = """\
id: cao-bang
name: Cao Bằng
department: Sở Khoa học và Công nghệ tỉnh Cao Bằng
code: "04"
code_source: qd-124-2004-qd-ttg
membership:
"""

REPORT = "data/reports/lao-cai/2022-2023.yml"
FIGURES = "  de-tai-du-an: 45\n  de-tai-du-an-cap-nha-nuoc: 5\n  de-tai-du-an-cap-tinh: 40\n"

EXAMPLES = [
    Example("E101", "tệp không phải mã UTF-8",
            "Tệp được lưu bằng bảng mã khác UTF-8 (ví dụ \"Unicode\" của Notepad, tức UTF-16, hoặc "
            "bảng mã cũ TCVN3, VNI). Mở tệp và lưu lại với bảng mã UTF-8 (VS Code: bấm tên bảng mã "
            "ở thanh trạng thái, chọn Save with Encoding, chọn UTF-8).",
            "data/periods/2024.yml", period(), encoding="utf-16"),
    Example("E102", "tệp rỗng", "Tệp không có nội dung, hoặc chỉ có ghi chú. Điền bản ghi, "
            "hoặc xoá tệp nếu tạo nhầm.", "data/periods/2024.yml", "# Kỳ báo cáo năm 2024\n"),
    Example("E103", "bản ghi không phải bảng khóa: giá trị",
            "Một tệp chứa đúng một bản ghi, viết thành các dòng khóa: giá trị, không bắt đầu "
            "bằng dấu gạch \"- \" (dấu gạch dùng cho các mục của một danh sách).",
            "data/periods/2024.yml", "- id: \"2024\"\n  label: Năm 2024\n"),
    Example("E104", "thụt lề bằng phím Tab",
            "YAML chỉ cho phép thụt lề bằng dấu cách. Thay các ký tự Tab bằng hai dấu cách "
            "(VS Code làm việc này khi mở thư mục dự án, nhờ .vscode/settings.json).",
            REPORT, report("\tde-tai-du-an: 45\n")),
    Example("E105", "lỗi cú pháp YAML",
            "Tệp không đọc được như YAML. Thông báo nói chỗ sai thường gặp: văn bản có \": \" "
            "phải đặt trong ngoặc kép, thụt lề lệch, ngoặc chưa đóng.",
            "data/documents/qd-124-2004-qd-ttg.yml",
            "id: qd-124-2004-qd-ttg\ntitle: Quyết định: ban hành danh mục đơn vị hành chính\n"
            "issuer: Thủ tướng Chính phủ\n"),
    Example("E106", "nhiều bản ghi trong một tệp",
            "Dòng \"---\" bắt đầu một tài liệu YAML mới. Mỗi tệp chỉ chứa một bản ghi: tách "
            "thành hai tệp.", "data/periods/2024.yml", period() + "---\n" + period(pid="2025")),
    Example("E107", "neo (&) và bí danh (*)",
            "Neo và bí danh của YAML (chép một giá trị sang chỗ khác) không được dùng: người đọc "
            "khó thấy giá trị thật. Viết đầy đủ giá trị ở từng chỗ.",
            "data/periods/2024.yml", "id: \"2024\"\nlabel: Năm 2024\nstart: &dau 2024-01-01\nend: *dau\n"),
    Example("E108", "khóa lặp lại",
            "Cùng một khóa được ghi hai lần; YAML sẽ âm thầm giữ giá trị sau. Giữ một dòng, xoá dòng kia.",
            REPORT, report(FIGURES + "  de-tai-du-an: 54\n")),
    Example("E109", "khóa không phải văn bản",
            "Khóa (phần trước dấu hai chấm) phải là chữ; một số hay một ngày làm khóa phải đặt "
            "trong ngoặc kép, và thường là dấu hiệu ghi nhầm chỗ.", REPORT, report("  2023: 45\n")),
    Example("E110", "thẻ kiểu của YAML",
            "Các thẻ như !!int, !!float không được dùng: kiểu của mỗi trường do danh mục và "
            "lược đồ quyết định. Bỏ thẻ đi.", REPORT, report("  de-tai-du-an: !!int \"45\"\n")),
    Example("E111", "yes, no, on, off",
            "YAML 1.1 đọc yes/no/on/off thành đúng/sai. Với chỉ số có/không hãy viết true hoặc "
            "false; nếu là chữ, đặt trong ngoặc kép.", REPORT,
            report("  chinh-sach-doi-moi-cong-nghe: yes\n")),
    Example("E112", "số có số 0 ở đầu",
            "YAML 1.1 đọc số bắt đầu bằng 0 thành số bát phân (010 thành 8). Mã có số 0 ở đầu "
            "phải đặt trong ngoặc kép: \"02\".", "data/provinces/cao-bang.yml",
            PROVINCE_CAO_BANG.replace('code: "04"', "code: 010").replace("membership:\n", "")),
    Example("E113", "số có dấu hai chấm",
            "YAML 1.1 đọc 45:30 thành một số hệ 60 (2730). Số liệu không có dấu hai chấm; "
            "nếu là chữ, đặt trong ngoặc kép.", REPORT, report("  de-tai-du-an: 45:30\n")),
    Example("E114", "số hệ 16, hệ 2 hoặc vô hạn",
            "Giá trị như 0x2D, 0b101, .inf bị YAML đọc thành số khác hẳn cách viết. Viết số "
            "thập phân bình thường.", REPORT, report("  de-tai-du-an: 0x2D\n")),
    Example("E115", "ngày không có thật", "Ngày viết đúng dạng NNNN-TT-NN nhưng không có trong "
            "lịch (ví dụ 30 tháng 2).", "data/periods/2024.yml", period(end="2024-02-30")),
    Example("E120", "tệp không thuộc loại bản ghi nào",
            "Tệp nằm ngoài các thư mục của dữ liệu hoặc có đuôi khác .yml. Đổi tên hoặc chuyển "
            "tệp về đúng chỗ.", "data/reports/lao-cai/2024.yaml", report(FIGURES, period="2024")),
    Example("E121", "thiếu tệp bắt buộc",
            "data/bloc.yml và data/indicators.yml phải luôn có: khôi phục tệp từ lịch sử git.",
            None, remove=("data/bloc.yml",)),
    Example("E201", "khóa không hợp lệ",
            "Khóa không có trong lược đồ của loại bản ghi này, thường do gõ sai; thông báo gợi ý "
            "khóa gần nhất.", REPORT,
            "province: lao-cai\nperod: 2022-2023\nsource: \"2023-04\"\nfigures:\n" + FIGURES),
    Example("E202", "thiếu trường bắt buộc", "Một trường bắt buộc chưa có. Bảng các trường ở "
            "trên cho biết trường nào bắt buộc.", REPORT,
            "province: lao-cai\nperiod: 2022-2023\nfigures:\n" + FIGURES),
    Example("E203", "giá trị sai kiểu hoặc chưa điền",
            "Giá trị không đúng kiểu của trường (bảng các trường ở trên ghi kiểu của từng "
            "trường), hoặc trường bắt buộc còn để trống như trong tệp vừa tạo bằng lệnh new.",
            "data/periods/2024.yml", period(start="01/01/2024")),
    Example("E301", "mã bị dùng hai lần",
            "Hai tệp ghi cùng một mã (hoặc hai chỉ số cùng mã trong danh mục). Mỗi bản ghi có "
            "một mã riêng, trùng với tên tệp.", "data/provinces/lao-cai-moi.yml",
            "id: lao-cai\nname: Lào Cai\ndepartment: Sở Khoa học và Công nghệ tỉnh Lào Cai\n"
            "code: \"10\"\ncode_source: qd-124-2004-qd-ttg\n"),
    Example("E302", "không tìm thấy bản ghi được nhắc đến",
            "Mã tỉnh, kỳ, chỉ số, hội nghị hay nguồn không có trong dữ liệu, thường do gõ sai; "
            "thông báo gợi ý mã gần nhất.", REPORT, report("  de-tai-du-ann: 45\n")),
    Example("E303", "số âm hoặc tỉ lệ quá 100%", "Số liệu không âm; tỉ lệ từ 0 đến 100.",
            REPORT, report("  de-tai-du-an: -45\n")),
    Example("E304", "ngày sai thứ tự",
            "Hai ngày đứng sai thứ tự: kết thúc trước bắt đầu, truy cập trước ngày đăng, ngày "
            "không thuộc năm đã ghi.", "data/periods/2024.yml",
            period(start="2024-12-31", end="2024-01-01")),
    Example("E305", "tỉnh không tồn tại trong kỳ",
            "Tỉnh đã sáp nhập trước kỳ này (hoặc được lập sau kỳ này) nên không thể có số liệu "
            "của kỳ. Ghi số liệu vào báo cáo của tỉnh sau sáp nhập.",
            "data/reports/yen-bai/2026.yml", report("  de-tai-du-an: 12\n", "yen-bai", "\"2026\"")),
    Example("E306", "số liệu sai kiểu theo danh mục",
            "Danh mục chỉ số quy định kiểu của mỗi chỉ số: số nguyên, số thập phân, tỉ lệ %, "
            "có/không. Thông báo nêu đơn vị của chỉ số.", REPORT, report("  de-tai-du-an: 45.5\n")),
    Example("E307", "chưa điền giá trị",
            "Chỉ số có trong báo cáo nhưng chưa có giá trị, như trong tệp vừa tạo bằng "
            "python -m macros new report. Điền số, hoặc ghi {status: not_reported} nếu nguồn "
            "không có số này.", REPORT, report("  de-tai-du-an:\n")),
    Example("E309", "báo cáo nằm sai thư mục",
            "Số liệu của một tỉnh chỉ nằm trong thư mục data/reports/<mã tỉnh>/, tên tệp là mã kỳ.",
            "data/reports/lao-cai/2026.yml", report("  de-tai-du-an: 12\n", "tuyen-quang", "\"2026\"")),
    Example("E310", "tỉnh và hội nghị ghi khác nhau về việc kết nạp",
            "Tệp của tỉnh ghi được kết nạp tại một hội nghị nhưng tệp hội nghị không ghi tỉnh "
            "trong admitted (hoặc ngược lại). Sửa cho hai tệp khớp nhau.",
            "data/provinces/cao-bang.yml",
            PROVINCE_CAO_BANG + "  - since: 2023-10-20\n    conference: 11\n    source: \"2023-04\"\n"),
    Example("E312", "tên tệp khác mã",
            "Tệp được đặt tên theo mã của bản ghi: đổi tên tệp (hoặc sửa mã).",
            "data/periods/2024.yml", period(pid="2025", start="2025-01-01", end="2025-12-31")),
    Example("E313", "ngày gia nhập không rõ mà không có căn cứ",
            "Với since: unknown, ghi hội nghị kết nạp (conference) hoặc kỳ sớm nhất tỉnh đã là "
            "thành viên (known_member_in).", "data/provinces/cao-bang.yml",
            PROVINCE_CAO_BANG + "  - since: unknown\n    source: \"2023-04\"\n"),
    Example("E314", "mã bản tin khác năm và số", "Mã bản tin là năm-số, ví dụ 2023-04 cho "
            "số 4 năm 2023.", "data/bulletins/2023-05.yml",
            "id: \"2023-05\"\nnumber: 6\nyear: 2023\ndate: 2023-12-30\n"
            "title: Bản tin KH&CN số 6 năm 2023\npublisher: Sở Khoa học và Công nghệ tỉnh Lào Cai\n"
            "articles:\n  - title: Tin hoạt động\n    summary: Tóm tắt các hoạt động trong quý.\n"),
    Example("W401", "tổng Khối khác tổng các tỉnh",
            "Số tổng Khối đã công bố khác tổng số liệu các tỉnh. Số đã công bố không được sửa; "
            "trang web ghi chú sự chênh lệch. Nếu do gõ nhầm, sửa số bị nhầm.",
            "data/totals/2022-2023.yml",
            "period: 2022-2023\nsource: \"2023-04\"\nscope: [lao-cai, yen-bai]\nfigures:\n"
            "  de-tai-du-an: 70\n"),
    Example("W402", "các chỉ số con không cộng lại bằng chỉ số tổng",
            "Ví dụ đề tài cấp nhà nước và cấp tỉnh phải cộng lại bằng tổng số đề tài. Trang web "
            "ghi chú sự chênh lệch; nếu do gõ nhầm, sửa số bị nhầm.", REPORT,
            report("  de-tai-du-an: 45\n  de-tai-du-an-cap-nha-nuoc: 5\n  de-tai-du-an-cap-tinh: 35\n")),
    Example("W403", "các tỉ lệ không cộng lại bằng 100%",
            "Một bộ tỉ lệ (ví dụ cơ cấu đề tài theo lĩnh vực) phải cộng lại 100%, trong sai số "
            "làm tròn. Trang web ghi chú sự chênh lệch.", REPORT,
            report("  ty-le-nong-nghiep: 60.0\n  ty-le-linh-vuc-khac: 30.0\n")),
    Example("W404", "số thành viên sau hội nghị khác hồ sơ các tỉnh",
            "Nguồn ghi số thành viên sau hội nghị (members_after) khác số tỉnh mà hồ sơ các "
            "tỉnh cho thấy là thành viên. Kiểm tra phần membership của các tỉnh.",
            "data/conferences/11.yml",
            "number: 11\nyear: 2023\nhost: lao-cai\ntheme: Hợp tác khoa học và công nghệ\n"
            "admitted: [tuyen-quang]\nmembers_after: 4\nperiods: [2022-2023]\nsource: \"2023-04\"\n"),
]

def register_file(records: dict, issue: str = "2023-04", twice: bool = False) -> str:
    """archive/register.yml with one archived issue (written by `python -m macros archive`)."""
    entry = (f"  - id: \"{issue}\"\n    date: 2023-12-30\n    commit: \"{'a' * 40}\"\n"
             f"    package: \"khcn-ban-tin-{issue}.tar.gz\"\n    sha256: \"{'b' * 64}\"\n"
             f"    tagmanifest_sha256: \"{'c' * 64}\"\n    records:\n"
             + "".join(f"      \"{file}\": \"{digest}\"\n" for file, digest in records.items()))
    return "snapshots:\n" + entry * (2 if twice else 1)


def erratum(records: str) -> str:
    return (f"id: 2023-04-lao-cai\nissue: \"2023-04\"\ndate: 2024-03-01\nrecords: {records}\n"
            "what: Số đề tài, dự án sửa từ 54 thành 45.\nwhy: Lỗi đánh máy khi nhập số liệu.\n")


ARCHIVED = {"archive/register.yml": register_file({REPORT: "0" * 64})}

EXAMPLES += [
    Example("E501", "số liệu đã lưu trữ bị sửa mà không có đính chính",
            "Số bản tin đã được lưu trữ; phần dữ liệu nó đã công bố không được sửa âm thầm. "
            "Hoàn lại thay đổi, hoặc giữ thay đổi và công bố một đính chính trong data/errata/.",
            REPORT, report("  de-tai-du-an: 54\n  de-tai-du-an-cap-nha-nuoc: 5\n  de-tai-du-an-cap-tinh: 40\n"),
            others=ARCHIVED),
    Example("E502", "tệp đã lưu trữ bị xoá",
            "Một tệp mà số bản tin đã lưu trữ đã công bố không còn trong dữ liệu. Khôi phục tệp, "
            "hoặc công bố một đính chính.", None, remove=(REPORT,), others=ARCHIVED),
    Example("E503", "thêm số liệu vào số bản tin đã lưu trữ",
            "Một bản ghi mới dẫn nguồn một số bản tin đã lưu trữ nhưng không có trong bản lưu "
            "trữ: bổ sung số liệu cho một số đã phát hành cần một đính chính.",
            "data/reports/tuyen-quang/2022-2023.yml", report("  de-tai-du-an: 12\n", "tuyen-quang"),
            others=ARCHIVED),
    Example("E507", "số bản tin được lưu trữ hai lần",
            "Sổ lưu trữ archive/register.yml chỉ được ghi bằng lệnh lưu trữ, mỗi số một lần; "
            "không sửa sổ bằng tay.", "archive/register.yml", register_file({REPORT: "0" * 64}, twice=True)),
    Example("E510", "đính chính không nêu tệp nào",
            "Đính chính phải liệt kê trong records các tệp dữ liệu được sửa.",
            "data/errata/2023-04-lao-cai.yml", erratum("[]")),
    Example("E511", "đính chính nêu tệp mà số bản tin không công bố",
            "Tệp trong records của đính chính phải là một tệp mà số bản tin được đính chính đã "
            "công bố; thông báo liệt kê các tệp đó.", "data/errata/2023-04-lao-cai.yml",
            erratum("[data/reports/tuyen-quang/2022-2023.yml]")),
]

# A small project every example starts from; it has no problem of its own.
BASE_PROJECT = {
    "data/bloc.yml": """\
name: Khối hợp tác phát triển khoa học và công nghệ các tỉnh trung du, miền núi phía Bắc
short_name: Khối hợp tác KH&CN
description: Diễn đàn hợp tác của các Sở Khoa học và Công nghệ.
licence: CC BY 4.0
sources: ["2023-04"]
""",
    "data/indicators.yml": """\
groups:
  - id: nghien-cuu
    label: Nghiên cứu khoa học và phát triển công nghệ
    indicators:
      - id: de-tai-du-an
        label: Đề tài, dự án KH&CN được triển khai
        unit: đề tài, dự án
        value_type: integer
        summed: true
        description: Số đề tài, dự án được triển khai trong kỳ.
        parts: [de-tai-du-an-cap-nha-nuoc, de-tai-du-an-cap-tinh]
      - id: de-tai-du-an-cap-nha-nuoc
        label: Đề tài, dự án cấp nhà nước
        unit: đề tài, dự án
        value_type: integer
        summed: true
        description: Số đề tài, dự án cấp nhà nước.
      - id: de-tai-du-an-cap-tinh
        label: Đề tài, dự án cấp tỉnh
        unit: đề tài, dự án
        value_type: integer
        summed: true
        description: Số đề tài, dự án cấp tỉnh.
      - id: ty-le-nong-nghiep
        label: Tỉ lệ đề tài cấp tỉnh thuộc lĩnh vực nông nghiệp
        unit: "%"
        value_type: percent
        summed: false
        description: Phần trăm đề tài cấp tỉnh thuộc lĩnh vực nông nghiệp.
      - id: ty-le-linh-vuc-khac
        label: Tỉ lệ đề tài cấp tỉnh thuộc lĩnh vực khác
        unit: "%"
        value_type: percent
        summed: false
        description: Phần trăm đề tài cấp tỉnh thuộc lĩnh vực khác.
  - id: quan-ly-cong-nghe
    label: Quản lý công nghệ
    indicators:
      - id: chinh-sach-doi-moi-cong-nghe
        label: Có chính sách hỗ trợ doanh nghiệp đổi mới công nghệ
        unit: có/không
        total_unit: tỉnh
        value_type: boolean
        summed: true
        description: Tỉnh đã ban hành chính sách hỗ trợ doanh nghiệp đổi mới công nghệ.
share_sets:
  - id: linh-vuc
    label: Cơ cấu đề tài cấp tỉnh theo lĩnh vực
    parts: [ty-le-nong-nghiep, ty-le-linh-vuc-khac]
    decimals: 1
""",
    "data/provinces/lao-cai.yml": """\
id: lao-cai
name: Lào Cai
department: Sở Khoa học và Công nghệ tỉnh Lào Cai
code: "10"
code_source: qd-124-2004-qd-ttg
membership:
  - since: unknown
    known_member_in: 2022-2023
    source: "2023-04"
""",
    "data/provinces/yen-bai.yml": """\
id: yen-bai
name: Yên Bái
department: Sở Khoa học và Công nghệ tỉnh Yên Bái
code: "15"
code_source: qd-124-2004-qd-ttg
history:
  - event: merged_into
    date: 2025-07-01
    into: lao-cai
    source: qd-124-2004-qd-ttg
membership:
  - since: unknown
    known_member_in: 2022-2023
    source: "2023-04"
""",
    "data/provinces/tuyen-quang.yml": """\
id: tuyen-quang
name: Tuyên Quang
department: Sở Khoa học và Công nghệ tỉnh Tuyên Quang
code: "08"
code_source: qd-124-2004-qd-ttg
membership:
  - since: 2023-10-20
    conference: 11
    source: "2023-04"
""",
    "data/periods/2022-2023.yml": "id: 2022-2023\nlabel: Giai đoạn 2022–2023\nstart: 2022-01-01\n"
                                  "end: 2023-12-31\n",
    "data/periods/2026.yml": "id: \"2026\"\nlabel: Năm 2026\nstart: 2026-01-01\nend: 2026-12-31\n",
    "data/conferences/11.yml": """\
number: 11
year: 2023
host: lao-cai
theme: Hợp tác khoa học và công nghệ
admitted: [tuyen-quang]
members_after: 3
periods: [2022-2023]
source: "2023-04"
""",
    "data/bulletins/2023-04.yml": """\
id: "2023-04"
number: 4
year: 2023
date: 2023-12-30
title: Bản tin KH&CN số 4 năm 2023
publisher: Sở Khoa học và Công nghệ tỉnh Lào Cai
periods: [2022-2023]
conferences: [11]
articles:
  - title: Hội nghị tổng kết lần thứ XI
    summary: Tóm tắt hội nghị.
""",
    "data/documents/qd-124-2004-qd-ttg.yml": """\
id: qd-124-2004-qd-ttg
title: Quyết định ban hành danh mục và mã số các đơn vị hành chính Việt Nam
issuer: Thủ tướng Chính phủ
""",
    REPORT: report(FIGURES + "  ty-le-nong-nghiep: 60.0\n  ty-le-linh-vuc-khac: 40.0\n"
                   "  chinh-sach-doi-moi-cong-nghe: true\n"),
    "data/reports/yen-bai/2022-2023.yml": report("  de-tai-du-an: 20\n  chinh-sach-doi-moi-cong-nghe: false\n",
                                                 "yen-bai"),
    "data/totals/2022-2023.yml": "period: 2022-2023\nsource: \"2023-04\"\nscope: [lao-cai, yen-bai]\n"
                                 "figures:\n  de-tai-du-an: 65\n  chinh-sach-doi-moi-cong-nghe: 1\n",
}


def write_project(root: Path, files: dict, remove: tuple = (), encoding: dict | None = None) -> None:
    for rel, text in {**BASE_PROJECT, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode((encoding or {}).get(rel, "utf-8")))
    for rel in remove:
        (root / rel).unlink()


def run_example(example: Example) -> CodeEntry:
    """The first problem with the example's code, from the real validator."""
    files = dict(example.others)
    if example.file:
        files[example.file] = example.text
    with tempfile.TemporaryDirectory(prefix="khcn-guide-") as tmp:
        root = Path(tmp)
        write_project(root, files, example.remove, {example.file: example.encoding})
        _records, problems = load_project(root)
    found = sorted((p for p in problems if p.code == example.code),
                   key=lambda p: p.file != (example.file or p.file))
    if not found:
        shown = "; ".join(p.format_text() for p in problems) or "không có thông báo nào"
        raise ValueError(f"ví dụ cho {example.code} trong macros/editors/guide.py không còn sinh ra mã "
                         f"{example.code} (trình kiểm tra báo: {shown})")
    return CodeEntry(example, found[0].severity, found[0].format_text())


@functools.lru_cache(maxsize=1)
def code_entries() -> tuple[CodeEntry, ...]:
    """Every example, checked once per process (a build or a test session)."""
    with tempfile.TemporaryDirectory(prefix="khcn-guide-") as tmp:
        write_project(Path(tmp), {})
        _records, problems = load_project(Path(tmp))
    if problems:
        raise ValueError("dự án mẫu của macros/editors/guide.py có lỗi: " + problems[0].format_text())
    return tuple(run_example(example) for example in sorted(EXAMPLES, key=lambda e: e.code))


def validator_codes(page_url: str) -> str:
    """Each code: a heading (in the table of contents), what it means, an example and its message."""
    out = []
    for entry in code_entries():
        block = current().renderer.render("guide_code.html", page_url, entry=entry,
                                          severity=SEVERITY_LABEL[entry.severity])
        out.append(f"### {entry.example.code}: {entry.example.title}\n{block}")
    return "\n".join(out)
