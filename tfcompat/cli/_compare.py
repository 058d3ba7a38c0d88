"""``tfcompat compare OLD NEW``: the regression test of a TF1 -> TF2 port, on the command line.

Exit codes: 0 equal within tolerance, 1 different, 2 usage or read error.
The reader and numpy load when the command is chosen, never for `tfcompat --help`.
"""

import json
import sys

from tfcompat.cli._progress import silence_stdout, warnings_to_stderr
from tfcompat.logs._compare import DEFAULT_ATOL, DEFAULT_RTOL, compare_logs
from tfcompat.logs._plot import plot_comparison, plot_format_of
from tfcompat.logs._presets import PRESET_ALIASES, PRESETS, get_preset, suggest_tag_map

__all__ = ["configure", "main"]

_EPILOG = """\
map rules (--map OLD=NEW, repeatable; they take precedence over --preset):
  each side is TAG or RUN:TAG; RUN is the folder relative to OLD/NEW ('.' = the folder itself).
  '*' matches anything and is carried to the other side:  --map 'train/*=train:epoch_*'
  a side without RUN: keeps the run of the other side;  A|B lists alternatives (first found wins);
  a run pattern '*/train' also matches the run 'train';  escape literal : = | * as \\: \\= \\| \\*.

presets (--preset NAME, see --list-presets):
  keras2018-to-keras3 (2018)  train/loss, train/acc, val/loss, val/acc, lr in one run
                              -> Keras 3 runs train/ and validation/: epoch_loss, epoch_accuracy,
                                 epoch_learning_rate
  keras2-to-keras3 (keras2)   Keras 2.0-2.2 callback: loss, acc, val_loss, val_acc in one run
  keras23-to-keras3 (keras23) tf.keras 1.13-1.15: epoch_loss, epoch_val_acc, batch_loss in one run
  tf1runs-to-keras3 (tf1runs) one TF1 FileWriter per phase: runs train and val|test|eval, tags loss, acc
  keras3-to-*                 the reverse of each

alignment: duplicate steps keep the last value written. --align step (default) compares equal steps;
  --align index compares the i-th distinct step of each side (old epochs 0.., new 1..).
tolerance: |new - old| <= atol + rtol * |old|; NaN equals NaN. Defaults rtol=1e-6 (a few float32 ulps:
  both TF1 simple_value and TF2 tensors store float32), atol=0.

exit status: 0 equal within tolerance, 1 different, 2 usage or read error."""


def configure(parser):
    import argparse

    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = _EPILOG
    parser.add_argument("old", nargs="?", metavar="OLD", help="reference log directory (e.g. the 2018 logs)")
    parser.add_argument("new", nargs="?", metavar="NEW", help="log directory to check (e.g. the TF2 run)")
    parser.add_argument("--map", action="append", default=[], metavar="OLD=NEW",
                        help="pair an old tag with a new one (repeatable; run:tag sides, * wildcards)")
    parser.add_argument("--preset", metavar="NAME", help="built-in tag map, e.g. keras2018-to-keras3 (alias 2018)")
    parser.add_argument("--list-presets", action="store_true", help="list the presets and their rules, then exit")
    parser.add_argument("--rtol", type=float, default=None, metavar="X", help="relative tolerance (default 1e-6)")
    parser.add_argument("--atol", type=float, default=None, metavar="X", help="absolute tolerance (default 0)")
    parser.add_argument("--tags", action="append", default=None, metavar="PATTERN",
                        help="compare only these tags (tag or run:tag, * wildcards, comma-separated, repeatable)")
    parser.add_argument("--align", choices=("step", "index"), default="step",
                        help="pair points by equal step (default) or by position")
    parser.add_argument("--partial", action="store_true",
                        help="steps only one side holds are reported but do not count as a difference")
    parser.add_argument("--strict", action="store_true",
                        help="tags only NEW holds count as a difference too")
    parser.add_argument("--skip-damaged", action="store_true",
                        help="read past damaged records instead of failing (exit 2)")
    parser.add_argument("--json", action="store_true", help="print a JSON report (schema tfcompat.compare/1)")
    parser.add_argument("--plot", metavar="FILE",
                        help="overlay old and new curves of the differing tags: FILE.png, .svg or .html")
    parser.add_argument("--max-rows", type=int, default=None, metavar="N", help="show at most N pairs in the table")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the one-line verdict")


def _usage_error(message):
    print(f"tfcompat compare: error: {message}", file=sys.stderr)
    return 2


def _list_presets():
    aliases = {}
    for alias, name in PRESET_ALIASES.items():
        aliases.setdefault(name, []).append(alias)
    for name, (_, doc) in PRESETS.items():
        extra = f" (alias {', '.join(aliases[name])})" if name in aliases else ""
        print(f"{name}{extra}: {doc}")
        for rule in get_preset(name).rules:
            print(f"    {rule.text}")
    return 0


def _hint(suggestion, args):
    """One line saying which arguments would pair the old tags that found no counterpart."""
    if suggestion.preset is not None:
        what = f"--preset {suggestion.preset}"
        full = PRESET_ALIASES.get(suggestion.preset)
        what += f" ({full})" if full else ""
    else:
        what = "these --map rules"
    share = "all" if suggestion.paired == suggestion.unmatched else f"{suggestion.paired} of the"
    return (f"hint: {share} {suggestion.unmatched} missing tag(s) would be paired by {what}; try:\n"
            f"  tfcompat compare {args.old} {args.new} {suggestion.arguments()}")


def main(args):
    if args.list_presets:
        try:
            return _list_presets()
        except BrokenPipeError:  # `--list-presets | head`
            silence_stdout()
            return 0
    if args.old is None or args.new is None:
        return _usage_error("the arguments OLD and NEW are required")
    if args.max_rows is not None and args.max_rows < 0:
        return _usage_error(f"`--max-rows` must be >= 0. Received: --max-rows={args.max_rows}")
    tags = None
    if args.tags:
        tags = [t.strip() for item in args.tags for t in item.split(",") if t.strip()]
    plot_format = None
    if args.plot:
        plot_format = plot_format_of(args.plot)  # fails before the (possibly long) read
    with warnings_to_stderr("compare"):
        result = compare_logs(
            args.old,
            args.new,
            rtol=DEFAULT_RTOL if args.rtol is None else args.rtol,
            atol=DEFAULT_ATOL if args.atol is None else args.atol,
            tag_map=args.map,
            preset=args.preset,
            tags=tags,
            align=args.align,
            partial=args.partial,
            strict=args.strict,
            skip_damaged=args.skip_damaged,
        )
    if args.plot:
        plot_comparison(result, args.plot, format=plot_format)
    suggestion = suggest_tag_map([k for k, _ in result.missing], result.extra, args.preset)
    try:
        if args.json:
            report = result.to_dict()
            if args.plot:
                report["plot"] = args.plot
            report["suggestion"] = suggestion.to_dict() if suggestion else None
            print(json.dumps(report, indent=2))
        elif args.quiet:
            print(result.summary())
        else:
            print(result.format(max_rows=args.max_rows))
            if args.plot:
                print(f"plot: {args.plot}")
            if suggestion:
                print(_hint(suggestion, args))
        sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the verdict is still the exit status
        silence_stdout()
    return 0 if result.equal else 1
