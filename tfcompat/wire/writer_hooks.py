"""The event writers open in this process, and what happens to them at exit, fork and SIGTERM.

TF1's ``FileWriter`` flushed at ``close()`` and (TF 1.x Python) at interpreter
exit; a fork or a ``kill`` lost or duplicated events. Here, hooked lazily with
the first writer (importing hooks nothing):

* at exit, open writers are flushed and closed (``atexit``);
* in a forked child (``os.register_at_fork``) every writer forgets the parent's
  queue, file and locks: the child's exit writes nothing of the parent's and
  never waits on a lock a parent thread held at the fork; a writer the child
  uses writes a file of its own;
* SIGTERM, when no handler of the user's is installed (the default action),
  first flushes every open writer, then ends the process by SIGTERM as before.
  Installed only from the main thread; a handler installed later by the user
  replaces it and may call it (``signal.getsignal`` before installing); removed
  when the last writer closes.
"""

import atexit
import io
import os
import signal
import sys
import threading
import weakref

__all__ = ["track", "forget", "leave_to_parent", "remove_sigterm_handler"]

_open = weakref.WeakSet()
_lock = threading.Lock()
_state = {"hooked": False, "sigterm": False}
_left_to_parent = []  # file objects a forked child must neither flush nor close
_SIGTERM_WAIT = 2.0  # seconds the SIGTERM handler waits for a background write in progress


def track(writer):
    """Registers an open writer (hooking exit, fork and SIGTERM on the first one)."""
    with _lock:
        if not _state["hooked"]:
            atexit.register(_close_all)
            if hasattr(os, "register_at_fork"):
                os.register_at_fork(after_in_child=_after_fork_in_child)
            _state["hooked"] = True
        _open.add(writer)
    _install_sigterm_handler()


def forget(writer):
    """Unregisters a closed writer; the last one takes the SIGTERM handler with it."""
    _open.discard(writer)
    remove_sigterm_handler()


def leave_to_parent(f):
    """In a forked child: lets go of the parent's file object without flushing what it may buffer."""
    if isinstance(f, io.FileIO):  # unbuffered: closing the child's descriptor touches nothing of the parent's
        try:
            f.close()
        except OSError:
            pass
    else:  # a buffered object would write the parent's bytes again when closed or collected
        _left_to_parent.append(f)


def _report_lost(when, error):
    """The process is ending, so nobody can catch the error: say on stderr what was lost, then go on."""
    try:
        sys.stderr.write(f"tfcompat: {when}, an event writer failed: {type(error).__name__}: {error}\n")
    except Exception:  # stderr closed: nothing left to tell
        pass


def _close_all():
    for w in list(_open):
        try:
            w.close()
        except Exception as e:
            _report_lost("at exit", e)


def _after_fork_in_child():
    global _lock
    _lock = threading.Lock()  # another thread may have held it at the fork
    parent = os.getppid()
    writers = list(_open)
    _open.clear()
    for w in writers:
        w.forget_parent_after_fork(parent)
    # The handler stays installed if it was (it flushes nothing in this process until a writer is used here).


# -- SIGTERM --------------------------------------------------------------------------


def _install_sigterm_handler():
    if _state["sigterm"] or threading.current_thread() is not threading.main_thread():
        return
    try:
        if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
            return  # the user's own handler (or SIG_IGN): theirs decides
        signal.signal(signal.SIGTERM, _on_sigterm)
    except (ValueError, OSError):  # not the main interpreter, no signals here
        return
    _state["sigterm"] = True


def remove_sigterm_handler():
    """Puts back the default SIGTERM action once no writer is open, if the writers' handler is still installed.

    Only the main thread can: a last writer closed in another thread leaves it
    to the next call from the main thread (``tfcompat.unpatch()`` makes one).
    """
    if not _state["sigterm"] or _open or threading.current_thread() is not threading.main_thread():
        return
    try:
        if signal.getsignal(signal.SIGTERM) is _on_sigterm:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
    except (ValueError, OSError):
        return
    _state["sigterm"] = False


def _on_sigterm(signum, frame):
    for w in list(_open):
        try:
            w.flush_before_exit(_SIGTERM_WAIT)
        except Exception as e:  # the process is ending: a failing disk must not keep it alive
            _report_lost("on SIGTERM", e)
    # What SIGTERM did before the writers hooked it: end the process, by that signal.
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
