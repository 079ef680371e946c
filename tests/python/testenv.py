"""What the Python tests share: where things are (meson's test environment,
tests/meson.build) and running the lede binary."""
import contextlib
import os
import subprocess

SRCDIR = os.environ.get("LEDE_SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.environ.get("LEDE_SHARED", os.path.join(SRCDIR, "..", "shared"))
LEDE = os.environ.get("LEDE_BIN", "lede")
DATA = os.path.join(SRCDIR, "tests", "data")
EVAL_SETS = ("cnndm-dev", "duc2004-task1", "duc2001-keyphrases")


def run_lede(*args, input=None, env=None):
    """lede's standard output; a non-zero exit raises."""
    return subprocess.run([LEDE] + list(args), input=input, capture_output=True, check=True,
                          env=env).stdout


@contextlib.contextmanager
def source_date_epoch(value="1700000000"):
    """SOURCE_DATE_EPOCH set in this process (models written here get its
    date), restored after."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = value
    try:
        yield value
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
