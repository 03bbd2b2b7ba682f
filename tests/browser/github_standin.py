"""A stand-in for GitHub's API on loopback, over a real git repository, for the web editor's tests.

Sveltia CMS talks to GitHub through the REST API and the GraphQL API. This serves the part of
both that the editor uses to sign in with a token, read the repository, and save through the
editorial workflow (a branch, a commit on it, a pull request with a status label), from a git
repository in a temporary folder: the branch and the commit are real git objects, so a test
checks out the branch and runs `python -m macros validate` on what the editor wrote.

The same server serves the built site, so the page and the API share an origin and the page's
Content-Security-Policy (`connect-src 'self' https://api.github.com`) lets it through. Every
request is recorded; one the stand-in does not know is answered 404 and listed in `unknown`.
"""
from __future__ import annotations

import base64
import datetime as dt
import functools
import http.server
import json
import os
import re
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit, parse_qs

API_PREFIX = "/gh"  # api_root: Sveltia asks REST at /gh/api/v3 and GraphQL at /gh/api/graphql
TOKEN = "github_pat_standin_0123456789"
LOGIN = "bien-tap-yen-bai"
NAME = "Biên tập viên Yên Bái"


# -- the repository -------------------------------------------------------------------------------
class GitRepository:
    """Git plumbing over a working tree: what GitHub's API needs, nothing of the working tree's state."""

    def __init__(self, path: Path):
        self.path = path
        self.lock = threading.Lock()

    def git(self, *args: str, data: bytes | None = None, env: dict | None = None) -> bytes:
        result = subprocess.run(["git", *args], cwd=self.path, input=data, capture_output=True,
                                env={**os.environ, **(env or {})})
        if result.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)}: {result.stderr.decode()}")
        return result.stdout

    def resolve(self, ref: str) -> str | None:
        """A branch name, refs/heads/…, or a commit id -> the commit id (None if unknown)."""
        name = ref if ref.startswith("refs/") or re.fullmatch(r"[0-9a-f]{40}", ref) else f"refs/heads/{ref}"
        try:
            return self.git("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}").decode().strip()
        except RuntimeError:
            return None

    def tree(self, commit: str) -> list[dict]:
        out = self.git("ls-tree", "-r", "-l", "-z", commit).decode()
        entries = []
        for line in filter(None, out.split("\0")):
            meta, path = line.split("\t", 1)
            mode, kind, sha, size = meta.split()
            entries.append({"path": path, "mode": mode, "type": kind, "sha": sha,
                            "size": int(size) if size != "-" else 0})
        return entries

    def blob(self, sha: str) -> bytes:
        return self.git("cat-file", "blob", sha)

    def file_sha(self, commit: str, path: str) -> str | None:
        try:
            return self.git("rev-parse", "--verify", "--quiet", f"{commit}:{path}").decode().strip()
        except RuntimeError:
            return None

    def commit_info(self, sha: str) -> dict:
        fmt = "%H%x00%an%x00%ae%x00%cI%x00%B"
        oid, name, email, date, message = self.git("show", "-s", f"--format={fmt}", sha).decode().split("\0", 4)
        return {"oid": oid, "name": name, "email": email, "date": date, "message": message.strip()}

    def history(self, commit: str, path: str | None, first: int) -> list[str]:
        args = ["log", f"-{first}", "--format=%H", commit] + (["--", path] if path else [])
        return self.git(*args).decode().split()

    def commit_on(self, branch: str, expected: str, additions: dict[str, bytes], deletions: list[str],
                  message: str) -> str:
        """A commit on `branch` whose parent is `expected` (refused if the branch moved)."""
        with self.lock:
            head = self.resolve(branch)
            if head != expected:
                raise GraphQLError(f"Expected branch to point to \"{expected}\" but it did not. Pull and try again.")
            index = self.path / ".git" / f"standin-index-{threading.get_ident()}"
            env = {"GIT_INDEX_FILE": str(index)}
            try:
                self.git("read-tree", head, env=env)
                for path, content in additions.items():
                    sha = self.git("hash-object", "-w", "--stdin", data=content).decode().strip()
                    self.git("update-index", "--add", "--cacheinfo", f"100644,{sha},{path}", env=env)
                for path in deletions:
                    self.git("update-index", "--force-remove", path, env=env)
                tree = self.git("write-tree", env=env).decode().strip()
            finally:
                index.unlink(missing_ok=True)
            person = {"GIT_AUTHOR_NAME": NAME, "GIT_AUTHOR_EMAIL": f"{LOGIN}@users.noreply.github.com",
                      "GIT_COMMITTER_NAME": "GitHub", "GIT_COMMITTER_EMAIL": "noreply@github.com"}
            commit = self.git("commit-tree", tree, "-p", head, "-m", message, env=person).decode().strip()
            self.git("update-ref", f"refs/heads/{branch}", commit, head)
            return commit

    def set_ref(self, branch: str, sha: str) -> None:
        self.git("update-ref", f"refs/heads/{branch}", sha)

    def delete_ref(self, branch: str) -> None:
        self.git("update-ref", "-d", f"refs/heads/{branch}")

    def changed_files(self, base: str, head: str) -> list[tuple[str, str]]:
        out = self.git("diff", "--name-status", "--no-renames", f"{base}...{head}").decode()
        return [tuple(line.split("\t", 1)) for line in out.splitlines() if line]


# -- a small GraphQL executor ---------------------------------------------------------------------
class GraphQLError(Exception):
    """Answered as GitHub does: HTTP 200 with `errors`."""


_TOKEN = re.compile(r'\s*(?:(\.\.\.)|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([{}()\[\]:$!=@,]))')


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise GraphQLError(f"cannot parse the query at {text[pos:pos + 30]!r}")
        pos = match.end()
        spread, string, number, name, punct = match.groups()
        if punct == ",":
            continue
        tokens.append(("spread", "...") if spread else ("string", json.loads(string)) if string
                      else ("number", number) if number else ("name", name) if name else ("punct", punct))
    return tokens


@dataclass
class Selection:
    name: str
    alias: str
    args: dict = field(default_factory=dict)
    children: list | None = None
    on_type: str | None = None  # an inline fragment `... on Type`


class _Parser:
    def __init__(self, text: str, variables: dict):
        self.tokens = _tokens(text)
        self.pos = 0
        self.variables = variables

    def peek(self, value=None):
        token = self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", None)
        return token if value is None else token[1] == value

    def take(self, value=None):
        token = self.peek()
        if value is not None and token[1] != value:
            raise GraphQLError(f"expected {value!r}, found {token[1]!r}")
        self.pos += 1
        return token[1]

    def operation(self) -> tuple[str, list[Selection]]:
        kind = self.take() if self.peek()[0] == "name" else "query"
        if self.peek("("):  # variable definitions: their types do not matter here
            depth = 0
            while True:
                token = self.take()
                depth += token == "("
                depth -= token == ")"
                if depth == 0:
                    break
        return kind, self.selections()

    def selections(self) -> list[Selection]:
        self.take("{")
        found = []
        while not self.peek("}"):
            if self.peek()[0] == "spread":
                self.take()
                self.take("on")
                on_type = self.take()
                found.append(Selection("", "", on_type=on_type, children=self.selections()))
                continue
            name = self.take()
            alias = name
            if self.peek(":"):
                self.take()
                name = self.take()
            args = self.arguments() if self.peek("(") else {}
            children = self.selections() if self.peek("{") else None
            found.append(Selection(name, alias, args, children))
        self.take("}")
        return found

    def arguments(self) -> dict:
        self.take("(")
        args = {}
        while not self.peek(")"):
            name = self.take()
            self.take(":")
            args[name] = self.value()
        self.take(")")
        return args

    def value(self):
        kind, token = self.peek()
        if token == "$":
            self.take()
            return self.variables.get(self.take())
        if token == "[":
            self.take()
            items = []
            while not self.peek("]"):
                items.append(self.value())
            self.take("]")
            return items
        if token == "{":
            self.take()
            obj = {}
            while not self.peek("}"):
                key = self.take()
                self.take(":")
                obj[key] = self.value()
            self.take("}")
            return obj
        self.take()
        if kind == "number":
            return float(token) if "." in token else int(token)
        return {"true": True, "false": False, "null": None}.get(token, token) if kind == "name" else token


@dataclass
class Obj:
    """A GraphQL object: its type name and fields (values, or functions of the field's arguments)."""
    typename: str
    fields: dict


def execute(root: Obj, selections: list[Selection], missing: list[str]) -> dict:
    out = {}
    for sel in selections:
        if sel.on_type is not None:
            if sel.on_type == root.typename:
                out.update(execute(root, sel.children, missing))
            continue
        if sel.name == "__typename":
            out[sel.alias] = root.typename
            continue
        if sel.name not in root.fields:
            missing.append(f"{root.typename}.{sel.name}")
            out[sel.alias] = None
            continue
        value = root.fields[sel.name]
        value = value(**sel.args) if callable(value) else value
        out[sel.alias] = _shape(value, sel.children, missing)
    return out


def _shape(value, children, missing):
    if children is None or value is None:
        return value
    if isinstance(value, list):
        return [_shape(item, children, missing) for item in value]
    if isinstance(value, dict):
        value = Obj("", value)
    return execute(value, children, missing)


# -- the stand-in ---------------------------------------------------------------------------------
@dataclass
class PullRequest:
    number: int
    title: str
    head: str
    base: str
    draft: bool
    created: str
    labels: list[str] = field(default_factory=list)
    state: str = "open"

    @property
    def node_id(self) -> str:
        return f"PR_{self.number}"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class GitHubStandIn:
    """GitHub's REST and GraphQL APIs for one repository, as far as the web editor uses them."""

    def __init__(self, repo_dir: Path, full_name: str):
        self.repo = GitRepository(repo_dir)
        self.owner, self.name = full_name.split("/")
        self.pulls: list[PullRequest] = []
        self.requests: list[str] = []
        self.unknown: list[str] = []
        self.missing_fields: list[str] = []
        self.base_url = ""  # set once the server listens

    # REST ----------------------------------------------------------------------------------------
    def rest(self, method: str, path: str, query: dict, body) -> tuple[int, object]:
        repo = f"/repos/{self.owner}/{self.name}"
        routes = [
            ("GET", r"/user", self.user),
            ("GET", rf"{repo}/collaborators/([^/]+)", self.collaborator),
            ("GET", rf"{repo}/git/trees/(.+)", self.tree),
            ("GET", rf"{repo}/git/blobs/([0-9a-f]{{40}})", self.blob),
            ("POST", rf"{repo}/pulls", self.create_pull),
            ("PATCH", rf"{repo}/pulls/(\d+)", self.update_pull),
            ("GET", rf"{repo}/pulls/(\d+)/files", self.pull_files),
            ("PUT", rf"{repo}/pulls/(\d+)/merge", self.merge_pull),
            ("GET", rf"{repo}/issues/(\d+)", self.issue),
            ("PATCH", rf"{repo}/issues/(\d+)", self.update_issue),
            ("POST", rf"{repo}/issues/(\d+)/labels", self.add_labels),
            ("PATCH", rf"{repo}/git/refs/heads/(.+)", self.update_ref),
            ("DELETE", rf"{repo}/git/refs/heads/(.+)", self.delete_ref),
        ]
        for verb, pattern, handler in routes:
            match = re.fullmatch(pattern, path)
            if verb == method and match:
                return handler(*[unquote(g) for g in match.groups()], query=query, body=body)
        self.unknown.append(f"{method} {path}")
        return 404, {"message": "Not Found"}

    def user(self, query, body):
        return 200, {"login": LOGIN, "id": 4201, "name": NAME, "email": None, "avatar_url": None,
                     "html_url": f"https://github.com/{LOGIN}"}

    def collaborator(self, login, query, body):
        return (204, None) if login == LOGIN else (404, {"message": "Not Found"})

    def tree(self, ref, query, body):
        commit = self.repo.resolve(ref)
        if commit is None:
            return 404, {"message": "Not Found"}
        return 200, {"sha": commit, "truncated": False,
                     "tree": [{**entry, "url": ""} for entry in self.repo.tree(commit)]}

    def blob(self, sha, query, body):
        return 200, self.repo.blob(sha)

    def create_pull(self, query, body):
        head = body["head"].split(":")[-1]
        if self.repo.resolve(head) is None:
            return 422, {"message": "Validation Failed"}
        pull = PullRequest(len(self.pulls) + 1, body["title"], head, body["base"], bool(body.get("draft")), _now())
        self.pulls.append(pull)
        return 201, self.pull_json(pull)

    def pull_json(self, pull: PullRequest) -> dict:
        return {"number": pull.number, "node_id": pull.node_id, "title": pull.title, "state": pull.state,
                "draft": pull.draft, "html_url": f"https://github.com/{self.owner}/{self.name}/pull/{pull.number}",
                "head": {"ref": pull.head, "sha": self.repo.resolve(pull.head)}, "base": {"ref": pull.base},
                "created_at": pull.created, "updated_at": _now(), "labels": [{"name": n} for n in pull.labels]}

    def pull(self, number) -> PullRequest:
        return self.pulls[int(number) - 1]

    def update_pull(self, number, query, body):
        self.pull(number).state = body.get("state", self.pull(number).state)
        return 200, self.pull_json(self.pull(number))

    def pull_files(self, number, query, body):
        pull = self.pull(number)
        statuses = {"A": "added", "M": "modified", "D": "removed"}
        return 200, [{"filename": path, "status": statuses.get(status, "modified")}
                     for status, path in self.repo.changed_files(pull.base, pull.head)]

    def merge_pull(self, number, query, body):
        return 405, {"message": "Pull Request is not mergeable: review required"}  # branch protection

    def issue(self, number, query, body):
        return 200, {"number": int(number), "labels": [{"name": n} for n in self.pull(number).labels]}

    def update_issue(self, number, query, body):
        self.pull(number).labels = list(body.get("labels", self.pull(number).labels))
        return 200, {"number": int(number), "labels": [{"name": n} for n in self.pull(number).labels]}

    def add_labels(self, number, query, body):
        pull = self.pull(number)
        pull.labels += [n for n in body["labels"] if n not in pull.labels]
        return 200, [{"name": n} for n in pull.labels]

    def update_ref(self, branch, query, body):
        self.repo.set_ref(branch, body["sha"])
        return 200, {"ref": f"refs/heads/{branch}", "object": {"sha": body["sha"]}}

    def delete_ref(self, branch, query, body):
        self.repo.delete_ref(branch)
        return 204, None

    # GraphQL -------------------------------------------------------------------------------------
    def graphql(self, body: dict) -> dict:
        try:
            kind, selections = _Parser(body["query"], body.get("variables") or {}).operation()
            root = self.mutation() if kind == "mutation" else Obj("Query", {"repository": self.repository})
            return {"data": execute(root, selections, self.missing_fields)}
        except GraphQLError as error:
            return {"data": None, "errors": [{"type": "UNPROCESSABLE", "message": str(error)}]}

    def repository(self, owner, name):
        if (owner, name) != (self.owner, self.name):
            return None
        return Obj("Repository", {
            "id": "R_standin", "nameWithOwner": f"{owner}/{name}", "isFork": False,
            "defaultBranchRef": {"name": "main"},
            "ref": lambda qualifiedName: self.ref(qualifiedName),
            "object": lambda oid=None, expression=None: self.object(oid, expression),
            "pullRequests": lambda **args: self.pull_requests(**args),
        })

    def ref(self, name):
        sha = self.repo.resolve(name)
        return None if sha is None else Obj("Ref", {"name": name.removeprefix("refs/heads/"),
                                                    "target": self.commit(sha)})

    def commit(self, sha: str) -> Obj:
        info = self.repo.commit_info(sha)
        return Obj("Commit", {
            "oid": sha, "message": info["message"], "committedDate": info["date"],
            "status": None, "deployments": {"nodes": []}, "checkSuites": {"nodes": []},
            "author": {"name": info["name"], "email": info["email"], "avatarUrl": "",
                       "user": {"databaseId": 4201, "login": LOGIN} if info["email"].startswith(LOGIN) else None},
            "history": lambda first=100, path=None: {
                "nodes": [self.commit(s) for s in self.repo.history(sha, path, first)]},
            "file": lambda path: (lambda oid: {"oid": oid} if oid else None)(self.repo.file_sha(sha, path)),
        })

    def object(self, oid=None, expression=None):
        if expression is not None:
            ref, path = expression.split(":", 1)
            commit = self.repo.resolve(ref)
            oid = self.repo.file_sha(commit, path) if commit else None
        if oid is None:
            return None
        kind = self.repo.git("cat-file", "-t", oid).decode().strip()
        if kind == "commit":
            return self.commit(oid)
        data = self.repo.blob(oid)
        text = data.decode("utf-8", errors="replace")
        return Obj("Blob", {"oid": oid, "text": text, "isTruncated": False, "byteSize": len(data),
                            "isBinary": b"\0" in data})

    def pull_requests(self, states=None, labels=None, first=100, orderBy=None, headRefName=None):
        found = [p for p in self.pulls if p.state == "open"
                 and (labels is None or set(labels) & set(p.labels))
                 and (headRefName is None or p.head == headRefName)]
        return {"totalCount": len(found), "nodes": [self.pull_node(p) for p in found[:first]]}

    def pull_node(self, pull: PullRequest) -> Obj:
        changes = {"A": "ADDED", "M": "MODIFIED", "D": "DELETED"}
        return Obj("PullRequest", {
            "id": pull.node_id, "number": pull.number, "title": pull.title, "isDraft": pull.draft,
            "url": f"https://github.com/{self.owner}/{self.name}/pull/{pull.number}",
            "isCrossRepository": False, "createdAt": pull.created, "updatedAt": _now(),
            "headRefName": pull.head, "headRefOid": self.repo.resolve(pull.head),
            "author": Obj("User", {"login": LOGIN, "avatarUrl": "", "name": NAME, "email": "", "databaseId": 4201}),
            "labels": lambda first=100: {"nodes": [{"name": n} for n in pull.labels]},
            "files": lambda first=100: {"nodes": [{"path": path, "changeType": changes.get(status, "MODIFIED")}
                                                  for status, path in self.repo.changed_files(pull.base, pull.head)]},
        })

    def mutation(self) -> Obj:
        return Obj("Mutation", {
            "createRef": lambda input: self.create_ref(**input),
            "createCommitOnBranch": lambda input: self.create_commit(**input),
            "markPullRequestReadyForReview": lambda input: self.set_draft(input["pullRequestId"], False),
            "convertPullRequestToDraft": lambda input: self.set_draft(input["pullRequestId"], True),
        })

    def create_ref(self, repositoryId, name, oid):
        branch = name.removeprefix("refs/heads/")
        if self.repo.resolve(branch) is not None:
            raise GraphQLError(f'A ref named "{name}" already exists in the repository.')
        self.repo.set_ref(branch, oid)
        return {"ref": {"name": name}}

    def create_commit(self, branch, expectedHeadOid, fileChanges, message, **_):
        additions = {a["path"]: base64.b64decode(a["contents"]) for a in fileChanges.get("additions", [])}
        deletions = [d["path"] for d in fileChanges.get("deletions", [])]
        headline = message["headline"] + (f"\n\n{message['body']}" if message.get("body") else "")
        sha = self.repo.commit_on(branch["branchName"], expectedHeadOid, additions, deletions, headline)
        return {"commit": self.commit(sha)}

    def set_draft(self, node_id, draft: bool):
        pull = next(p for p in self.pulls if p.node_id == node_id)
        pull.draft = draft
        return {"pullRequest": {"isDraft": draft}}


# -- the server -----------------------------------------------------------------------------------
class _Handler(http.server.SimpleHTTPRequestHandler):
    """The built site, the editor's configuration for this server, and the API under /gh/."""
    standin: GitHubStandIn
    config_text: str

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw) if raw else None

    def _api(self, method: str) -> bool:
        parts = urlsplit(self.path)
        if not parts.path.startswith(API_PREFIX + "/"):
            return False
        self.standin.requests.append(f"{method} {parts.path}")
        if self.headers.get("Authorization") != f"token {TOKEN}":
            self._send(401, {"message": "Bad credentials"})
            return True
        body = self._body()
        if parts.path == f"{API_PREFIX}/api/graphql":
            self._send(200, self.standin.graphql(body))
        else:
            status, answer = self.standin.rest(method, parts.path.removeprefix(f"{API_PREFIX}/api/v3"),
                                               parse_qs(parts.query), body)
            self._send(status, answer)
        return True

    def _send(self, status: int, answer) -> None:
        raw = answer if isinstance(answer, bytes) else b"" if answer is None else json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream" if isinstance(answer, bytes)
                         else "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_GET(self):
        if self._api("GET"):
            return
        if urlsplit(self.path).path == "/bien-tap/config.yml":
            self._send_text(self.config_text, "application/yaml; charset=utf-8")
            return
        super().do_GET()

    def _send_text(self, text: str, content_type: str) -> None:
        raw = text.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_POST(self):
        self._api("POST") or self.send_error(405)

    def do_PATCH(self):
        self._api("PATCH") or self.send_error(405)

    def do_PUT(self):
        self._api("PUT") or self.send_error(405)

    def do_DELETE(self):
        self._api("DELETE") or self.send_error(405)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        import sys
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(site_dir: Path, standin: GitHubStandIn, config_for) -> tuple[_Server, str]:
    """Start the server on 127.0.0.1; `config_for(api_root)` gives the editor's config.yml text."""
    server = _Server(("127.0.0.1", 0), None)
    base = f"http://127.0.0.1:{server.server_port}"
    standin.base_url = base
    handler = type("Handler", (_Handler,), {"standin": standin, "config_text": config_for(base + API_PREFIX)})
    server.RequestHandlerClass = functools.partial(handler, directory=str(site_dir))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base
