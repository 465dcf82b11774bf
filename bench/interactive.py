"""Interactive feel: how long `strata` takes to show its prompt.

Three figures, each the median of several starts:
- `prompt`: the REPL on a terminal (a pseudo-terminal here), from spawning the process to
  the first `strata> ` on the screen; then `.quit`.
- `version`: `strata --version`, the bare process start.
- `piped`: the REPL with standard input from /dev/null (reads nothing, exits at end of input).
Per-command times on S come from the `.timer on` lines of the benchmark's S runs (the REPL
and `strata run` execute statements through the same Session.execute).
"""
import os
import select
import statistics
import subprocess
import tempfile
import time

STARTS = 11


def _prompt_seconds(strata, workdir, env):
    master, slave = os.openpty()
    started = time.perf_counter()
    process = subprocess.Popen([strata], stdin=slave, stdout=slave, stderr=slave, cwd=workdir, env=env,
                               close_fds=True, start_new_session=True)
    os.close(slave)
    seen, elapsed = b"", None
    try:
        while time.perf_counter() - started < 10:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if b"strata> " in seen:
                elapsed = time.perf_counter() - started
                os.write(master, b".quit\n")
                break
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return elapsed


def _wall(command, env):
    started = time.perf_counter()
    subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def measure(strata, workdir):
    """{"prompt": [seconds…], "version": […], "piped": […]} (None where no prompt appeared)."""
    with tempfile.TemporaryDirectory(prefix="strata-bench-history-") as home:
        # A throw-away history file: the benchmark never touches the user's.
        env = dict(os.environ, NO_COLOR="1", STRATA_HISTORY=os.path.join(home, "history"), TERM="xterm")
        return {
            "prompt": [_prompt_seconds(strata, workdir, env) for _ in range(STARTS)],
            "version": [_wall([strata, "--version"], env) for _ in range(STARTS)],
            "piped": [_wall([strata], env) for _ in range(STARTS)],
        }


def median_ms(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) * 1000 if values else None
