"""Writes cpython-pickles.txt, RecordUnpicklerTest's cases: pickles CPython made (or hand-made
ones CPython loads), each as the Python line that made it, its hex, and
json.dumps(pickle.loads(it), default=str), which is what deli's JsonLines must write.

Run from this directory: python3 make_pickles.py > cpython-pickles.txt
"""
import collections, datetime, decimal, json, pathlib, pickle, re, sys, types, uuid

# A class deli does not know, as a logging program's own would be: kept by name, never run.
app = types.ModuleType('app')
sys.modules['app'] = app
exec("class Foo:\n    pass\n", app.__dict__)
app.Foo.__module__ = 'app'

CASES = [
    # Every protocol's pickle of plain values, one list shared (a memo get).
    *["(lambda l: pickle.dumps({'a': l, 'b': l, 's': 'x\\u00e9\\U0001f600', 'f': 1.5, 'i': -3, 'm': 70000, "
      "'big': 2**70, 'neg': -2**70, 'set': {1}, 'n': None, 't': True, 'f2': False, 'by': b'\\xffz', 'tu': (1, 'x'), "
      "'e': (), 'nest': {'k': [1.25, None]}, 'u': '\\u2028'}, %d))([1])" % p for p in range(6)],
    # A real U+FFFD and a lone surrogate, which pickle's 'surrogatepass' lets through.
    "pickle.dumps({'s': 'a\\ufffd\\ud800b'}, 4)",
    # The types logging programs put in extra=, in the protocols that write them differently.
    *["pickle.dumps({'u': uuid.UUID(int=1), 'dt': datetime.datetime(2026, 1, 2, 3, 4, 5, 6), "
      "'d': datetime.date(2026, 1, 2), 'tm': datetime.time(1, 2, 3), 'td': datetime.timedelta(1, 2, 3), "
      "'tz': datetime.datetime(2026, 1, 2, tzinfo=datetime.timezone(datetime.timedelta(hours=1), 'X')), "
      "'dec': decimal.Decimal('1.50'), 'c': complex(1, 2), 'od': collections.OrderedDict(a=1), "
      "'dd': collections.defaultdict(list, a=[1]), 'ctr': collections.Counter('aab'), "
      "'dq': collections.deque([1, 2], 5), 'dq0': collections.deque(), 'p': pathlib.PurePosixPath('/a/b'), "
      "'pw': pathlib.PureWindowsPath('c:/x'), 'fs': frozenset([1]), 'ba': bytearray(b'x'), 'eb': b'', "
      "'cls': str, 'o': (lambda o: (setattr(o, 'x', 1), o)[1])(app.Foo())}, %d)" % p for p in (0, 1, 2, 4)],
    # More than 256 memo entries: LONG_BINPUT and LONG_BINGET.
    "(lambda l: pickle.dumps({'l': ['%d' % i for i in range(260)], 'x': l, 'y': l}, 1))(['x'])",
    # Ints of more than 255 bytes: LONG4.
    "pickle.dumps({'i': 2**2100, 'n': -2**2100}, 2)",
    # Opcodes CPython 3 reads but no longer writes, made by hand: DUP, BINSTRING, BINBYTES8,
    # BINUNICODE8, INST, OBJ, NEWOBJ_EX, Python 2's names.
    "b\"(S'a'\\n2d.\"",
    "b'}X\\x01\\x00\\x00\\x00aT\\x02\\x00\\x00\\x00his.'",
    "b'\\x80\\x04}(\\x8c\\x01b\\x8e\\x02\\x00\\x00\\x00\\x00\\x00\\x00\\x00hi\\x8c\\x01s\\x8d\\x02\\x00\\x00\\x00\\x00\\x00\\x00\\x00hiu.'",
    "b\"(dS'v'\\n(S'1.5'\\nidecimal\\nDecimal\\ns.\"",
    "b\"(dS'v'\\n(cdecimal\\nDecimal\\nS'2.5'\\nos.\"",
    "b\"(dS'u'\\nc__builtin__\\nunicode\\nsS'l'\\nc__builtin__\\nlong\\nsS'x'\\nc__builtin__\\nxrange\\nsS'b'\\nc__builtin__\\nbasestring\\nsS'e'\\ncexceptions\\nValueError\\ns.\"",
    "b'\\x80\\x04}(\\x8c\\x01o\\x8c\\x03app\\x8c\\x03Foo\\x93)}\\x92\\x8c\\x01u\\x8c\\x04uuid\\x8c\\x04UUID\\x93)}\\x92}\\x8c\\x03int\\x4b\\x05sbu.'",
    "b\"(dS'f'\\nF-0.0\\nsS'g'\\nF1e300\\nsS'h'\\nF-INFINITY\\nsS'l'\\nL-12\\nsS'p'\\nI+5\\ns.\"",
    # Calls of each type with fewer or other arguments than CPython 3 writes (Python 2 wrote some).
    "b\"(dS'set'\\ncbuiltins\\nset\\n)RsS'fs'\\ncbuiltins\\nfrozenset\\n)RsS'ba'\\ncbuiltins\\nbytearray\\n)RsS'ba2'\\ncbuiltins\\nbytearray\\n(C\\x02hitRs.\"",
    "b\"(dS'b'\\ncbuiltins\\nbytes\\n(V\\xe9\\nVlatin-1\\ntRsS'c'\\nc_codecs\\nencode\\n(Vx\\nVlatin1\\ntRsS'z'\\ncbuiltins\\ncomplex\\n(F1.5\\ntRs.\"",
    "b\"(dS'td'\\ncdatetime\\ntimedelta\\n(I1\\ntRsS'td2'\\ncdatetime\\ntimedelta\\n(I0\\nI5\\ntRsS'ctr'\\nccollections\\nCounter\\n)Rs.\"",
    "b\"(dS'q'\\nccollections\\ndeque\\n((lI1\\naI2\\natRsS'q2'\\nccollections\\ndeque\\n((I1\\nI2\\ntJ\\x03\\x00\\x00\\x00tRsS'q3'\\nccollections\\ndeque\\n((I1\\ntL3L\\ntRs.\"",
    # BUILD with no state is a no-op on any object.
    "b\"(dS'a'\\nK\\x01NbsS'b'\\n]Nbs.\"",
    # A datetime as Python 2 pickled it: its state a str (CPython 3 reads it with encoding='latin1').
    "b\"(dS'd'\\ncdatetime\\ndate\\n(S'\\\\x07\\\\xea\\\\x01\\\\x02'\\ntRsS't'\\ncdatetime\\ntime\\n(S'\\\\x01\\\\x02\\\\x03\\\\x00\\\\x00\\\\x00'\\ntRs.\"",
    "pickle.dumps({'tzv': datetime.timezone(datetime.timedelta(hours=1), 'X'), 'tzn': datetime.timezone(datetime.timedelta(hours=-2)), 'tm': datetime.time(1, 2, tzinfo=datetime.timezone.utc)}, 2)",
]

for source in CASES:
    data = eval(source)
    # deli writes an object of an unknown class as CPython's str() does, less the address.
    line = re.sub(r' at 0x[0-9a-f]+', '', json.dumps(pickle.loads(data, encoding='latin1'), default=str))
    print('> ' + source)
    print(data.hex())
    print(line)
    print()
