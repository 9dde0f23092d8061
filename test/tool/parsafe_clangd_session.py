"""Scripted editor sessions against parsafe-clangd (run by the lit tests in
this directory; `latency` is the measurement quoted in the docs).

usage: parsafe_clangd_session.py SCENARIO --proxy BIN --work DIR --inputs DIR [-- proxy args]
Each scenario prints what it observed, one fact a line, for FileCheck."""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import LspClient, apply_edits, describe, path_to_uri  # noqa: E402


def prepare(work, files, flags):
    """Copies files into work with a compile_commands.json giving them flags,
    the database both clangd and the analysis find next to the files."""
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work)
    entries = []
    paths = []
    for src in files:
        dst = os.path.join(work, os.path.basename(src))
        shutil.copy(src, dst)
        compiler = "clang" if dst.endswith(".c") else "clang++"
        entries.append({"directory": work, "file": dst,
                        "arguments": [compiler] + flags(dst) + ["-c", dst]})
        paths.append(dst)
    with open(os.path.join(work, "compile_commands.json"), "w") as f:
        json.dump(entries, f)
    return paths


def c_flags(path):
    return ["-std=c11", "-Wall", "-D_GNU_SOURCE"]


def open_file(client, path, language="c", version=1):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    uri = path_to_uri(path)
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": language, "version": version, "text": text}})
    return uri, text


def has_parsafe(params):
    return any(d.get("source") == "parsafe" for d in params["diagnostics"])


def print_diagnostics(label, params):
    for d in sorted(params["diagnostics"], key=describe):
        print("%s: %s" % (label, describe(d)))


def find_line(text, needle):
    return next(i for i, l in enumerate(text.split("\n")) if needle in l)


def scenario_merge(args):
    """didOpen of a racy file: clangd's and parsafe's diagnostics arrive in one
    publication; an incremental didChange that fixes the race removes parsafe's."""
    (path,) = prepare(args.work, [os.path.join(args.inputs, "racy.c")], c_flags)
    client = LspClient([args.proxy] + args.rest)
    # initialize arrives in pieces: the server must reassemble partial reads.
    init = client.initialize(args.work, chunks=5)
    print("server:", init["result"]["serverInfo"]["name"])
    uri, text = open_file(client, path)
    params = client.diagnostics(uri, lambda p: p.get("version") == 1 and has_parsafe(p))
    print_diagnostics("v1", params)
    race = next(d for d in params["diagnostics"] if d.get("source") == "parsafe")
    print("href:", race["codeDescription"]["href"].split("/docs/")[-1])
    for info in race.get("relatedInformation", []):
        loc = info["location"]
        print("related: %s:%d: %s" % (os.path.basename(loc["uri"]),
                                      loc["range"]["start"]["line"] + 1, info["message"]))

    line = find_line(text, "static long hits;")
    insert_at = {"line": line, "character": len("static ")}
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": insert_at, "end": insert_at}, "text": "_Atomic "}]})
    print("log:", client.wait_log(r"analysed racy\.c v2").split(": ", 1)[1].split(" in ")[0])
    client.wait_log(r"diagnostics of racy\.c v2 published")
    print_diagnostics("v2", client.latest_diagnostics(uri, 2))
    print("exit:", client.shutdown())


def scenario_folded_notes(args):
    """A client without relatedInformation support gets the notes in the
    message, as clangd does it."""
    (path,) = prepare(args.work, [os.path.join(args.inputs, "racy.c")], c_flags)
    client = LspClient([args.proxy] + args.rest)
    client.initialize(args.work, related_information=False)
    uri, text = open_file(client, path)
    params = client.diagnostics(uri, lambda p: p.get("version") == 1 and has_parsafe(p))
    race = next(d for d in params["diagnostics"] if d.get("source") == "parsafe")
    print("relatedInformation:", "relatedInformation" in race)
    for line in race["message"].split("\n"):
        print("message:", line)
    print("exit:", client.shutdown())


def scenario_codeaction(args):
    """textDocument/codeAction on parsafe's diagnostic returns its fix-it as a
    quick fix whose edit, applied to the buffer, is the fix."""
    (path,) = prepare(args.work, [os.path.join(args.inputs, "fork_exit.c")], c_flags)
    client = LspClient([args.proxy] + args.rest)
    client.initialize(args.work)
    uri, text = open_file(client, path)
    params = client.diagnostics(uri, lambda p: p.get("version") == 1 and has_parsafe(p))
    print_diagnostics("v1", params)
    diag = next(d for d in params["diagnostics"] if d.get("source") == "parsafe")

    def actions(rng, only=None):
        context = {"diagnostics": [diag]}
        if only:
            context["only"] = only
        result = client.call("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": rng, "context": context})["result"] or []
        return [a for a in result if a.get("title", "").startswith("parsafe")]

    for action in actions(diag["range"]):
        print("action: %s (%s, preferred=%s, for %s)" % (
            action["title"], action["kind"], action.get("isPreferred"),
            action["diagnostics"][0]["code"]))
        fixed = apply_edits(text, action["edit"]["changes"][uri])
        print("fixed line:", fixed.split("\n")[find_line(fixed, "child == 0") + 1].strip())
    elsewhere = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}}
    print("actions on line 1:", len(actions(elsewhere)))
    print("actions for only=refactor:", len(actions(diag["range"], only=["refactor"])))
    print("exit:", client.shutdown())


def scenario_analysis_fails(args):
    """A clang-tidy that crashes, is missing, or exports garbage, and a plugin
    that is missing: each failure is logged and clangd's diagnostics and
    requests keep working."""
    (path,) = prepare(args.work, [os.path.join(args.inputs, "racy.c")], c_flags)

    def script(name, body):
        path = os.path.join(args.work, name)
        with open(path, "w") as f:
            f.write("#!/bin/sh\n" + body)
        os.chmod(path, 0o755)
        return path

    crashing = script("crashing-tidy", "kill -SEGV $$\n")
    garbage = script("garbage-tidy", 'for a; do case "$a" in --export-fixes=*)\n'
                     '  echo "Diagnostics: [ {" > "${a#--export-fixes=}";; esac; done\n')
    tidy = [a for a in args.rest if a.startswith("--parsafe-tidy=")]
    rest = [a for a in args.rest if not a.startswith("--parsafe-tidy=")]
    for options in (["--parsafe-tidy=" + crashing],
                    ["--parsafe-tidy=" + os.path.join(args.work, "no-such-clang-tidy")],
                    ["--parsafe-tidy=" + garbage],
                    tidy + ["--parsafe-plugin=" + os.path.join(args.work, "no-such-plugin.so")]):
        client = LspClient([args.proxy] + options + rest)
        client.initialize(args.work)
        uri, text = open_file(client, path)
        line = client.wait_log(r"analysis of racy\.c v1 failed")
        print("log:", line.split(": ", 1)[1].replace(args.work, "WORK").split("\n")[0])
        params = client.diagnostics(uri, lambda p: p.get("version") == 1)
        print_diagnostics("v1", params)
        line = find_line(text, "hits++")
        hover = client.call("textDocument/hover", {
            "textDocument": {"uri": uri},
            "position": {"line": line, "character": text.split("\n")[line].index("hits")}})
        print("hover:", hover["result"]["contents"]["value"].split("\n")[0])
        print("exit:", client.shutdown())
        for line in client.log:
            if line and "warning: plugin" in line:
                print("log:", line.split(": ", 1)[1].replace(args.work, "WORK"))


def child_pids(pid):
    kids = []
    for task in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/children" % (pid, task)) as f:
            kids += [int(k) for k in f.read().split()]
    return kids


def scenario_clangd_dies(args):
    """clangd killed under the proxy: the proxy says so and exits non-zero."""
    (path,) = prepare(args.work, [os.path.join(args.inputs, "racy.c")], c_flags)
    client = LspClient([args.proxy] + args.rest)
    client.initialize(args.work)
    open_file(client, path)
    for pid in child_pids(client.proc.pid):
        with open("/proc/%d/comm" % pid) as f:
            if f.read().startswith("clangd"):
                os.kill(pid, signal.SIGKILL)
    print("exit:", client.wait_exit())
    print("log:", client.wait_log(r"clangd exited").split(": ", 1)[1])
    # No clangd at all: a clear error, not a hang.
    client = LspClient([args.proxy, "--clangd-binary=/nonexistent/clangd"] + args.rest)
    print("exit:", client.wait_exit())
    print("log:", client.wait_log(r"cannot start").split(": ", 1)[1])


def scenario_bad_input(args):
    """A message that is not JSON is forwarded (clangd judges it) and the
    session goes on; a broken frame header ends the session with an error."""
    prepare(args.work, [], c_flags)
    client = LspClient([args.proxy] + args.rest)
    client.initialize(args.work)
    client.send_raw(b"Content-Length: 9\r\n\r\nnot json!")
    print("log:", client.wait_log(r"parsafe-clangd: .*not JSON"))
    print("after it:", client.call("workspace/symbol", {"query": "x"})["result"])
    client.send_raw(b"Content-Length: many\r\n\r\n{}")
    print("exit:", client.wait_exit())
    print("log:", client.wait_log(r"bad message from the editor").split(": ", 1)[1])


def scenario_unsaved_header(args):
    """The analysis sees every open buffer: an unsaved edit to an included
    header (dropping _Atomic) makes the including file racy."""
    main, header = prepare(args.work, [os.path.join(args.inputs, "counter_main.c"),
                                       os.path.join(args.inputs, "counter.h")], c_flags)
    client = LspClient([args.proxy] + args.rest)
    client.initialize(args.work)
    uri, text = open_file(client, main)
    print("log:", client.wait_log(r"analysed counter_main\.c v1").split(": ", 1)[1].split(" in ")[0])
    with open(header, encoding="utf-8") as f:
        unsaved = f.read().replace("_Atomic ", "")
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": path_to_uri(header), "languageId": "c", "version": 1, "text": unsaved}})
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": text + "\n"}]})
    params = client.diagnostics(uri, lambda p: p.get("version") == 2 and has_parsafe(p))
    print_diagnostics("v2", params)
    with open(header, encoding="utf-8") as f:
        saved = f.read()
    print("on disk:", saved.split("\n")[2])
    # Undoing the header edit re-analyses the open file that includes it, at
    # its unchanged version 2: the race is gone. (stderr lags stdout: first
    # wait for the last line about the first analysis of v2.)
    client.wait_log(r"diagnostics of counter_main\.c v2 published")
    log_before = len(client.log)
    client.notify("textDocument/didChange", {"textDocument": {"uri": path_to_uri(header), "version": 2},
                                             "contentChanges": [{"text": saved}]})
    print("log:", client.wait_log(r"analysed counter_main\.c v2", since=log_before)
          .split(": ", 1)[1].split(" in ")[0])
    client.wait_log(r"diagnostics of counter_main\.c v2 published", since=log_before)
    after = client.latest_diagnostics(uri, 2)
    print("v2 after the header edit: %d diagnostics" % len(after["diagnostics"]))
    print_diagnostics("v2 after the header edit", after)
    print("exit:", client.shutdown())


def scenario_cancel(args):
    """An edit while the file is being analysed kills that clang-tidy; a burst
    of edits inside the debounce window is analysed once, at its last version."""
    (path,) = prepare(args.work, [os.path.join(args.inputs, "racy.c")], c_flags)
    tidy = next(a.split("=", 1)[1] for a in args.rest if a.startswith("--parsafe-tidy="))
    started = os.path.join(args.work, "started")
    slow = os.path.join(args.work, "slow-tidy")
    with open(slow, "w") as f:  # says when it runs, then takes its time
        f.write('#!/bin/sh\necho run >> "%s"\nsleep 2\nexec "%s" "$@"\n' % (started, tidy))
    os.chmod(slow, 0o755)
    rest = [a for a in args.rest if not a.startswith("--parsafe-tidy=")]
    client = LspClient([args.proxy, "--parsafe-tidy=" + slow] + rest)
    client.initialize(args.work)
    uri, text = open_file(client, path)
    deadline = time.time() + 60  # the shell creates the file before echo writes to it
    while not (os.path.exists(started) and os.path.getsize(started)) and time.time() < deadline:
        time.sleep(0.02)
    for version in range(2, 7):  # v1 is running: cancelled; v2..v5 superseded
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": text + "\n" * version}]})
    print("log:", client.wait_log(r"analysis of racy\.c v1 cancelled").split(": ", 1)[1])
    print("log:", client.wait_log(r"analysed racy\.c v6").split(": ", 1)[1].split(" in ")[0])
    params = client.diagnostics(uri, lambda p: p.get("version") == 6 and has_parsafe(p))
    print_diagnostics("v6", params)
    with open(started) as f:
        print("clang-tidy runs:", f.read().count("run"))
    print("exit:", client.shutdown())
    print("analysed versions:", sorted(set(re.findall(r"analysed racy\.c v(\d+)",
                                                      "\n".join(l for l in client.log if l)))))


def scenario_prepare(args):
    """Only lays out the work directory (for the Neovim test)."""
    for path in prepare(args.work, [os.path.join(args.inputs, "fork_exit.c")], c_flags):
        print(path)


def scenario_latency(args):
    """Time from didChange to the publication that carries parsafe's
    diagnostics for the new version, on every examples/*/before.cpp, next to
    clangd's own time to its diagnostics for that version."""
    examples = os.path.join(args.inputs)
    files = sorted(os.path.join(examples, d, "before.cpp") for d in os.listdir(examples)
                   if os.path.exists(os.path.join(examples, d, "before.cpp")))
    runtime = os.path.join(os.path.dirname(os.path.abspath(examples)), "runtime", "include")
    work_files = []
    for src in files:  # same basename in every example: one directory each
        sub = os.path.join(args.work, os.path.basename(os.path.dirname(src)))
        work_files += prepare(sub, [src], lambda p: ["-std=c++17", "-Wall", "-I" + runtime])
    client = LspClient([args.proxy] + args.rest)
    client.initialize(args.work)
    rows = []
    for path in work_files:
        uri, text = open_file(client, path, "cpp")
        client.diagnostics(uri, lambda p: p.get("version") == 1 and has_parsafe(p), timeout=120)
        parsafe_ms, clangd_ms, cpu_ms = [], [], []
        for version in range(2, 2 + args.repeat):
            log_before = len(client.log)
            start = time.time()
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text + "// edit %d\n" % version}]})
            client.diagnostics(uri, lambda p, v=version: p.get("version") == v, timeout=120)
            clangd_ms.append((time.time() - start) * 1000)
            client.diagnostics(uri, lambda p, v=version: p.get("version") == v and has_parsafe(p),
                               timeout=120)
            parsafe_ms.append((time.time() - start) * 1000)
            line = client.wait_log(r"analysed before\.cpp v%d:" % version, since=log_before)
            cpu_ms.append(int(re.search(r"CPU time (\d+) ms", line).group(1)))
        name = os.path.basename(os.path.dirname(path))
        p, c = statistics.median(parsafe_ms), statistics.median(clangd_ms)
        cpu = statistics.median(cpu_ms)
        rows.append((name, p, c, cpu))
        print("%-20s parsafe %6.0f ms   clangd %6.0f ms   ratio %5.2f   clang-tidy CPU %5.0f ms"
              % (name, p, c, p / c, cpu))
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    p = statistics.median(r[1] for r in rows)
    c = statistics.median(r[2] for r in rows)
    cpu = statistics.median(r[3] for r in rows)
    print("%-20s parsafe %6.0f ms   clangd %6.0f ms   ratio %5.2f   clang-tidy CPU %5.0f ms"
          % ("median", p, c, p / c, cpu))
    print("(time from didChange to the publication with each tool's diagnostics for the new "
          "version; median of %d edits per example; parsafe's includes the %s debounce)"
          % (args.repeat, "300 ms"))
    client.shutdown()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario")
    parser.add_argument("--proxy", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--inputs", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    argv = sys.argv[1:]
    rest = argv[argv.index("--") + 1:] if "--" in argv else []
    args = parser.parse_args(argv[:len(argv) - len(rest) - (1 if rest else 0)])
    args.rest = rest
    args.work = os.path.abspath(args.work)
    globals()["scenario_" + args.scenario.replace("-", "_")](args)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
