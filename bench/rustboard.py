"""TensorBoard's Rust data server (``tensorboard_data_server``, installed with tensorboard) as a benchmark peer.

:func:`load_time` starts it on a log directory with ``--reload once`` (one load, no
polling of the files afterwards) and ``--samples-per-plugin ...=all`` (no
downsampling: every point kept), then polls its gRPC API until every point is
readable, and returns the seconds from the spawn until then, and the server's peak RSS.

"Readable" is judged generously for the server: the time stops when the cheap List*
call shows every run and tag at its last step; a full Read* then checks the
point count outside the timing (fetching 1M points through Python's gRPC client
would add the client's cost). By default the server checksums only records that
fail to parse (its ``--no-checksum`` default); ``checksum=True`` passes ``--checksum``.
"""

import os
import subprocess
import tempfile
import time

__all__ = ["server_binary", "load_time"]

_PLUGIN = {"scalars": "scalars", "histograms": "histograms", "images": "images"}


def server_binary():
    from tensorboard_data_server import server_binary as find

    path = find()
    if not path:
        raise RuntimeError("tensorboard_data_server has no bundled binary")
    return path


def _stubs(port):
    import grpc
    from tensorboard.data.proto import data_provider_pb2 as pb
    from tensorboard.data.proto import data_provider_pb2_grpc as pbg

    channel = grpc.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.max_receive_message_length", -1)])
    return pb, pbg.TensorBoardDataProviderStub(channel), channel


def _listed(pb, stub, kind):
    """{(run, tag): max_step} the server lists now."""
    plugin = pb.PluginFilter(plugin_name=_PLUGIN[kind])
    if kind == "scalars":
        resp = stub.ListScalars(pb.ListScalarsRequest(experiment_id="", plugin_filter=plugin))
    elif kind == "histograms":
        resp = stub.ListTensors(pb.ListTensorsRequest(experiment_id="", plugin_filter=plugin))
    else:
        resp = stub.ListBlobSequences(pb.ListBlobSequencesRequest(experiment_id="", plugin_filter=plugin))
    return {(r.run_name, t.tag_name): t.metadata.max_step for r in resp.runs for t in r.tags}


def _count(pb, stub, kind):
    """Points the server returns for a full read of ``kind``."""
    plugin = pb.PluginFilter(plugin_name=_PLUGIN[kind])
    down = pb.Downsample(num_points=1 << 30)
    if kind == "scalars":
        resp = stub.ReadScalars(pb.ReadScalarsRequest(experiment_id="", plugin_filter=plugin, downsample=down),
                                timeout=600)
        return sum(len(t.data.step) for r in resp.runs for t in r.tags)
    if kind == "histograms":
        resp = stub.ReadTensors(pb.ReadTensorsRequest(experiment_id="", plugin_filter=plugin, downsample=down),
                                timeout=600)
        return sum(len(t.data.step) for r in resp.runs for t in r.tags)
    resp = stub.ReadBlobSequences(pb.ReadBlobSequencesRequest(experiment_id="", plugin_filter=plugin, downsample=down),
                                  timeout=600)
    return sum(len(t.data.step) for r in resp.runs for t in r.tags)


def _peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def load_time(logdir, expected, checksum=False, timeout=900, poll=0.005):
    """(seconds until every point is readable, peak RSS MB) of the Rust data server on ``logdir``.

    ``expected`` is a workload's dict: kind, points, tags (run/tag pairs), max_step.
    """
    kind = expected["kind"]
    with tempfile.TemporaryDirectory() as tmp:
        port_file = os.path.join(tmp, "port")
        argv = [server_binary(), "--logdir", logdir, "--reload", "once", "--port", "0", "--port-file", port_file,
                "--samples-per-plugin", "scalars=all,histograms=all,images=all", "--die-after-stdin",
                "--checksum" if checksum else "--no-checksum"]
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"the data server exited with {proc.returncode}")
                try:
                    with open(port_file) as f:
                        text = f.read()
                    if text.endswith("\n"):
                        port = int(text)
                        break
                except OSError:
                    pass
                time.sleep(0.001)
            pb, stub, channel = _stubs(port)
            done = None
            while time.perf_counter() - t0 < timeout:
                try:
                    listed = _listed(pb, stub, kind)
                except Exception:  # not serving yet
                    listed = {}
                if len(listed) >= expected["tags"] and all(s >= expected["max_step"] for s in listed.values()):
                    done = time.perf_counter() - t0
                    got = _count(pb, stub, kind)
                    if got >= expected["points"]:
                        break
                    done = None  # listed before everything was committed: keep polling
                time.sleep(poll)
            if done is None:
                raise RuntimeError(f"the data server did not load {expected['points']} points in {timeout} s")
            rss = _peak_rss_mb(proc.pid)
            channel.close()
            return done, rss
        finally:
            proc.stdin.close()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
