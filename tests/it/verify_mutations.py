#!/usr/bin/env python3
"""Runs tools/verify_bundle.py on many mutations of one bundle in one process (the mutation
test in tests/it/audit_export.rs: thousands of changes, each checked by both verifiers).

    python3 verify_mutations.py BUNDLE PLAN.json

PLAN.json is a list of {"file": bundle path, "content": base64 of the changed file}. For
each entry the file is replaced, the bundle verified and the file restored; the output is a
JSON list of {"ok", "file", "line"} (the verdict's first failure), in plan order.
"""

import base64
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import verify_bundle  # noqa: E402


def main():
    bundle, plan_path = sys.argv[1], sys.argv[2]
    with open(plan_path, encoding="utf-8") as fh:
        plan = json.load(fh)
    out = []
    for m in plan:
        path = os.path.join(bundle, *m["file"].split("/"))
        with open(path, "rb") as fh:
            original = fh.read()
        try:
            with open(path, "wb") as fh:
                fh.write(base64.b64decode(m["content"]))
            try:
                verify_bundle.verify(bundle)
                out.append({"ok": True, "file": None, "line": None})
            except verify_bundle.Failure as f:
                out.append({"ok": False, "file": f.file, "line": f.line})
            except Exception as e:  # a crash names nothing: the Rust test reports it
                out.append({"ok": False, "file": None, "line": None, "crash": repr(e)})
        finally:
            with open(path, "wb") as fh:
                fh.write(original)
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
