"""Where the imported blog's images come from when they are not in a folder already:
the uploads folder as a .zip (wp-content/uploads, or a folder inside it), or the old site
itself, fetched file by file.

Both read outside input, so both have limits (settings, defaults below): the archive's size,
its number of files, how much it unpacks to (declared and actually written) and how much a
file may be compressed (a zip bomb is refused, not unpacked); a fetch only over http or
https, only from a public address, with a timeout and a size cap.
"""

import ipaddress
import shutil
import socket
import urllib.error
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MEDIA_SUFFIXES = {
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff",
    ".mp3", ".m4a", ".ogg", ".oga", ".wav", ".mp4", ".m4v", ".webm", ".ogv", ".pdf",
}  # fmt: skip
CHUNK = 64 * 1024
DEFAULTS = {
    "WORDPRESS_MEDIA_ARCHIVE_MAX_BYTES": 2 * 1024**3,
    "WORDPRESS_MEDIA_MAX_UNPACKED_BYTES": 4 * 1024**3,
    "WORDPRESS_MEDIA_MAX_FILES": 50_000,
    "WORDPRESS_MEDIA_MAX_RATIO": 100,
    "WORDPRESS_FETCH_TIMEOUT_SECONDS": 15,
    "WORDPRESS_FETCH_MAX_BYTES": 25 * 1024 * 1024,
    # Only for tests that serve the "old site" on the loopback address.
    "WORDPRESS_FETCH_ALLOW_PRIVATE_HOSTS": False,
}


def limit(name):
    return getattr(settings, name, DEFAULTS[name])


class MediaError(Exception):
    """The uploads archive cannot be used; the message says why, in the user's language."""


def _inside_uploads(name):
    """The path below the uploads folder: "wp-content/uploads/2013/05/a.jpg" and
    "uploads/2013/05/a.jpg" both become "2013/05/a.jpg"."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if "uploads" in parts:
        parts = parts[len(parts) - parts[::-1].index("uploads") :]
    return PurePosixPath(*parts) if parts else None


def extract_uploads(archive_path, target):
    """Unpacks the images and media of an uploads .zip into target. Raises MediaError."""
    archive_path, target = Path(archive_path), Path(target)
    if archive_path.stat().st_size > limit("WORDPRESS_MEDIA_ARCHIVE_MAX_BYTES"):
        raise MediaError(
            _("The uploads archive is larger than %(limit)s.")
            % {"limit": filesizeformat(limit("WORDPRESS_MEDIA_ARCHIVE_MAX_BYTES"))}
        )
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError) as error:
        raise MediaError(_("The uploads file is not a readable .zip archive.")) from error
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > limit("WORDPRESS_MEDIA_MAX_FILES"):
            raise MediaError(
                _("The uploads archive holds more than %(count)s files.")
                % {"count": limit("WORDPRESS_MEDIA_MAX_FILES")}
            )
        declared = sum(info.file_size for info in members)
        if declared > limit("WORDPRESS_MEDIA_MAX_UNPACKED_BYTES"):
            raise MediaError(_unpacked_too_large())
        for info in members:
            if info.file_size > limit("WORDPRESS_MEDIA_MAX_RATIO") * max(info.compress_size, 1):
                raise MediaError(
                    _("The uploads archive was refused: “%(name)s” unpacks to far more than it "
                      "takes in the archive (a zip bomb).")
                    % {"name": info.filename}
                )  # fmt: skip
        target.mkdir(parents=True, exist_ok=True)
        root = target.resolve()
        written = 0
        for info in members:
            relative = _inside_uploads(info.filename)
            is_link = (info.external_attr >> 16) & 0o170000 == 0o120000
            if relative is None or is_link or relative.suffix.lower() not in MEDIA_SUFFIXES:
                continue
            destination = (root / relative).resolve()
            # Never write outside the folder, whatever names the archive holds.
            if not destination.is_relative_to(root) or relative.is_absolute():
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, destination.open("wb") as out:
                while chunk := source.read(CHUNK):
                    written += len(chunk)
                    # The declared sizes may lie: count what is really unpacked.
                    if written > limit("WORDPRESS_MEDIA_MAX_UNPACKED_BYTES"):
                        raise MediaError(_unpacked_too_large())
                    out.write(chunk)
    return target


def _unpacked_too_large():
    return _("The uploads archive unpacks to more than %(limit)s.") % {
        "limit": filesizeformat(limit("WORDPRESS_MEDIA_MAX_UNPACKED_BYTES"))
    }


def _is_public_host(host):
    if limit("WORDPRESS_FETCH_ALLOW_PRIVATE_HOSTS"):
        return True
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return False
    return bool(addresses) and all(ipaddress.ip_address(a).is_global for a in addresses)


class _PublicRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect may lead only where a fetch may go: http or https, a public host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        parts = urlsplit(newurl)
        if parts.scheme not in ("http", "https") or not _is_public_host(parts.hostname or ""):
            raise urllib.error.URLError(_("redirected to an address that is not fetched"))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url, target):
    """Fetches one file of the old site into target (keeping its path below uploads).
    Returns the path, or None with the reason as a second value."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None, _("only http and https addresses are fetched")
    if not _is_public_host(parts.hostname):
        return None, _("the address is not on the public internet")
    relative = _inside_uploads(parts.path.lstrip("/")) or PurePosixPath(Path(parts.path).name)
    root = Path(target).resolve()
    destination = (root / parts.hostname / relative).resolve()
    if not destination.is_relative_to(root) or not relative.name:
        return None, _("the address names no file")
    if destination.is_file():
        return destination, ""
    maximum = limit("WORDPRESS_FETCH_MAX_BYTES")
    request = urllib.request.Request(url, headers={"User-Agent": "Lagesbild-WordPress-import"})
    partial = destination.with_name(destination.name + ".part")
    try:
        opener = urllib.request.build_opener(_PublicRedirects)
        with opener.open(request, timeout=limit("WORDPRESS_FETCH_TIMEOUT_SECONDS")) as response:
            if int(response.headers.get("Content-Length") or 0) > maximum:
                return None, _too_large(maximum)
            destination.parent.mkdir(parents=True, exist_ok=True)
            size = 0
            with partial.open("wb") as out:
                while chunk := response.read(CHUNK):
                    size += len(chunk)
                    if size > maximum:
                        break
                    out.write(chunk)
        if size > maximum:
            partial.unlink(missing_ok=True)
            return None, _too_large(maximum)
        shutil.move(partial, destination)
    except urllib.error.HTTPError as error:
        return None, _("the old site answered HTTP %(status)s") % {"status": error.code}
    except (OSError, ValueError) as error:
        partial.unlink(missing_ok=True)
        return None, _("the old site did not answer (%(error)s)") % {
            "error": getattr(error, "reason", None) or error
        }
    return destination, ""


def _too_large(maximum):
    return _("the file is larger than %(limit)s") % {"limit": filesizeformat(maximum)}
