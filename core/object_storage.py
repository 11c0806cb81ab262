"""Media on S3-compatible object storage (several machines share it): two buckets, so that
no setting of the public one can ever publish a governance document.

- The **public** bucket holds what the site shows anyone: images, their originals and
  renditions, at their bucket address or the CDN's (`AWS_S3_CUSTOM_DOMAIN`). Readers get
  them through the bucket's public-read policy or the CDN, never through the site.
- The **private** bucket holds every Wagtail document (`documents/…`: signed minutes,
  decision bases, agenda attachments, and the public documents too). It has no public
  policy and its objects have no address: `/dokument/<id>/<name>` reads them through the
  site's own view (`WAGTAILDOCS_SERVE_METHOD = "serve_view"`), which checks who may read
  them. With the files on disk the proxy refuses `/media/documents/`; here they are simply
  never in the public bucket.

`MediaStorage` is the default storage when `AWS_STORAGE_BUCKET_NAME` is set
(website/settings/base.py) and sends each file to its bucket by its folder. Files that
must never be served at all (`core.uploads.PrivateStorage`: frozen copies, uploads waiting
for a confirmation, WordPress exports) stay on the disk under `PRIVATE_UPLOAD_ROOT`, which
several machines share as a network file system (README, "Running on several machines").
"""

from django.core.files.storage import Storage
from django.utils.deconstruct import deconstructible

from storages.backends.s3 import S3Storage

PRIVATE_FOLDERS = ("documents/",)


class PrivateObjectStorage(S3Storage):
    """The private bucket: objects without a public address (the site serves them)."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        # NotImplementedError is what Wagtail's document view expects of a storage without
        # addresses: it then streams the file itself.
        raise NotImplementedError("Private documents have no address; /dokument/ serves them.")


@deconstructible
class MediaStorage(Storage):
    """The default storage on object storage: documents to the private bucket, the rest to
    the public one. `public` and `private` are S3Storage options (bucket_name, …)."""

    def __init__(self, public=None, private=None):
        public, private = dict(public or {}), dict(private or {})
        if not private.get("bucket_name") or private["bucket_name"] == public.get("bucket_name"):
            raise ValueError("Documents need a private bucket of their own.")
        self.public = S3Storage(**public)
        # The private bucket is reached only with the keys, never through the CDN.
        self.private = PrivateObjectStorage(**{**private, "custom_domain": None})

    def storage_for(self, name):
        name = str(name).replace("\\", "/").lstrip("/")
        return self.private if name.startswith(PRIVATE_FOLDERS) else self.public

    def _open(self, name, mode="rb"):
        return self.storage_for(name)._open(name, mode)

    def _save(self, name, content):
        return self.storage_for(name)._save(name, content)

    def get_available_name(self, name, max_length=None):
        return self.storage_for(name).get_available_name(name, max_length=max_length)

    def get_valid_name(self, name):
        return self.public.get_valid_name(name)

    def delete(self, name):
        return self.storage_for(name).delete(name)

    def exists(self, name):
        return self.storage_for(name).exists(name)

    def listdir(self, path):
        if not str(path).strip("/"):
            # The top level: the public bucket's folders and the private ones.
            directories, files = self.public.listdir(path)
            private_directories, _files = self.private.listdir(path)
            return sorted(set(directories) | set(private_directories)), files
        return self.storage_for(str(path).rstrip("/") + "/").listdir(path)

    def size(self, name):
        return self.storage_for(name).size(name)

    def url(self, name):
        return self.storage_for(name).url(name)

    def get_modified_time(self, name):
        return self.storage_for(name).get_modified_time(name)
