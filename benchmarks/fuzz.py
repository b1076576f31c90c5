"""The fuzz suite of tests/test_fuzz.py with many more examples, new ones each run.

    python benchmarks/fuzz.py [--examples N]

The test run uses 30 seeded examples per property so that CI stays within minutes; this
runs N (default 1000) random ones per property (a fifth as many builds) and prints the
time each property took. A failure prints the smallest example Hypothesis found and the
seed that reproduces it (``pytest tests/test_fuzz.py --hypothesis-seed=SEED``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000, help="per property")
    args = parser.parse_args()
    env = dict(os.environ, KG_FUZZ_PROFILE="long", KG_FUZZ_EXAMPLES=str(args.examples))
    command = [
        sys.executable, "-m", "pytest", "-q", "tests/test_fuzz.py", "--durations=0",
        "--hypothesis-show-statistics",
    ]  # fmt: skip
    return subprocess.run(command, cwd=REPO, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
