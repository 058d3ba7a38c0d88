"""``tfcompat check PATH... [--json]``: prints what :func:`tfcompat.check.scan_paths` finds.

Mirrors the report ``tf_upgrade_v2`` prints, plus the statuses of :mod:`tfcompat.check`.
"""

import json
import sys

from tfcompat.check import BROKEN, NEEDS_RUN, WORKS_WITH_IMPORTS, scan_paths

__all__ = ["configure", "main"]


def configure(parser):
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".py files, notebooks or folders to scan")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")


def main(args):
    report = scan_paths(args.paths)
    findings = report["findings"]
    if args.json:
        out = dict(report, findings=[f.as_dict() for f in findings])
        json.dump(out, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for f in findings:
            print(f"{f.location()}: {f.api}  [{f.status}]")
            print(f"    call:     {f.call}")
            print(f"    TF 2.21:  {f.tf221}")
            print(f"    tfcompat: {f.how}")
        for location, lines in report["skipped"].items():
            print(f"{location}: note: ignored lines that are not Python: {', '.join(map(str, lines))}")
        s = report["summary"]
        print(
            f"{report['files']} file(s), {len(findings)} legacy call(s): {s[WORKS_WITH_IMPORTS]} work with "
            f"tfcompat imports, {s[NEEDS_RUN]} only under `tfcompat run`, {s[BROKEN]} cannot work"
        )
    return 1 if report["summary"][BROKEN] else 0
