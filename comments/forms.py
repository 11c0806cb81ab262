from django import forms
from django.utils.translation import gettext_lazy as _

from core.safe_urls import safe_url

from . import spam
from .models import NAME_MAX_LENGTH, TEXT_MAX_LENGTH, WEBSITE_MAX_LENGTH, Comment

WEBSITE_MESSAGE = _("Give your website's address, beginning with http:// or https://.")


class CommentForm(forms.Form):
    """What a reader fills in. Clean-up runs the spam defence last, so that a refused
    comment comes back with the reader's text and one clear message."""

    # Every message names its field (WCAG 3.3.1, 3.3.3): it is read out on its own in the
    # error summary, away from the field's label.
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Write your name."),
            "max_length": _("Shorten your name to at most %(limit_value)d characters."),
        },
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Never shown on the site."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Write your email address."),
            "invalid": _("Write your email address in the form name@example.se."),
            "max_length": _("Shorten your email address to at most %(limit_value)d characters."),
        },
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        max_length=WEBSITE_MAX_LENGTH,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
        error_messages={
            "invalid": WEBSITE_MESSAGE,
            "max_length": _(
                "Shorten your website's address to at most %(limit_value)d characters."
            ),
        },
    )
    text = forms.CharField(
        label=_("Comment"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text; web addresses become links."),
        error_messages={
            "required": _("Write your comment."),
            "max_length": _("Shorten your comment to at most %(limit_value)d characters."),
        },
    )
    consent = forms.BooleanField(
        label=_("I agree that my name, email and comment are stored as the privacy page says."),
        error_messages={"required": _("Tick the box to agree, or your comment cannot be kept.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people and screen readers in the template.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, page, site_settings=None, ip=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.site_settings = site_settings
        self.ip = ip
        self.rate_limited = False
        if not self.is_bound:
            self.fields["token"].initial = spam.issue_form_token(page)

    def error_summary(self):
        """(field id or "", message) for each error, in the order of the form, for the
        summary at the top of a refused form; a message without a field has no link."""
        summary = [("", error) for error in self.non_field_errors()]
        for name in ("parent", "name", "email", "website", "text", "consent"):
            bound = self[name]
            target = "" if name == "parent" else bound.id_for_label
            summary += [(target, error) for error in bound.errors]
        return summary

    def with_fresh_token(self):
        """A bound form re-rendered after a refusal carries a new token, so that the reader
        can simply send again."""
        data = self.data.copy()
        data["token"] = spam.issue_form_token(self.page)
        self.data = data
        return self

    def clean_website(self):
        """A web address only: http or https (Django's URL field would also take ftp)."""
        website = self.cleaned_data.get("website", "")
        if website and not safe_url(website, allow_relative=False).startswith(("http:", "https:")):
            raise forms.ValidationError(WEBSITE_MESSAGE)
        return safe_url(website, allow_relative=False)

    def clean_parent(self):
        """Replies are one level deep: a reply to a reply is filed under its top-level
        comment. Only approved comments on this page can be replied to."""
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = (
            Comment.objects.approved()
            .filter(page_id=self.page.pk, pk=parent_id)
            .select_related("parent")
            .first()
        )
        if parent is None:
            raise forms.ValidationError(_("The comment you replied to is not available."))
        return parent.parent or parent

    def clean(self):
        cleaned = super().clean()
        try:
            spam.check_form_token(self.data.get("token"), self.page)
            spam.check_honeypot(self.data.get("homepage", ""))
            if self.errors:
                return cleaned  # the reader fixes these first; nothing is counted yet
            spam.check_blocked(
                self.site_settings,
                name=cleaned["name"],
                email=cleaned["email"],
                website=cleaned.get("website", ""),
                text=cleaned["text"],
                ip=self.ip,
            )
            spam.check_rate_limit(ip=self.ip, email=cleaned["email"])
        except spam.Refused as refusal:
            self.rate_limited = refusal.rate_limited
            raise forms.ValidationError(str(refusal)) from refusal
        return cleaned
