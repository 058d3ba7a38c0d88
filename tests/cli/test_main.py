"""The `tfcompat` dispatcher: exit codes that never read as a verdict by accident."""

import sys
import types

from tfcompat.cli import _main as _cli


def _fake_command(monkeypatch, exc):
    mod = types.ModuleType("tfcompat_fake_cmd")
    mod.configure = lambda parser: parser.add_argument("x")

    def main(args):
        raise exc

    mod.main = main
    monkeypatch.setitem(sys.modules, "tfcompat_fake_cmd", mod)
    monkeypatch.setitem(_cli.COMMANDS, "fake", ("tfcompat_fake_cmd", "a test command"))


def test_a_bug_exits_2_not_1(monkeypatch, capsys):
    _fake_command(monkeypatch, RuntimeError("bug"))
    assert _cli.main(["fake", "1"]) == 2
    err = capsys.readouterr().err
    assert "RuntimeError: bug" in err and "internal error" in err


def test_os_errors_exit_2_with_the_message(monkeypatch, capsys):
    _fake_command(monkeypatch, PermissionError(13, "Permission denied", "/x"))
    assert _cli.main(["fake", "1"]) == 2
    assert "tfcompat fake: error:" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    assert _cli.main(["inspect"]) == 2
    assert _cli.main([]) == 2
    assert _cli.main(["no-such-command"]) == 2


def test_run_a_directory_without_main_is_a_clear_error(tmp_path, capsys):
    assert _cli.main(["run", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "`SCRIPT` is a directory without a __main__.py. Received: SCRIPT=" in err and "Traceback" not in err
