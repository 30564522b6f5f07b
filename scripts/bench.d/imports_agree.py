#!/usr/bin/env python3
"""How far deli imports and the chapter's find_imports agree with CPython's ast.

usage: imports_agree.py DELI_JSON AST_JSONL CHAPTER_JSON CHAPTER_FAILURES_JSON
DELI_JSON is `deli imports --json`; AST_JSONL the tests' oracle.py output; the last two are
find_imports.py's --json and --failures files.
"""
import json
import sys


def main():
    deli_path, ast_path, chapter_path, chapter_failures_path = sys.argv[1:5]
    deli = json.load(open(deli_path))
    mine = {f["path"]: sorted(f["imports"]) for f in deli["files"]}
    mine_failed = {e["path"]: e["reason"] for e in deli["errors"]}
    ast_rows = [json.loads(line) for line in open(ast_path) if line.strip()]
    chapter = json.load(open(chapter_path))
    chapter_failed = json.load(open(chapter_failures_path))

    agree = 0
    chapter_agree = 0
    chapter_wrong = []
    for row in ast_rows:
        p = row["path"]
        if "imports" in row:
            agree += mine.get(p) == row["imports"]
            ok = chapter.get(p) == row["imports"]
        else:
            agree += p in mine_failed
            ok = p in chapter_failed
        chapter_agree += ok
        if not ok:
            got = chapter_failed[p] if p in chapter_failed else chapter.get(p)
            theirs = row["imports"] if "imports" in row else row["reason"]
            chapter_wrong.append(f"{p}: ast {theirs}, find_imports.py {got}")
    n = len(ast_rows)
    failed = sum("imports" not in r for r in ast_rows)
    print(f"deli imports:    agrees with ast on {agree} of {n} files ({100 * agree / n:.2f}%), "
          f"the {failed} that ast refuses included")
    print(f"find_imports.py: agrees with ast on {chapter_agree} of {n} files ({100 * chapter_agree / n:.2f}%)")
    for line in chapter_wrong[:5]:
        print("  " + line[:200])


if __name__ == "__main__":
    main()
