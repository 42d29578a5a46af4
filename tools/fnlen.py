#!/usr/bin/env python3
"""fnlen.py: lists the C functions longer than a limit (default 120 lines), and the files
longer than another (default 1,000 lines): the layout rules of src/ (docs/design.md).

Usage: tools/fnlen.py [--max N] [--max-file N] [--all] FILE...   (default: src/*.c src/*.h)

A function's length is counted from the line that names it to its closing brace, both included,
so a long parameter list counts too.  Comments, strings and character constants are skipped when
braces are counted; preprocessor lines are ignored.  --all lists every function with its length.
Exits 1 when anything is over a limit, so `make layout` (part of `make check`) runs it as a check.
"""
import glob
import re
import sys


def strip(text):
    """The text with comments, strings and character constants blanked (newlines kept), and
    preprocessor lines emptied, so that only code braces and parentheses remain."""
    out = []
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c in ' \t':
            out.append(c)
            i += 1
            continue
        if at_line_start and c == '#':
            # a preprocessor line, with its backslash continuations
            while i < n and text[i] != '\n':
                if text[i] == '\\' and i + 1 < n and text[i + 1] == '\n':
                    out.append('\n')
                    i += 2
                    continue
                i += 1
            continue
        at_line_start = False
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(''.join(ch if ch == '\n' else ' ' for ch in text[i:j]))
            i = j
            continue
        if text.startswith('//', i):
            while i < n and text[i] != '\n':
                i += 1
            continue
        if c in '"\'':
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            out.append(' ' * (min(j + 1, n) - i))
            i = j + 1
            continue
        if c == '\n':
            at_line_start = True
        out.append(c)
        i += 1
    return ''.join(out)


def functions(path):
    """Yields (name, first line, last line) for every function defined in the file."""
    with open(path, encoding='utf-8', errors='replace') as f:
        code = strip(f.read())
    depth = 0
    start = None        # (name, line) of the function whose body is open
    line = 1
    last_call = None    # (name, line) of the last identifier followed by '(' at depth 0
    prev = ''           # the last non-space character at depth 0
    parens = 0          # open parentheses at depth 0 (a parameter list, a function pointer)
    for m in re.finditer(r'[A-Za-z_]\w*|\S|\n', code):
        tok = m.group()
        if tok == '\n':
            line += 1
            continue
        if depth == 0:
            if tok == '{':
                if prev == ')' and last_call:
                    start = last_call
                depth = 1
            elif tok == '(':
                parens += 1
            elif tok == ')':
                parens = max(parens - 1, 0)
            elif re.match(r'[A-Za-z_]', tok) and parens == 0:
                if re.match(r'\s*\(', code[m.end():]) and prev != ')':
                    last_call = (tok, line)
            if tok in ';}':
                last_call = None
            if tok != '{':
                prev = tok[-1]
            continue
        if tok == '{':
            depth += 1
        elif tok == '}':
            depth -= 1
            if depth == 0:
                if start:
                    yield start[0], start[1], line
                start = None
                last_call = None
                prev = '}'


def main(argv):
    limit, file_limit, show_all, files = 120, 1000, False, []
    it = iter(argv)
    for a in it:
        if a == '--max':
            limit = int(next(it))
        elif a == '--max-file':
            file_limit = int(next(it))
        elif a == '--all':
            show_all = True
        elif a in ('-h', '--help'):
            print(__doc__.strip())
            return 0
        else:
            files.append(a)
    if not files:
        files = sorted(glob.glob('src/*.c') + glob.glob('src/*.h'))
    over = 0
    for path in files:
        with open(path, encoding='utf-8', errors='replace') as f:
            lines = sum(1 for _ in f)
        if lines > file_limit:
            print(f'{path}: {lines} lines, over {file_limit}')
            over += 1
        for name, first, last in functions(path):
            length = last - first + 1
            if show_all or length > limit:
                print(f'{path}:{first}: {name}: {length} lines')
            if length > limit:
                over += 1
    if not show_all:
        print(f'{over} over the limits ({limit} lines a function, {file_limit} a file) in '
              f'{len(files)} file{"" if len(files) == 1 else "s"}')
    return 1 if over else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
