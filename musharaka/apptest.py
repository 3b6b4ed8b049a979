"""Pages under Streamlit's AppTest as a server runs them, for the tests and the benchmark.

A server scans the installed packages for custom components once, when it starts; AppTest
scans them again for every new app (0.1 s, more than most pages take to run). The scan is
done once per process here and shared, so a timed run is the page's own work.
"""

from __future__ import annotations

import functools
from pathlib import Path

from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.testing.v1 import AppTest


@functools.cache
def _components() -> BidiComponentManager:
    registry = BidiComponentManager()
    registry.discover_and_register_components(start_file_watching=False)
    return registry


def app_test(entry: Path, timeout: float = 120) -> AppTest:
    """An AppTest of `entry` (the app's main script) sharing the process's components."""
    app = AppTest.from_file(str(entry), default_timeout=timeout)
    # Private in Streamlit 1.67 (pinned): the registry AppTest would otherwise build itself.
    app._bidi_component_manager = _components()
    return app
