"""The one check of link addresses that come from outside: imported posts and comments,
commenters' websites, forms. Only http, https and mailto may become a link.

Browsers ignore tabs and line breaks anywhere in an address and spaces and control
characters around it, so "java&#x09;script:" (a tab, once the entity is decoded) is still
"javascript:". The scheme is therefore read after removing every control character and
every whitespace character.
"""

import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\s]+")
SCHEME = re.compile(r"^([^:/?#]*):")


def safe_url(url, *, allow_relative=True):
    """The address cleaned of control characters and surrounding whitespace, if it may be
    a link; "" if not. An address without a scheme (a path, "#anchor", "//host/") is kept
    when allow_relative is true; a commenter's website must be absolute."""
    if not url:
        return ""
    url = re.sub(r"[\x00-\x1f\x7f-\x9f]", "", str(url)).strip()
    compact = CONTROL_OR_SPACE.sub("", url)
    scheme = SCHEME.match(compact)
    if scheme:
        if scheme.group(1).lower() not in SAFE_SCHEMES:
            return ""
    elif not allow_relative and not compact.startswith("//"):
        return ""
    if not compact:
        return ""
    # Spaces left inside an address (a file name) stay part of it, as the browser reads it.
    return url.replace(" ", "%20")
