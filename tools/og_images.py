"""Draw the pictures a shared link shows (Open Graph, 1200 x 630), one per kind of page, into
overrides/assets/images/og/: `.venv/bin/python tools/og_images.py` (after `make install-dev`,
with Debian's chromium). The words come from macros/site/social.py (PICTURES); the pictures
are committed, so the build draws nothing. Run again when the words or the design change.

The design is the site's: the teal of the header, the burnt orange of focus, the hills of the
bloc's midlands and mountains as a band of three greens, Vietnamese in the system's sans-serif.
"""
from __future__ import annotations

import html
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.site.social import IMAGE_SIZE, PICTURES  # noqa: E402

OUT = ROOT / "overrides" / "assets" / "images" / "og"
CARD = """<!doctype html><meta charset="utf-8"><style>
html, body {{ margin: 0; width: {w}px; height: {h}px; overflow: hidden; }}
body {{ position: relative; background: #0b5e55; color: #fff;
       font-family: "DejaVu Sans", "Noto Sans", system-ui, sans-serif; }}
.bloc {{ position: absolute; left: 80px; top: 70px; font-size: 30px; letter-spacing: .5px; opacity: .92; }}
.bar {{ position: absolute; left: 80px; top: 130px; width: 120px; height: 10px; background: #f0a35e; }}
main {{ position: absolute; left: 78px; top: 165px; width: 1040px; }}
h1 {{ margin: 0; font-size: 84px; line-height: 1.12; font-weight: 700; }}
p {{ margin: 18px 2px 0; font-size: 40px; opacity: .95; }}
svg {{ position: absolute; left: 0; bottom: 0; }}
</style>
<div class="bloc">Khối hợp tác KH&amp;CN trung du, miền núi phía Bắc</div>
<div class="bar"></div>
<main><h1>{title}</h1>
<p>{subtitle}</p></main>
<svg width="{w}" height="230" viewBox="0 0 1200 230" aria-hidden="true">
  <path d="M0 150 L180 70 L330 140 L520 40 L700 130 L860 60 L1040 140 L1200 80 V230 H0 Z" fill="#2b7a70"/>
  <path d="M0 190 L140 130 L300 185 L470 110 L640 180 L820 120 L980 185 L1200 130 V230 H0 Z" fill="#1f6b62"/>
  <path d="M0 215 L220 180 L420 212 L650 175 L880 210 L1080 182 L1200 200 V230 H0 Z" fill="#08463f"/>
</svg>"""


def main() -> int:
    from playwright.sync_api import sync_playwright
    OUT.mkdir(parents=True, exist_ok=True)
    width, height = IMAGE_SIZE
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                             args=["--no-sandbox", "--headless"])
        page = browser.new_page(viewport={"width": width, "height": height})
        for name, (title, subtitle) in PICTURES.items():
            page.set_content(CARD.format(w=width, h=height, title=html.escape(title), subtitle=html.escape(subtitle)))
            page.evaluate("document.fonts.ready")
            page.screenshot(path=str(OUT / f"{name}.png"))
            print(OUT.relative_to(ROOT) / f"{name}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
