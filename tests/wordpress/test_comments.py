"""Reader comments come over with their threads and moderation status."""

import datetime

from comments.models import Comment

from . import wxr_files as w


def post_with_comments(write, comments):
    return write([w.item(1, "Vad hindrar oss från att pendla?", "Berätta!", comments=comments)])


THREAD = [
    w.comment(
        100,
        "Jag pendlar från Husum, tåget är för sällan.",
        author="Åsa Öberg",
        email="ASA@example.invalid",
        date="2013-05-13 08:00:00",
    ),
    w.comment(
        101, "Håller med <em>helt</em>!", author="Per", parent=100, date="2013-05-13 09:00:00"
    ),
    w.comment(102, "Svar på svaret.", author="Anna", parent=101, date="2013-05-13 10:00:00"),
    w.comment(103, "Väntar på granskning.", approved="0"),
    w.comment(104, "Köp billiga klockor", approved="spam"),
    w.comment(105, "Borttagen", approved="trash"),
    w.comment(106, "Länkad från annan blogg", comment_type="pingback"),
]


def test_comments_keep_threads_statuses_dates_and_unicode(write, run_import, client):
    report = run_import(post_with_comments(write, THREAD))

    first = Comment.objects.get(text__startswith="Jag pendlar")
    assert first.name == "Åsa Öberg" and first.email == "asa@example.invalid"
    assert first.status == Comment.Status.APPROVED
    assert first.created_at == datetime.datetime(2013, 5, 13, 8, 0, tzinfo=datetime.UTC)
    assert first.ip_address is None, "imported comments keep no IP address"
    reply = Comment.objects.get(name="Per")
    assert reply.parent == first and reply.text == "Håller med helt!"
    # WordPress nests deeper; here replies are one level deep, under the first comment.
    assert Comment.objects.get(name="Anna").parent == first
    assert Comment.objects.get(text="Väntar på granskning.").status == Comment.Status.PENDING
    assert not Comment.objects.filter(text__in=["Köp billiga klockor", "Borttagen"]).exists()
    assert Comment.objects.count() == 4
    assert report.count("comments", "created") == 4
    assert report.count("comments", "skipped") == 3

    page = client.get("/blogg/inlagg-1/").content.decode()
    assert "Jag pendlar från Husum" in page
    assert "Väntar på granskning." not in page


def test_second_run_updates_comments_and_adds_new_ones_without_duplicates(write, run_import):
    run_import(post_with_comments(write, THREAD))
    edited = [
        w.comment(100, "Jag pendlar från Husum, tåget går för sällan.", author="Åsa Öberg"),
        w.comment(103, "Väntar på granskning.", approved="1"),
        w.comment(107, "En ny kommentar.", parent=103),
    ]

    report = run_import(post_with_comments(write, edited))

    assert Comment.objects.count() == 5
    assert Comment.objects.get(name="Åsa Öberg").text.endswith("tåget går för sällan.")
    assert Comment.objects.get(text="Väntar på granskning.").status == Comment.Status.APPROVED
    assert Comment.objects.get(text="En ny kommentar.").parent.text == "Väntar på granskning."
    assert report.count("comments", "updated") == 2
    assert report.count("comments", "created") == 1


def test_dry_run_counts_comments_but_writes_none(write, run_import):
    report = run_import(post_with_comments(write, THREAD), dry_run=True)

    assert not Comment.objects.exists()
    assert report.count("comments", "created") == 4
