"""Cold start: wall time of fresh `workradar` processes.

    python bench/startup.py [--runs 5]

Each case is run once untimed (so the operating system's file cache and
workradar's own on-disk cache are warm, as for any second invocation), then
`--runs` times in new processes; the median wall time is printed with its
ratio to the target:
  * `workradar --help`                                   (target 0.3 s)
  * `workradar analyze <one paragraph>.md --format json`, English and German
                                                         (target 1.0 s)
  * `python -c "import workradar"`                       (no target)
The analyze cases are also run once with an empty cache folder
(`XDG_CACHE_HOME` pointed at a new temporary folder): the very first run
after installation, which computes and stores what later runs read.
The median CPU time (user + system) of the same processes is printed too: it
varies less than wall time when other work shares the cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
WORKRADAR = str(BIN / "workradar")

ENGLISH = (
    "Generative AI is changing the work of customer service agents. A study of 5,000 agents at a "
    "software company found that an AI assistant raised the number of issues resolved per hour by "
    "14 percent, with the largest gains for new and less experienced workers. Trade unions warn that "
    "call centre jobs could be cut, and the European Commission is preparing guidance on the use of "
    "algorithmic management in the workplace.\n"
)
GERMAN = (
    "Künstliche Intelligenz verändert die Arbeit in deutschen Verwaltungen. Laut einer Umfrage des "
    "Digitalverbands Bitkom setzen bereits 30 Prozent der Behörden KI-Systeme ein, etwa für die "
    "Bearbeitung von Anträgen. Die Gewerkschaft Verdi fordert, dass die Beschäftigten bei der "
    "Einführung mitbestimmen dürfen, und warnt vor dem Abbau von Stellen in der Sachbearbeitung.\n"
)


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds user + system) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "en.md").write_text(ENGLISH, encoding="utf-8")
        (folder / "de.md").write_text(GERMAN, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("WORKRADAR_")}
        cases: list[tuple[str, list[str], float | None]] = [
            ("workradar --help", [WORKRADAR, "--help"], 0.3),
            (
                "workradar analyze en.md --format json",
                [WORKRADAR, "analyze", "en.md", "--format", "json"],
                1.0,
            ),
            (
                "workradar analyze de.md --format json",
                [WORKRADAR, "analyze", "de.md", "--format", "json"],
                1.0,
            ),
            ('python -c "import workradar"', [sys.executable, "-c", "import workradar"], None),
        ]
        print(f"median of {args.runs} cold processes (after one untimed run)")
        print(f"{'case':<42}{'median s':>10}{'min s':>8}{'max s':>8}{'CPU s':>8}{'target s':>10}{'ratio':>7}")
        for label, cmd, target in cases:
            timed(cmd, env, folder)
            runs = [timed(cmd, env, folder) for _ in range(args.runs)]
            times = [w for w, _ in runs]
            median = statistics.median(times)
            cpu = statistics.median(c for _, c in runs)
            goal = f"{target:>10.1f}{median / target:>7.2f}" if target else f"{'-':>10}{'-':>7}"
            print(f"{label:<42}{median:>10.2f}{min(times):>8.2f}{max(times):>8.2f}{cpu:>8.2f}{goal}")

        print("first run with an empty cache folder:")
        for label, cmd, _ in cases[1:3]:
            with tempfile.TemporaryDirectory() as cache:
                seconds, cpu = timed(cmd, {**env, "XDG_CACHE_HOME": cache}, folder)
            print(f"{label:<42}{seconds:>10.2f}{'':>16}{cpu:>8.2f}")


if __name__ == "__main__":
    main()
