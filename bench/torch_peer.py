"""The PyTorch side of a benchmark, served over stdin/stdout so the TypeScript side can interleave
its rounds with ours. Protocol: one JSON line per command, one JSON line per reply.
  {"cmd": "info"}            -> versions, threads, BLAS libraries actually mapped, matmul GFLOP/s
  {"cmd": "run", "steps": n} -> {"seconds": s, "loss": l} for n timed steps
plus any extra commands a benchmark registers (e.g. "init").
"""
import json
import sys
import time

import torch


def blas_libraries():
    """The BLAS shared objects mapped into this process: proves OpenBLAS, not the reference BLAS."""
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            if "blas" in path.lower():
                libs.add(path)
    return sorted(libs)


def matmul_gflops():
    a, b = torch.randn(1024, 1024), torch.randn(1024, 1024)
    for _ in range(3):
        a @ b
    t = time.perf_counter()
    for _ in range(10):
        a @ b
    return 2 * 1024**3 * 10 / (time.perf_counter() - t) / 1e9


def serve(step, extra_commands=None):
    """Answer commands from stdin until it closes; `step()` runs one training step, returns the loss."""
    handlers = dict(extra_commands or {})
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["cmd"] in handlers:
            reply = handlers[cmd["cmd"]](cmd)
        elif cmd["cmd"] == "info":
            reply = {
                "torch": torch.__version__,
                "threads": torch.get_num_threads(),
                "blas": blas_libraries(),
                "matmulGflops": matmul_gflops(),
            }
        elif cmd["cmd"] == "run":
            t = time.perf_counter()
            for _ in range(cmd["steps"]):
                loss = step()
            reply = {"seconds": time.perf_counter() - t, "loss": float(loss)}
        else:
            reply = {"error": f"unknown command {cmd['cmd']}"}
        print(json.dumps(reply), flush=True)
