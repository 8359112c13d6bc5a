"""PyInstaller run-time hook: where the bundled Qt finds its plugins, without importing Qt.

It stands in for PyInstaller's PySide6 hook, which imports PySide6.QtCore at every start to
register a qt.conf that PySide6's own import already registers (PyPI wheels embed one): with
it, ``hendazh --help`` and every command-line chore loaded Qt for nothing. Qt is imported by
the GUI alone; this only sets what must be in the environment before it is.
"""

import os
import sys


def _qt_paths() -> None:
    windows = sys.platform.startswith("win")
    bundle = sys._MEIPASS
    qt = os.path.join(bundle, "PySide6") if windows else os.path.join(bundle, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    if windows:  # QtNetwork's OpenSSL DLLs, as PyInstaller's own hook does
        os.environ["PATH"] = os.pathsep.join([bundle, os.environ.get("PATH", "")])


_qt_paths()
del _qt_paths
