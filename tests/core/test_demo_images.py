"""Demo pictures carry Swedish titles: the font must have å, ä and ö."""

import pytest

from core.demo_images import demo_font, draw_demo_image


def test_the_demo_font_draws_swedish_letters_not_empty_boxes():
    font = demo_font(64)
    assert font.path.endswith("DejaVuSans.ttf")
    # A font without a letter draws the same empty box for each missing one.
    missing = bytes(font.getmask("\U000f0000"))
    drawn = {letter: bytes(font.getmask(letter)) for letter in "åäöÅÄÖ"}
    assert missing not in drawn.values()
    assert len(set(drawn.values())) == 6


@pytest.mark.django_db
def test_a_demo_image_is_drawn_once_and_reused():
    image = draw_demo_image("Kick-off i Rådhuset", size=(800, 450))
    assert (image.width, image.height) == (800, 450)
    assert draw_demo_image("Kick-off i Rådhuset").pk == image.pk
