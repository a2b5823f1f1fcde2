"""Start-up cost in CPU seconds (not wall time: the machine is shared), each figure the least of
``--repeat`` fresh processes: ``import textmend``, ``import textmend.cli``, building the default
configuration, loading each default stage (``stages.prepare``, in pipeline order, so the word counts
despin loads are not counted again for words), and ``textmend clean`` of one small file end to end
(the process and its children, interpreter start included).

    python benchmarks/startup.py                    # this tree (PYTHONPATH=src)
    python benchmarks/startup.py --src OTHER/src    # another tree, to compare
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PARTS = """
import time
T = time.process_time
t = T(); import textmend; out = {"import textmend": T() - t}
t = T(); import textmend.cli; out["import textmend.cli"] = T() - t
from textmend import stages
from textmend.config import Config
t = T(); cfg = Config(); out["Config()"] = T() - t
for name in stages.DEFAULT:
    t = T(); stages.prepare(name, cfg.options[name]); out[f"load {name}"] = T() - t
import json; print(json.dumps(out))
"""

_END_TO_END = """
import resource, sys
sys.argv = ["textmend", "clean", sys.argv[1], "--out", sys.argv[2], "--quiet"]
from textmend.cli import app
try:
    app()
except SystemExit:
    pass
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the source tree to measure")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.src)}
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "one.txt"
        src.write_text("The mayor said  on Tuesday that the bridge will close .\n", encoding="utf-8")
        for _ in range(args.repeat):
            parts = subprocess.run(
                [sys.executable, "-c", _PARTS], env=env, capture_output=True, text=True, check=True
            ).stdout
            for key, value in json.loads(parts).items():
                best[key] = min(value, best.get(key, value))
            whole = subprocess.run(
                [sys.executable, "-c", _END_TO_END, str(src), str(Path(tmp) / "out.txt")],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            key = "clean one small file, end to end"
            best[key] = min(float(whole), best.get(key, float(whole)))
    print(f"CPU seconds, least of {args.repeat} fresh processes ({args.src}):")
    for key, value in best.items():
        print(f"  {key:36} {value:6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
