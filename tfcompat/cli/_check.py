"""``tfcompat check PATH... [--json]``: prints what :func:`tfcompat.check.scan_paths` finds.

Mirrors the report ``tf_upgrade_v2`` prints, plus what it leaves alone: per file,
its era as ``tfcompat run`` decides it (and the line that decided), each legacy
call, and the file's verdict. Exit 1 when something cannot work, else 0.
"""

import json
import sys

from tfcompat.check import BROKEN, DIFFERS, NEEDS_RUN, WORKS_WITH_IMPORTS, scan_paths

__all__ = ["configure", "main"]

_VERDICT_TEXT = {
    "unaffected": "nothing to change",
    WORKS_WITH_IMPORTS: "works with tfcompat's imports, or unchanged under `tfcompat run`",
    NEEDS_RUN: "works unchanged under `tfcompat run` (not with imports alone)",
    DIFFERS: "runs, but writes other logs than TF 1.x / tf.keras 2: see the calls marked differs",
    BROKEN: "cannot work: see the calls marked broken",
}


def configure(parser):
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".py files, notebooks or folders to scan")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def main(args):
    report = scan_paths(args.paths)
    findings = report["findings"]
    if args.json:
        files = [dict(f, findings=[x.as_dict() for x in f["findings"]]) for f in report["files"]]
        out = dict(report, files=files, findings=[f.as_dict() for f in findings])
        json.dump(out, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for entry in report["files"]:
            if not entry["findings"] and entry["era"] == "today":
                continue
            print(f"{entry['file']}: {entry['decision']}: {entry['verdict']} ({_VERDICT_TEXT[entry['verdict']]})")
            for f in entry["findings"]:
                print(f"  {f.location()}: {f.api}  [{f.status}]")
                print(f"      call:     {f.call}")
                print(f"      TF 2.21:  {f.tf221}")
                print(f"      tfcompat: {f.how}")
        for location, lines in report["skipped"].items():
            print(f"{location}: note: ignored lines that are not Python: {', '.join(map(str, lines))}")
        s = report["summary"]
        print(
            f"{len(report['files'])} file(s), {len(findings)} legacy call(s): {s[WORKS_WITH_IMPORTS]} work with "
            f"tfcompat imports, {s[NEEDS_RUN]} only under `tfcompat run`, {s[BROKEN]} cannot work"
            + (f", {s[DIFFERS]} run but differ from TF 1.x / tf.keras 2" if s[DIFFERS] else "")
        )
    return 1 if report["summary"][BROKEN] else 0
