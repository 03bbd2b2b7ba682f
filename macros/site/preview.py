"""The preview (`make serve`) never hangs: with an error, every request gets the list of problems.

MkDocs' own server, after a failed rebuild, holds every request until a build succeeds (its
"the server will appear stuck" message), and a failed first build ends `mkdocs serve`. Here,
while serving:

* records with errors do not fail the build: `hooks.on_config` calls `record_errors`, and
  the build goes on with no page at all (the first build too, which would end the server);
* any other exception of a rebuild is caught by the builder `install` wraps, so MkDocs takes
  the build as done and releases the waiting requests;
* while the last build failed, the server's WSGI application answers every request at once
  with `error_page`: in Vietnamese, each problem as `file:line:col`, code and message, like a
  development server's error overlay. The page asks `/.khcn-preview/lan-dung` every second
  which build is the latest, and reloads when a new one is done: the site is back as soon as
  the record is fixed.

Only the hooks and this module know about it; `mkdocs build` and `python -m macros build`
still stop on an error.
"""
from __future__ import annotations

import base64
import hashlib
import html
import logging
import re
import sys
import traceback
from dataclasses import dataclass, field

from macros.records.problems import Problem, SEVERITY_LABEL

log = logging.getLogger("mkdocs.plugins.khcn")

GENERATION_PATH = "/.khcn-preview/lan-dung"  # which build is the latest (a number)


@dataclass
class Outcome:
    """How one build ended: the records' problems when they had errors, or a traceback."""
    problems: list[Problem] = field(default_factory=list)
    crash: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.problems or self.crash)


@dataclass
class Preview:
    """What the preview server knows across rebuilds (each rebuild loads mkdocs.yml again)."""
    serving: bool = False
    shown: Outcome = field(default_factory=Outcome)     # the last finished build: what requests get
    building: Outcome = field(default_factory=Outcome)  # the build under way
    generation: int = 0  # one more at the end of every build, failed or not

    def finish_build(self) -> None:
        self.shown, self.building = self.building, Outcome()
        self.generation += 1


STATE = Preview()


def start_serving() -> None:
    """`mkdocs serve` started (on_startup): record errors will not stop its builds."""
    STATE.serving = True


def record_errors(problems: list[Problem]) -> None:
    """The records have errors: the build goes on with no page, and its outcome lists them."""
    STATE.building.problems = sorted(problems)
    # Printed, not logged: in `mkdocs serve`, --strict counts every logged warning or error,
    # and would fail this build, which must succeed for the server to go on.
    for problem in STATE.building.problems:
        print(problem.format_text(), file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    print(f"Dữ liệu có {errors} lỗi: bản xem trước hiện danh sách này cho mọi trang cho đến khi "
          "dữ liệu được sửa.", file=sys.stderr, flush=True)


def install(server) -> None:
    """Wrap a MkDocs LiveReloadServer's builder and its WSGI application (from `on_serve`)."""
    STATE.finish_build()  # the first build, which ran before on_serve
    build, app = server.builder, server.get_app()

    def safe_build(*args, **kwargs):
        try:
            build(*args, **kwargs)
        except (Exception, SystemExit) as exc:  # mkdocs' Abort is a SystemExit
            if not STATE.building.failed:
                STATE.building.crash = "".join(traceback.format_exception(exc))
            log.error(f"Dựng lại thất bại ({exc}); bản xem trước hiện trang lỗi cho đến khi sửa xong.")
        finally:
            STATE.finish_build()

    def preview_app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == GENERATION_PATH:
            return _respond(start_response, "200 OK", "text/plain", str(STATE.generation))
        if path.startswith("/livereload/"):  # MkDocs' polls: open pages reload into the error page
            return app(environ, start_response)
        if not STATE.shown.failed:
            # MkDocs holds a request while a rebuild runs: the answer is chosen once it ends.
            answer: list = []
            body = app(environ, lambda status, headers, exc_info=None: answer.extend((status, headers)))
            if not STATE.shown.failed:
                return _allow_live_reload(answer, body, start_response)
            getattr(body, "close", lambda: None)()
        # 200, not 500: MkDocs logs any other status as a warning, and a warning logged while
        # a rebuild runs fails it under --strict.
        return _respond(start_response, "200 OK", "text/html", error_page(STATE.shown, STATE.generation))

    server.builder = safe_build
    server.set_app(preview_app)


# MkDocs' live-reload script, which it writes inline before </body> of every page it serves.
_LIVE_RELOAD = re.compile(rb"<script>(\s*var livereload = function\(epoch, requestId\).*?)</script>\s*</body>", re.S)
_SCRIPT_SRC = re.compile(rb"(<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*script-src 'self')")


def _allow_live_reload(answer: list, body, start_response):
    """The page's Content-Security-Policy refuses inline scripts: in the preview only, it
    allows MkDocs' live-reload script by its hash (only that script: an injected one stays
    refused, as on the published site)."""
    status, headers = answer
    if not dict(headers).get("Content-Type", "").startswith("text/html"):
        start_response(status, headers)
        return body
    html = b"".join(body)
    getattr(body, "close", lambda: None)()
    script = _LIVE_RELOAD.search(html)
    if script:
        digest = base64.b64encode(hashlib.sha256(script.group(1)).digest())
        html = _SCRIPT_SRC.sub(lambda m: m.group(1) + b" 'sha256-" + digest + b"'", html, count=1)
    headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
    start_response(status, [*headers, ("Content-Length", str(len(html)))])
    return [html]


def _respond(start_response, status: str, kind: str, text: str):
    body = text.encode("utf-8")
    start_response(status, [("Content-Type", f"{kind}; charset=utf-8"), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store")])
    return [body]


def error_page(outcome: Outcome, generation: int) -> str:
    """The page every request gets while the last build failed."""
    errors = sum(p.severity == "error" for p in outcome.problems)
    if outcome.problems:
        summary = f"Dữ liệu có {errors} lỗi và {len(outcome.problems) - errors} cảnh báo."
        details = "<ol>" + "".join(_problem_item(p) for p in outcome.problems) + "</ol>"
    else:
        summary = "Dựng trang gặp lỗi ngoài dữ liệu (mẫu trang hoặc mã nguồn):"
        details = f"<pre>{html.escape(outcome.crash)}</pre>"
    return PAGE.format(summary=summary, details=details, generation=generation, poll=GENERATION_PATH)


def _problem_item(problem: Problem) -> str:
    where = f"{problem.file}:{problem.line}:{problem.column}"
    field_path = f" <span class=truong>({html.escape(problem.path)})</span>" if problem.path else ""
    return (f'<li class="{problem.severity}"><code>{html.escape(where)}</code> '
            f"<b>{SEVERITY_LABEL[problem.severity]} [{html.escape(problem.code)}]</b>: "
            f"{html.escape(problem.message)}{field_path}</li>")


PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lỗi dữ liệu: bản xem trước tạm dừng</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem;
       color: #1a1a1a; }}
h1 {{ color: #a4000f; font-size: 1.5rem; }}
li {{ margin: .5rem 0; }}
li.error b {{ color: #a4000f; }}
li.warning b {{ color: #7a4d00; }}
code, pre {{ font: .9rem/1.4 ui-monospace, monospace; background: #f3f3f3; padding: 0 .2rem; }}
pre {{ padding: .75rem; overflow-x: auto; }}
.truong {{ color: #555; }}
</style>
</head>
<body>
<h1>Bản xem trước tạm dừng: dữ liệu có lỗi</h1>
<p>{summary} Sửa từng mục dưới đây (tệp:dòng:cột) rồi lưu tệp: trang tự tải lại khi
dựng lại thành công. Danh sách này cũng in trong cửa sổ đang chạy <code>make serve</code>.</p>
{details}
<script>
(function poll() {{
  fetch("{poll}", {{cache: "no-store"}})
    .then(function (r) {{ return r.text(); }})
    .then(function (n) {{ if (Number(n) !== {generation}) location.reload(); else setTimeout(poll, 1000); }},
          function () {{ setTimeout(poll, 1000); }});
}})();
</script>
</body>
</html>
"""
