"""Package layers: ``index`` imports ``kg``, so no ``kg`` module may import ``index`` when it is imported."""
import subprocess
import sys

PROBE = """
import importlib, pkgutil, sys
import kg
for info in pkgutil.walk_packages(kg.__path__, "kg."):
    if not info.name.endswith("__main__"):
        importlib.import_module(info.name)
print(sorted(m for m in sys.modules if m == "index" or m.startswith("index.")))
"""


def test_importing_every_kg_module_imports_nothing_of_index():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
