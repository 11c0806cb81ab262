"""manage.py import_wordpress: options, progress and the summary table."""

from blog.models import BlogPostPage

from . import wxr_files as w


def test_command_prints_a_summary_table_with_reasons(write, blog, command):
    path = write(
        [
            w.item(
                1,
                "Kick-off för det gemensamma arbetet!",
                "Välkommen!",
                comments=[w.comment(5, "Grattis!"), w.comment(6, "spam", approved="spam")],
            ),
            w.item(2, "Utkast", "Inte klart.", status="draft"),
            w.attachment(9, "Kartan", "2012/10/karta.jpg"),
        ]
    )

    code, out, err = command(path, "--blog", str(blog.pk), "--media-dir", path.parent)

    assert code == 0
    lines = out.splitlines()
    posts_row = next(line for line in lines if line.split()[0] in ("posts", "inlägg"))
    assert posts_row.split()[1:] == ["2", "0", "0", "0", "0"]
    assert any("spam" in line for line in lines)
    assert any("karta.jpg" in line for line in lines), "the missing image is named"
    assert "100%" in err, "the progress bar ran to the end"
    assert BlogPostPage.objects.count() == 2


def test_dry_run_option_says_so_and_writes_nothing(write, blog, command):
    path = write([w.item(1, "Kick-off", "Välkommen!")])

    code, out, _err = command(path, "--blog", blog.slug, "--dry-run", "--no-progress")

    assert code == 0
    assert out.splitlines()[0] in (
        "Dry run: nothing was written. The import would do this:",
        "Provkörning: ingenting sparades. Importen skulle göra så här:",
    )
    assert not BlogPostPage.objects.exists()


def test_the_fidelity_option_prints_what_each_post_and_page_kept(write, blog, command):
    path = write(
        [
            w.item(1, "Hela texten", "<h2>Rubrik</h2>\nText med <del>struken</del> rad."),
            w.item(2, "Sidan", "<table><tr><td>A</td><td>B</td></tr></table>", post_type="page"),
            w.item(3, "Tappar en bild", 'Se <img src="javascript:alert(1)" alt="bilden" />.'),
        ]
    )

    code, out, _err = command(path, "--blog", blog.slug, "--dry-run", "--fidelity", "--no-progress")

    assert code == 0
    rows = {line.split("  ")[0]: line.split() for line in out.splitlines()[-3:]}
    assert rows["Hela texten"][-3:] == ["100,0", "%", "ingen"]
    assert rows["Sidan"][-3:] == ["100,0", "%", "ingen"], "a page keeps its table"
    assert rows["Tappar en bild"][-2:] == ["1", "bilder"]
    assert not BlogPostPage.objects.exists()


def test_a_media_folder_that_does_not_exist_is_refused_in_swedish(write, blog, command, tmp_path):
    path = write([w.item(1, "Kick-off", "Välkommen!")])

    code, _out, err = command(path, "--blog", blog.slug, "--media-dir", tmp_path / "saknas")

    assert code == 2
    assert "Mediemappen" in err and "finns inte" in err
    assert not BlogPostPage.objects.exists()
