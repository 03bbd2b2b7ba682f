"""The site's URL scheme (macros/site/urls.py): every address checked, with exact messages.

Records here are a few stand-ins, not data/: these tests hold still whatever the records say.
The built site's links are checked by test_links.py.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, Files

from macros.site import urls as scheme
from macros.site.urls import AddressError, Urls, address

REPO = Path(__file__).resolve().parents[1]

RECORDS = SimpleNamespace(
    bulletins={"2023-04": None}, periods={"2022-2023": None}, indicators={"de-tai-du-an": None},
    provinces={"lao-cai": None, "ha-giang": None}, conferences={3: None},
    catalogue=SimpleNamespace(groups=[SimpleNamespace(id="nghien-cuu")]))


def built_urls(directory_urls: bool = True) -> Urls:
    """The scheme against a build holding a few pages, as MkDocs lays them out."""
    urls = Urls(RECORDS)
    urls.files = Files([File(src, src_dir=None, dest_dir="site", use_directory_urls=directory_urls) for src in
                        ("index.md", "tinh/index.md", "tinh/lao-cai.md", "ban-tin/2023-04.md", "du-lieu.md")])
    return urls


def raises(message: str):
    return pytest.raises(AddressError, match="^" + re.escape(message) + "$")


def test_page_addresses_follow_mkdocs_layout():
    urls = built_urls()
    assert urls.src("province", "lao-cai") == "tinh/lao-cai.md"
    assert urls.path(address("province", "lao-cai")) == "tinh/lao-cai/"
    assert urls.path(address("provinces")) == "tinh/"
    assert urls.link(address("province", "lao-cai"), "ban-tin/2023-04/") == "../../tinh/lao-cai/"
    assert urls.link(address("province", "lao-cai"), "tinh/lao-cai/") == "./"
    assert urls.absolute(address("bulletin", "2023-04"), "https://khcn.example/web") == \
        "https://khcn.example/web/ban-tin/2023-04/"


def test_offline_snapshot_pages_are_html_files():
    urls = built_urls(directory_urls=False)
    assert urls.path(address("province", "lao-cai")) == "tinh/lao-cai.html"
    assert urls.path(address("home")) == "index.html"
    assert urls.link(address("open_data"), "tinh/lao-cai.html") == "../du-lieu.html"


def test_file_addresses_are_paths_in_the_built_site():
    urls = built_urls()
    assert urls.path(address("feed")) == "feed.xml"
    assert urls.path(address("province_table", "lao-cai", "csv")) == "du-lieu/tinh/lao-cai.csv"
    assert urls.path(address("package")) == "du-lieu/datapackage.json"
    assert urls.link(address("indicator_table", "de-tai-du-an", "csv"), "tinh/lao-cai/") == \
        "../../du-lieu/chi-so/de-tai-du-an.csv"
    assert address("period_table", "2022-2023", "nghien-cuu", "csv").key == "csv"
    assert address("province", "lao-cai").key == "lao-cai" and address("feed").key is None


def test_unknown_kind():
    # Every kind, in order (the kinds are listed in full; spelled out here, the list conflicted
    # with every helper who added one).
    kinds = ", ".join(sorted({*scheme.PAGES, *scheme.FILES}))
    assert "conference, conferences" in kinds and "indicator_chart" in kinds
    with raises(f"unknown address kind 'provice'; known kinds: {kinds}"):
        address("provice", "lao-cai")


def test_wrong_number_of_keys():
    with raises("address 'province' takes 1 key (province), got 0: ()"):
        address("province")
    with raises("address 'feed' takes 0 keys, got 1: ('x',)"):
        address("feed", "x")
    with raises("address 'province_table' takes 2 keys (province, format), got 1: ('lao-cai',)"):
        address("province_table", "lao-cai")


@pytest.mark.parametrize("key", ["Lao-Cai", "lao cai", "../lao-cai", "lao--cai", "", "lao_cai", None])
def test_malformed_key(key):
    with raises(f"address 'province': province {key!r} is not a slug (lowercase letters a-z, digits, single hyphens)"):
        address("province", key)


def test_key_not_among_the_records():
    urls = built_urls()
    with raises("address 'province': no province 'lao-kai' among the records"):
        urls.src("province", "lao-kai")
    with raises("address 'period_table': no group 'thanh-tra' among the records"):
        urls.path(address("period_table", "2022-2023", "thanh-tra", "csv"))
    with raises("address 'indicator_table': no format 'json' among the records"):  # one format, CSV
        urls.path(address("indicator_table", "de-tai-du-an", "json"))


def test_page_not_in_the_build():
    urls = built_urls()
    with raises("address 'province': no page tinh/ha-giang.md in this build"):
        urls.path(address("province", "ha-giang"))  # a province of the records, its page not generated
    with raises("address 'guide': no page huong-dan.md in this build"):
        urls.link(address("guide"), "")


def test_a_path_is_not_an_address():
    with raises("not an address: 'tinh/lao-cai.md'; use address(kind, *keys) (macros/site/urls.py)"):
        built_urls().link("tinh/lao-cai.md", "")


def test_adding_a_kind_is_one_line(monkeypatch):
    """The conferences' pages an issue will add: one entry in PAGES, keys checked against the records."""
    monkeypatch.setitem(scheme.PAGES, "conference", "hoi-nghi/{conference}.md")
    urls = built_urls()
    assert urls.src("conference", 3) == "hoi-nghi/3.md"
    with raises("address 'conference': no conference '4' among the records"):
        urls.src("conference", 4)
    monkeypatch.setitem(scheme.PAGES, "cms", "bien-tap/index.md")
    assert urls.src("cms") == "bien-tap/index.md"


def test_sections_of_the_tabs():
    assert built_urls().section_prefixes() == {"chi-so/": "so-lieu/"}


def test_templates_name_known_kinds_only():
    """A kind named in a template (url_for, site_path) exists: a typo fails here, not in a build."""
    called = re.compile(r"""\b(?:url_for|site_path)\(\s*['"]([^'"]+)['"]""")
    named = {(path.relative_to(REPO).as_posix(), kind) for path in (REPO / "overrides").rglob("*.html")
             for kind in called.findall(path.read_text(encoding="utf-8"))}
    assert {kind for _path, kind in named} >= {"province", "bulletin", "feed"}
    assert [(path, kind) for path, kind in sorted(named) if kind not in {*scheme.PAGES, *scheme.FILES}] == []


def _string_literals(path: Path):
    """The string constants of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_addresses_are_spelled_only_in_the_scheme():
    """No module but urls.py and no template writes a page's or file's address itself."""
    folders = {pattern.split("/", 1)[0] + "/" for pattern in [*scheme.PAGES.values(), *scheme.FILES.values()]
               if "/" in pattern}
    whole = {pattern for pattern in [*scheme.PAGES.values(), *scheme.FILES.values()] if "/" not in pattern}
    spelled = re.compile(r"""^/?(?:%s)|^(?:%s)$""" % ("|".join(map(re.escape, sorted(folders))),
                                                     "|".join(map(re.escape, sorted(whole)))))
    found = [f"{path.relative_to(REPO)}:{line}: {text!r}" for path in sorted((REPO / "macros").rglob("*.py"))
             if path.name != "urls.py" for line, text in _string_literals(path) if spelled.match(text)]
    quoted = re.compile(r"""['"](/?(?:%s)[^'"]*|%s)['"]""" % ("|".join(map(re.escape, sorted(folders))),
                                                            "|".join(map(re.escape, sorted(whole)))))
    found += [f"{path.relative_to(REPO)}: {match}" for path in sorted((REPO / "overrides").rglob("*.html"))
              for match in quoted.findall(path.read_text(encoding="utf-8"))]
    assert found == []
