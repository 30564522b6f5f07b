"""The oracle for deli imports: CPython's own ast, as the chapter's ImportVisitor uses it.

Usage: python3 oracle.py ROOT [PATTERN]
Walks ROOT like the chapter's all_source(ROOT, PATTERN) (default '*.py') and prints one JSON
object per file, its path relative to ROOT:
  {"path": p, "imports": [sorted names]}                        the file parses
  {"path": p, "kind": "decode"|"syntax", "reason": "Type: msg"}   it does not
The source is read as bytes, so that CPython decodes it itself (BOM, PEP 263 declarations),
the way `python3 file.py` and `import` read source.
"""
import ast
import json
import os
import sys
import warnings
from fnmatch import fnmatch
from pathlib import Path


def all_source(path, pattern):
    for root, dirs, files in os.walk(path):
        for skip in {".tox", ".mypy_cache", "__pycache__", ".idea"}:
            if skip in dirs:
                dirs.remove(skip)
        yield from (Path(root) / f for f in files if fnmatch(f, pattern))


def imports(tree):
    """What the chapter's ImportVisitor collects, walked without recursion: the visitor's
    recursive generic_visit dies of RecursionError on deeply nested (but valid) files."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


DECODE_MARKS = ("(unicode error) 'utf-8'", "unknown encoding", "encoding problem",
                "is not a text encoding", "codec can't decode", "null bytes")


def kind(exc):
    msg = str(exc)
    if "'unicodeescape'" in msg:
        return "syntax"
    return "decode" if any(m in msg for m in DECODE_MARKS) else "syntax"


def main():
    root = Path(sys.argv[1])
    pattern = sys.argv[2] if len(sys.argv) > 2 else "*.py"
    warnings.simplefilter("ignore")
    out = sys.stdout
    for path in all_source(root, pattern):
        rel = path.relative_to(root).as_posix()
        try:
            tree = ast.parse(path.read_bytes())
            row = {"path": rel, "imports": sorted(imports(tree))}
        except (SyntaxError, ValueError, UnicodeDecodeError) as e:
            row = {"path": rel, "kind": kind(e), "reason": f"{type(e).__name__}: {e}"}
        except OSError as e:
            row = {"path": rel, "kind": "read", "reason": f"{type(e).__name__}: {e}"}
        out.write(json.dumps(row, ensure_ascii=True) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
