"""Strings no user input may turn into a server error: quotes, NUL and other control
characters, search operators, markup, 10 000 characters, 250 words. The search test and the
test of every public route that takes input (tests/quality/test_hostile_input.py) use them."""

HOSTILE_STRINGS = [
    '"',
    "'",
    '"konferens',
    "\x00",
    "konferens\x00",
    "kon\x00ferens",
    "AND",
    "NOT konferens",
    "konferens OR",
    "NEAR(a b)",
    "a-b",
    "x*",
    "^konferens",
    "(",
    "konferens)",
    "o'neil",
    "%",
    "_",
    "\\",
    "\u200b",
    "\ufeffkonferens",
    "日本語",
    "<script>alert(1)</script>",
    "konferens " * 250,
    "k" * 10_000,
    " ".join(f"ord{n}" for n in range(250)),
]
