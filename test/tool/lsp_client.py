"""A scripted LSP client for parsafe-clangd's tests: speaks the base protocol
over the server's stdin/stdout, answers the server's own requests, and keeps
the server's stderr (its log) so tests can wait for what it reports."""

import json
import os
import queue
import re
import subprocess
import threading
import time


def path_to_uri(path):
    return "file://" + "".join(
        c if (c.isalnum() and c.isascii()) or c in "-._~/" else
        "".join("%%%02X" % b for b in c.encode()) for c in path)


def offset_of(text, line, character):
    """Index into text of an LSP position (character in UTF-16 units)."""
    lines = text.split("\n")
    start = sum(len(l) + 1 for l in lines[:line])
    units = 0
    column = 0
    for ch in lines[line]:
        if units >= character:
            break
        units += 2 if ord(ch) > 0xFFFF else 1
        column += 1
    return start + column


def apply_edits(text, edits):
    """Applies LSP TextEdits (non-overlapping) to text."""
    spans = []
    for e in edits:
        r = e["range"]
        spans.append((offset_of(text, r["start"]["line"], r["start"]["character"]),
                      offset_of(text, r["end"]["line"], r["end"]["character"]),
                      e["newText"]))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


class LspClient:
    def __init__(self, argv, cwd=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd)
        self.messages = queue.Queue()
        self.log = []
        self.log_changed = threading.Condition()
        self.next_id = 1
        self.responses = {}
        self.notifications = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # -- transport ----------------------------------------------------------
    def _read_stdout(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            self.messages.put(json.loads(out.read(length)))

    def _read_stderr(self):
        for raw in self.proc.stderr:
            with self.log_changed:
                self.log.append(raw.decode(errors="replace").rstrip("\n"))
                self.log_changed.notify_all()
        with self.log_changed:
            self.log.append(None)  # end of the log
            self.log_changed.notify_all()

    def send(self, message, chunks=1, pause=0.0):
        """Writes one message, split into `chunks` writes with `pause` between
        them (the server must reassemble partial reads)."""
        body = json.dumps(message).encode()
        data = b"Content-Length: %d\r\n\r\n" % len(body) + body
        step = max(1, -(-len(data) // chunks))
        for i in range(0, len(data), step):
            self.proc.stdin.write(data[i:i + step])
            self.proc.stdin.flush()
            if pause:
                time.sleep(pause)

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, **kw):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params}, **kw)
        return rid

    def _pump(self, deadline):
        """Handles one incoming message; False at end of stream or timeout."""
        try:
            msg = self.messages.get(timeout=max(0.0, deadline - time.time()))
        except queue.Empty:
            return False
        if msg is None:
            self.messages.put(None)
            return False
        if "method" in msg and "id" in msg:  # the server asks: say yes
            self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
        elif "method" in msg:
            self.notifications.append(msg)
        else:
            self.responses[msg["id"]] = msg
        return True

    def response(self, rid, timeout=60):
        deadline = time.time() + timeout
        while rid not in self.responses:
            if not self._pump(deadline):
                raise TimeoutError("no response to request %d" % rid)
        return self.responses.pop(rid)

    def call(self, method, params, timeout=60, **kw):
        return self.response(self.request(method, params, **kw), timeout)

    def diagnostics(self, uri, accept, timeout=60):
        """Waits for a publishDiagnostics of uri whose params satisfy accept;
        earlier ones already received count too."""
        deadline = time.time() + timeout
        seen = 0
        while True:
            published = [n["params"] for n in self.notifications
                         if n["method"] == "textDocument/publishDiagnostics"
                         and n["params"]["uri"] == uri]
            for params in published[seen:]:
                if accept(params):
                    return params
            seen = len(published)
            if not self._pump(deadline):
                raise TimeoutError("no matching diagnostics for %s; got %s"
                                   % (uri, json.dumps(published, indent=1)))

    def latest_diagnostics(self, uri, version):
        """The last publishDiagnostics of uri for version received so far,
        after a round trip through the server (so everything it had written
        before is in)."""
        self.call("workspace/symbol", {"query": "zzz_barrier"})
        return [n["params"] for n in self.notifications
                if n["method"] == "textDocument/publishDiagnostics"
                and n["params"]["uri"] == uri and n["params"].get("version") == version][-1]

    def wait_log(self, pattern, timeout=60, since=0):
        """Waits for a line of the server's stderr matching pattern (among
        the lines after the first `since`)."""
        regex = re.compile(pattern)
        deadline = time.time() + timeout
        with self.log_changed:
            while True:
                for line in self.log[since:]:
                    if line is not None and regex.search(line):
                        return line
                if None in self.log or time.time() > deadline:
                    raise TimeoutError("no log line matching %r in:\n%s"
                                       % (pattern, "\n".join(l for l in self.log if l)))
                self.log_changed.wait(timeout=max(0.0, deadline - time.time()))

    def wait_exit(self, timeout=30):
        return self.proc.wait(timeout=timeout)

    # -- session helpers ----------------------------------------------------
    def initialize(self, root, related_information=True, chunks=1):
        caps = {"textDocument": {
            "publishDiagnostics": {"relatedInformation": related_information,
                                   "versionSupport": True, "codeDescriptionSupport": True},
            "codeAction": {"codeActionLiteralSupport": {
                "codeActionKind": {"valueSet": ["quickfix", "refactor", "source"]}}},
            "synchronization": {"didSave": False}}}
        result = self.call("initialize", {"processId": os.getpid(), "rootUri": path_to_uri(root),
                                          "capabilities": caps}, chunks=chunks, pause=0.05)
        self.notify("initialized", {})
        return result

    def shutdown(self):
        self.call("shutdown", None)
        self.notify("exit", None)
        return self.wait_exit()


def describe(diag):
    """One line per diagnostic: source, code, 1-based line:column, message."""
    start = diag["range"]["start"]
    return "%s %s %d:%d %s" % (diag.get("source", "-"), diag.get("code", "-"),
                               start["line"] + 1, start["character"] + 1,
                               diag["message"].split("\n")[0])
