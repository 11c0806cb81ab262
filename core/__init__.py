"""The shared base every app builds on: roles, the public page cache, content blocks,
security middleware, upload checks and storage, mail. It imports none of the apps."""
