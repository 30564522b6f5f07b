package deli.imports;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Hand-written tricky sources, each with what CPython's ast makes of it: the modules the
 * chapter's ImportVisitor collects, or the kind of failure. {@link ImportScannerTest} holds the
 * scanner to these expectations; {@link CPythonOracleTest} holds the expectations to CPython.
 */
final class ImportCorpus {
  /** One source; {@code modules} is null when CPython refuses it with {@code problem}. */
  record Case(String name, byte[] source, Set<String> modules, Analysis.Problem problem) {
    @Override
    public String toString() {
      return name;
    }
  }

  private ImportCorpus() {}

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    // What each statement adds.
    ok(c, "import_as", "import a.b as c\n", "a.b");
    ok(c, "import_several", "import os, sys as system, xml.dom.minidom\n", "os", "sys", "xml.dom.minidom");
    ok(c, "from_dotted", "from x.y import z\n", "x.y");
    ok(c, "from_dot_adds_nothing", "from . import z\nfrom .. import w\n");
    ok(c, "from_dot_module", "from .m import z\n", "m");
    ok(c, "from_dots_dotted", "from ..a.b import c\nfrom ....deep import d\nfrom ... import e\n", "a.b", "deep");
    ok(c, "from_dot_spaced", "from .. . x import y\nfrom.a import b\nfrom .import q\n", "x", "a");
    ok(c, "from_star", "from os.path import *\n", "os.path");
    ok(c, "future", "from __future__ import annotations\nimport typing\n", "__future__", "typing");
    ok(c, "soft_keywords_as_names", "import match as case\nfrom case import _, type\nfrom _ import match\n", "match", "case", "_");
    // At any depth.
    ok(
        c,
        "nested",
        """
        def f():
            import inside_function
            class C:
                import inside_class
                def g(self):
                    from inside.method import x
        class D:
            def h(self):
                if True:
                    for i in range(3):
                        while False:
                            with open(__file__) as f:
                                import very.deep
        """,
        "inside_function", "inside_class", "inside.method", "very.deep");
    ok(
        c,
        "type_checking_try_async_match",
        """
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from collections.abc import Iterator
        try:
            import tomllib
        except ImportError:
            import tomli as tomllib
        else:
            import else_branch
        finally:
            import finally_branch
        async def main():
            import asyncio
            async with lock:
                import in_async_with
        match command:
            case "go":
                import in_case
            case _:
                pass
        """,
        "typing", "collections.abc", "tomllib", "tomli", "else_branch", "finally_branch", "asyncio",
        "in_async_with", "in_case");
    // Never in comments, strings, docstrings or f-strings.
    ok(
        c,
        "not_in_text",
        """
        '''Module docstring: import docstring_module
        from docstring import x
        '''
        # import commented
        x = "import in_string"  # from comment import y
        y = 'from single import quotes'
        z = f"{'import in_fstring'} import {x!r:>10}"
        w = rf'\\{import_raw}' 'import'; b = b"import in_bytes" B'from x import y'
        v = \"\"\"a \\\"\"\" import still_in_string\"\"\"
        u = '#' ; import after_hash_in_string
        def f():
            \"\"\"import in_docstring\"\"\"
            return "it's" 'a "mix" import'
        """,
        "after_hash_in_string");
    // Continuations, parentheses, semicolons, one-line compound statements.
    ok(c, "backslash", "import \\\n    a.b, \\\n    c\nfrom \\\n x \\\n import \\\n y\nimport d.\\\ne\n", "a.b", "c", "x", "d.e");
    ok(c, "parentheses", "from x import (\n    a,\n    b as bb,  # comment\n)\nfrom y import (c)\n", "x", "y");
    ok(c, "semicolons", "import a; import b;from c import d\nx = 1; import e\n", "a", "b", "c", "e");
    ok(
        c,
        "one_line_compound",
        "if x: import y\nelif z: import z2\nelse: from w import v\ntry: import t\nexcept E: import u\nclass K: import k\n"
            + "def f() -> int: import r\nwhile 0: import s\nwith a as b: import q\nf = lambda: 0; import lam\n"
            + "if (n := 1): import walrus\nif lambda: 1: import after_lambda\n",
        "y", "z2", "w", "t", "u", "k", "r", "s", "q", "lam", "walrus", "after_lambda");
    ok(c, "yield_raise_from", "def g():\n    yield from range(3)\n    raise ValueError() from None\n");
    ok(c, "python2_print_chevron_parses", "print >>f, 'import x'\nimport real\n", "real");
    // Whitespace and bytes on disk.
    ok(c, "tabs", "if x:\n\timport a\n\tif y:\n\t\timport b\n", "a", "b");
    ok(c, "form_feed", "import a\n\f\nif x:\n\f    import b\n", "a", "b");
    raw(c, "crlf", "import a\r\nif x:\r\n    import b\r\nfrom c import (d,\r\n  e)\r\n".getBytes(StandardCharsets.UTF_8), "a", "b", "c");
    raw(c, "lone_cr", "import a\rimport b\r".getBytes(StandardCharsets.UTF_8), "a", "b");
    raw(c, "bom", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "import a\n# coding: utf-8\n".getBytes(StandardCharsets.UTF_8)), "a");
    raw(c, "pep263_latin1", "# -*- coding: latin-1 -*-\nname = 'caf\u00e9'\nimport a\n".getBytes(StandardCharsets.ISO_8859_1), "a");
    raw(c, "pep263_line2", "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\ns = '\u20ac'\nimport b\n".getBytes(java.nio.charset.Charset.forName("windows-1252")), "b");
    raw(c, "utf8_in_comment_not_checked", concat("# \u00e9".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, '\n'}, "import a\n".getBytes(StandardCharsets.UTF_8)), "a");
    ok(c, "unicode_names", "import caf\u00e9, \u0394elta\nimport \ufb01le\n", "caf\u00e9", "\u0394elta", "file");
    ok(c, "no_newline_at_end", "import a", "a");
    ok(c, "empty", "");
    ok(c, "trailing_blanks_at_end", "if x:\n    import a\n   ", "a");
    ok(c, "numbers_touching_keywords", "x = 1if y else 2or 3\ny = [0x1f for _ in ()]\nimport a\n", "a");
    // Files CPython refuses: they do not parse...
    bad(c, "print_statement", "print 'hello'\nimport a\n", Analysis.Problem.SYNTAX);
    bad(c, "exec_statement", "exec code in ns\n", Analysis.Problem.SYNTAX);
    bad(c, "unexpected_indent", "import a\n    import b\n", Analysis.Problem.SYNTAX);
    bad(c, "expected_indent", "if x:\nimport b\n", Analysis.Problem.SYNTAX);
    bad(c, "dedent_mismatch", "if x:\n    a = 1\n  b = 2\n", Analysis.Problem.SYNTAX);
    bad(c, "tab_error", "if x:\n\tif y:\n        a = 1\n", Analysis.Problem.SYNTAX);
    bad(c, "unterminated_string", "x = 'abc\nimport a\n", Analysis.Problem.SYNTAX);
    bad(c, "unterminated_triple", "x = '''abc\nimport a\n", Analysis.Problem.SYNTAX);
    bad(c, "never_closed", "x = (1,\nimport a\n", Analysis.Problem.SYNTAX);
    bad(c, "mismatched", "x = (1]\n", Analysis.Problem.SYNTAX);
    bad(c, "octal_py2", "x = 0777\n", Analysis.Problem.SYNTAX);
    bad(c, "bad_decimal", "x = 1_\n", Analysis.Problem.SYNTAX);
    bad(c, "trailing_comma", "from a import b,\n", Analysis.Problem.SYNTAX);
    bad(c, "import_parenthesised", "import (a)\n", Analysis.Problem.SYNTAX);
    bad(c, "import_keyword", "import a.if\n", Analysis.Problem.SYNTAX);
    bad(c, "import_not_at_statement", "x = import y\n", Analysis.Problem.SYNTAX);
    bad(c, "backslash_not_at_end", "import a \\ b\n", Analysis.Problem.SYNTAX);
    bad(c, "backslash_at_eof", "import a\\", Analysis.Problem.SYNTAX);
    bad(c, "invalid_character", "x = 1\u20ac\n", Analysis.Problem.SYNTAX);
    bad(c, "non_printable", "x =\u00a01\n", Analysis.Problem.SYNTAX);
    bad(c, "bytes_non_ascii", "x = b'\u00e9'\n", Analysis.Problem.SYNTAX);
    bad(c, "bad_x_escape", "x = '\\x4'\n", Analysis.Problem.SYNTAX);
    bad(c, "mixed_literals", "x = 'a' b'b'\n", Analysis.Problem.SYNTAX);
    bad(c, "decorator_then_import", "@dec\nimport a\n", Analysis.Problem.SYNTAX);
    bad(c, "python2_not_equal", "if 1 <> 2: import a\n", Analysis.Problem.SYNTAX);
    // ... or do not decode.
    raw(c, "unknown_encoding", "# coding: uft-8\nimport a\n".getBytes(StandardCharsets.UTF_8), Analysis.Problem.DECODE);
    raw(c, "bom_with_latin1", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "# coding: latin-1\n".getBytes(StandardCharsets.UTF_8)), Analysis.Problem.DECODE);
    raw(c, "bad_utf8_in_string", "x = '".getBytes(StandardCharsets.UTF_8), Analysis.Problem.DECODE, new byte[] {(byte) 0xF6, '\'', '\n'});
    raw(c, "latin1_without_declaration", "x = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1), Analysis.Problem.DECODE);
    raw(c, "null_byte", "import a\n# \0\n".getBytes(StandardCharsets.UTF_8), Analysis.Problem.DECODE);
    raw(c, "undefined_cp1252_byte", concat("# coding: cp1252\n# ".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0x81, '\n'}), Analysis.Problem.DECODE);
    return c;
  }

  private static void ok(List<Case> c, String name, String source, String... modules) {
    c.add(new Case(name, source.getBytes(StandardCharsets.UTF_8), Set.of(modules), null));
  }

  private static void raw(List<Case> c, String name, byte[] source, String... modules) {
    c.add(new Case(name, source, Set.of(modules), null));
  }

  private static void bad(List<Case> c, String name, String source, Analysis.Problem problem) {
    c.add(new Case(name, source.getBytes(StandardCharsets.UTF_8), null, problem));
  }

  private static void raw(List<Case> c, String name, byte[] source, Analysis.Problem problem, byte[]... more) {
    c.add(new Case(name, concat(source, more), null, problem));
  }

  static byte[] concat(byte[] first, byte[]... rest) {
    int n = first.length;
    for (byte[] r : rest) {
      n += r.length;
    }
    byte[] out = java.util.Arrays.copyOf(first, n);
    int at = first.length;
    for (byte[] r : rest) {
      System.arraycopy(r, 0, out, at, r.length);
      at += r.length;
    }
    return out;
  }
}
