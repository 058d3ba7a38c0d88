"""What the README says of TensorBoard's Rust data server, checked against the real server on loopback.

tfcompat applies EventAccumulator's purge rules (to TF2 scalar tensors too); the data server,
which serves TensorBoard's charts, keeps one point per step instead: a step that repeats or goes
back replaces every earlier point of its tag at that step or later, whatever the file version.
"""

import subprocess
import time

import pytest

from tests.support import file_version, frame, scalar_tensor, simple, tensor_event
from tfcompat.logs import read_scalars

pytestmark = pytest.mark.slow


def _server_scalars(logdir):
    data_server = pytest.importorskip("tensorboard_data_server", reason="needs tensorboard's data server")
    grpc = pytest.importorskip("grpc", reason="needs grpcio to talk to the data server")
    from tensorboard.data.proto import data_provider_pb2 as pb
    from tensorboard.data.proto import data_provider_pb2_grpc as pbg

    binary = data_server.server_binary()
    if not binary:
        pytest.skip("tensorboard_data_server has no binary for this platform")
    port_file = logdir / "port"
    proc = subprocess.Popen([binary, "--logdir", str(logdir / "logs"), "--reload", "once", "--port", "0",
                             "--port-file", str(port_file), "--samples-per-plugin", "scalars=all",
                             "--die-after-stdin"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().endswith("\n")):
            assert proc.poll() is None and time.monotonic() < deadline, "the data server did not start"
            time.sleep(0.01)
        with grpc.insecure_channel(f"127.0.0.1:{int(port_file.read_text())}") as channel:
            stub = pbg.TensorBoardDataProviderStub(channel)
            request = pb.ReadScalarsRequest(experiment_id="", plugin_filter=pb.PluginFilter(plugin_name="scalars"),
                                            downsample=pb.Downsample(num_points=1000))
            while True:  # --reload once: poll until the load is committed
                resp = stub.ReadScalars(request, timeout=30)
                got = {(r.run_name, t.tag_name): list(t.data.step) for r in resp.runs for t in r.tags}
                if len(got) == 4 or time.monotonic() > deadline:
                    return got
                time.sleep(0.05)
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


def test_the_data_server_keeps_one_point_per_step_where_tfcompat_keeps_what_event_accumulator_keeps(tmp_path):
    steps = {"back": [0, 1, 2, 1, 3], "repeat": [0, 1, 1, 2]}
    for name, order in steps.items():
        for kind in ("tf1", "tf2"):
            events = [file_version()] + [
                simple(s, {"x": float(i)}) if kind == "tf1"
                else tensor_event(s, "x", scalar_tensor(float(i), "float32", content=True))
                for i, s in enumerate(order)
            ]
            run = tmp_path / "logs" / f"{name}_{kind}"
            run.mkdir(parents=True)
            (run / "events.out.tfevents.1.host").write_bytes(frame(events))
    server = _server_scalars(tmp_path)
    for name, order in steps.items():
        for kind in ("tf1", "tf2"):
            ours = read_scalars(tmp_path / "logs" / f"{name}_{kind}")[(".", "x")].step.tolist()
            assert ours == order  # a valid file version: only a session START purges (EventAccumulator's rule)
            assert server[(f"{name}_{kind}", "x")] == ({"back": [0, 1, 3], "repeat": [0, 1, 2]}[name])
