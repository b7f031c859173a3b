"""The notebooks stage prints each notebook's own execution time at its end."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    from tests.notebooks.test_execute import EXECUTION_SECONDS, WORKERS

    if not EXECUTION_SECONDS:
        return
    tr = terminalreporter
    tr.section(f"notebook execution (parts {WORKERS} at a time)")
    for notebook, seconds in sorted(EXECUTION_SECONDS.items(), key=lambda kv: -kv[1]):
        tr.write_line(f"{notebook:<52} {seconds:6.0f} s")
    tr.write_line(f"{'sum':<52} {sum(EXECUTION_SECONDS.values()):6.0f} s")
