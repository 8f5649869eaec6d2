"""`textwrap.fill` for the plain text, the same lines in a fraction of the time.

The whole text wraps ~3,300 paragraphs; `textwrap` spends most of its time in `_wrap_chunks`,
which moves the words of a paragraph one by one from a list to the current line. Here the words
that fit on a line are found at once, by bisecting the running total of the words' lengths:
the same greedy choice, so the same lines. Whatever that shortcut does not cover (a word longer
than a line, which `textwrap` cuts) is left to `textwrap` itself, as are whitespace conversions
when the text has tabs or line breaks (the paragraphs have none). A paragraph without a hyphen
is cut into words by `textwrap`'s simple expression, which cuts it where its full one does.
"""

from __future__ import annotations

import textwrap
from bisect import bisect_right
from itertools import accumulate

_CONVERTED = "\t\n\x0b\x0c\r"  # the whitespace `textwrap` turns into spaces (besides the space)


class _Wrapper(textwrap.TextWrapper):
    def _munge_whitespace(self, text: str) -> str:
        if any(c in text for c in _CONVERTED):
            return super()._munge_whitespace(text)
        return text  # nothing to expand or translate

    def _split(self, text: str) -> list[str]:
        # without a hyphen, `wordsep_re` (hyphenated words, em-dashes) cuts the text where the
        # simple one does, at each run of whitespace: the same chunks, for a third of the time
        if "-" in text:
            return super()._split(text)
        return [c for c in self.wordsep_simple_re.split(text) if c]

    def _wrap_chunks(self, chunks: list[str]) -> list[str]:
        narrowest = self.width - max(len(self.initial_indent), len(self.subsequent_indent))
        if (
            self.max_lines is not None
            or not self.drop_whitespace
            or narrowest <= 0
            or max(map(len, chunks), default=0) > narrowest  # a word `textwrap` would cut
        ):
            return super()._wrap_chunks(chunks)
        lines: list[str] = []
        ends = [0, *accumulate(map(len, chunks))]  # ends[i]: length of chunks[:i]
        i, count = 0, len(chunks)
        while i < count:
            indent = self.subsequent_indent if lines else self.initial_indent
            if lines and chunks[i].strip() == "":  # a line does not start with a space
                i += 1
                if i == count:
                    break
            # the chunks from i that fit: ends[j] - ends[i] <= width (each chunk is non-empty)
            j = bisect_right(ends, ends[i] + self.width - len(indent)) - 1
            line = chunks[i:j]
            i = j
            if line and line[-1].strip() == "":  # nor ends with one
                del line[-1]
            if line:
                lines.append(indent + "".join(line))
        return lines


def fill(text: str, width: int, indent: str = "") -> str:
    """`textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)`."""
    return "\n".join(_Wrapper(width, initial_indent=indent, subsequent_indent=indent).wrap(text))
