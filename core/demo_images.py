"""Pictures for the demo content and the benchmarks, drawn with Pillow so that the demo
needs no downloads."""

import io

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

# Pillow's built-in font has no å, ä or ö ("R☐dhuset"). DejaVu has them and is on every
# Debian machine the project runs on (fonts-dejavu-core, which CI installs too).
FONT_PATHS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVuSans.ttf",  # Pillow also looks in the system's font folders
]


def demo_font(size):
    """DejaVu Sans at `size` pixels; Pillow's own font when DejaVu is not installed."""
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def draw_demo_image(title, *, colour=(0, 90, 140), size=(1600, 900)):
    """A banner with `title` on it, saved as a Wagtail image; reused when it exists."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas)
    width, height = size
    for step in range(0, width, 40):
        shade = tuple(min(255, c + step // 20) for c in colour)
        draw.line([(step, height), (step + height // 2, 0)], fill=shade, width=18)
    draw.rectangle([(60, height - 220), (width - 60, height - 60)], fill=(255, 255, 255))
    draw.text((100, height - 170), title, fill=colour, font=demo_font(64))
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=85)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:40]
    return image_model.objects.create(title=title, file=ImageFile(buffer, name=f"demo-{slug}.jpg"))
