"""A generated block of a Markdown page: the lines between
<!-- NAME: begin --> and <!-- NAME: end -->, printed by a script from the
current program and checked by a test (the page is stale when they differ).
"""
import sys


def markers(name):
    return "<!-- %s: begin -->" % name, "<!-- %s: end -->" % name


def block(path, name):
    """The page's block (without the markers), or None when it has none."""
    begin, end = markers(name)
    with open(path) as f:
        lines = f.read().split("\n")
    try:
        i, j = lines.index(begin), lines.index(end)
    except ValueError:
        return None
    return "\n".join(lines[i + 1:j]).strip("\n")


def check(path, name, text):
    """Exit 1 with a message when the page's block is not `text`."""
    got = block(path, name)
    if got is None:
        sys.exit("%s: no block between %s and %s" % ((path,) + markers(name)))
    if got != text.strip("\n"):
        sys.exit("%s: the block %s is stale: run the script that prints it and paste its output"
                 % (path, name))
    print("%s: block %s is current" % (path, name))


def replace(path, name, text):
    """Write `text` into the page's block."""
    begin, end = markers(name)
    with open(path) as f:
        lines = f.read().split("\n")
    i, j = lines.index(begin), lines.index(end)
    lines[i + 1:j] = text.strip("\n").split("\n")
    with open(path, "w") as f:
        f.write("\n".join(lines))
