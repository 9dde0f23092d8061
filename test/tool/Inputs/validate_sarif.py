"""Checks a SARIF log for what SARIF 2.1.0 requires and GitHub code scanning
reads (no jsonschema on this machine: the rules are spelled out here).

usage: validate_sarif.py LOG [--expect-results N] [--expect-related] [--expect-fixes]
"""
import json
import sys


def fail(message):
    sys.stderr.write("validate_sarif: " + message + "\n")
    sys.exit(1)


def check_location(loc, where):
    phys = loc.get("physicalLocation") or fail(where + ": no physicalLocation")
    art = phys.get("artifactLocation") or fail(where + ": no artifactLocation")
    uri = art.get("uri") or fail(where + ": no uri")
    if uri.startswith("/"):
        fail(where + ": uri %r is absolute without a scheme" % uri)
    if not uri.startswith("file://") and art.get("uriBaseId") != "%SRCROOT%":
        fail(where + ": relative uri %r without uriBaseId %%SRCROOT%%" % uri)
    region = phys.get("region")
    if region is not None and (region.get("startLine", 0) < 1 or region.get("startColumn", 1) < 1):
        fail(where + ": region lines and columns are 1-based")


def main():
    log = json.load(open(sys.argv[1]))
    args = sys.argv[2:]
    if log.get("version") != "2.1.0":
        fail("version is not 2.1.0")
    if "sarif-2.1.0" not in log.get("$schema", ""):
        fail("$schema does not name SARIF 2.1.0")
    runs = log.get("runs")
    if not isinstance(runs, list) or len(runs) != 1:
        fail("expected exactly one run")
    run = runs[0]
    driver = run.get("tool", {}).get("driver", {})
    if driver.get("name") != "parsafe-check":
        fail("tool.driver.name is not parsafe-check")
    rules = driver.get("rules") or fail("no rules")
    ids = [r.get("id") for r in rules]
    if len(set(ids)) != len(ids):
        fail("duplicate rule ids")
    for rule in rules:
        for key in ("shortDescription", "fullDescription", "help"):
            if not rule.get(key, {}).get("text"):
                fail("rule %s has no %s.text" % (rule.get("id"), key))
        if rule["id"].startswith("parsafe-") and not rule["help"]["text"].startswith("# " + rule["id"]):
            fail("rule %s: help is not its docs page" % rule["id"])
    base = run.get("originalUriBaseIds", {}).get("%SRCROOT%", {}).get("uri", "")
    if not base.startswith("file:///") or not base.endswith("/"):
        fail("%SRCROOT% must be an absolute file:// URI ending in /")
    results = run.get("results")
    if not isinstance(results, list):
        fail("no results array")
    related = fixes = 0
    for i, res in enumerate(results):
        where = "result %d" % i
        rid = res.get("ruleId") or fail(where + ": no ruleId")
        if ids[res.get("ruleIndex", -1)] != rid:
            fail(where + ": ruleIndex does not point at rule " + rid)
        if res.get("level") not in ("none", "note", "warning", "error"):
            fail(where + ": bad level")
        if not res.get("message", {}).get("text"):
            fail(where + ": no message.text")
        if not res.get("partialFingerprints"):
            fail(where + ": no partialFingerprints")
        for loc in res.get("locations") or fail(where + ": no locations"):
            check_location(loc, where)
        for loc in res.get("relatedLocations", []):
            related += 1
            check_location(loc, where + " related")
            if not loc.get("message", {}).get("text"):
                fail(where + ": related location without message")
        for fix in res.get("fixes", []):
            fixes += 1
            for change in fix.get("artifactChanges") or fail(where + ": fix without changes"):
                check_location({"physicalLocation": {"artifactLocation": change["artifactLocation"]}}, where)
                for rep in change.get("replacements") or fail(where + ": no replacements"):
                    if "deletedRegion" not in rep:
                        fail(where + ": replacement without deletedRegion")
    if "--expect-results" in args:
        n = int(args[args.index("--expect-results") + 1])
        if len(results) != n:
            fail("%d results, expected %d" % (len(results), n))
    if "--expect-related" in args and not related:
        fail("no relatedLocations")
    if "--expect-fixes" in args and not fixes:
        fail("no fixes")
    print("valid SARIF: %d rules, %d results, %d related locations, %d fixes"
          % (len(rules), len(results), related, fixes))


main()
