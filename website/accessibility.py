"""The parts of an accessibility statement (tillgänglighetsredogörelse) that Digg's template
asks for and an editor lists item by item: each lack of compliance with the WCAG 2.1
success criteria it fails, each exemption with its reason."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import blocks

# The success criteria of WCAG 2.1 at levels A and AA, which EN 301 549 and the Swedish law
# on accessibility of digital public services (DOS-lagen) require.
WCAG_21_AA = [
    ("1.1.1", _("Non-text content")),
    ("1.2.1", _("Audio-only and video-only (prerecorded)")),
    ("1.2.2", _("Captions (prerecorded)")),
    ("1.2.3", _("Audio description or media alternative (prerecorded)")),
    ("1.2.4", _("Captions (live)")),
    ("1.2.5", _("Audio description (prerecorded)")),
    ("1.3.1", _("Info and relationships")),
    ("1.3.2", _("Meaningful sequence")),
    ("1.3.3", _("Sensory characteristics")),
    ("1.3.4", _("Orientation")),
    ("1.3.5", _("Identify input purpose")),
    ("1.4.1", _("Use of colour")),
    ("1.4.2", _("Audio control")),
    ("1.4.3", _("Contrast (minimum)")),
    ("1.4.4", _("Resize text")),
    ("1.4.5", _("Images of text")),
    ("1.4.10", _("Reflow")),
    ("1.4.11", _("Non-text contrast")),
    ("1.4.12", _("Text spacing")),
    ("1.4.13", _("Content on hover or focus")),
    ("2.1.1", _("Keyboard")),
    ("2.1.2", _("No keyboard trap")),
    ("2.1.4", _("Character key shortcuts")),
    ("2.2.1", _("Timing adjustable")),
    ("2.2.2", _("Pause, stop, hide")),
    ("2.3.1", _("Three flashes or below threshold")),
    ("2.4.1", _("Bypass blocks")),
    ("2.4.2", _("Page titled")),
    ("2.4.3", _("Focus order")),
    ("2.4.4", _("Link purpose (in context)")),
    ("2.4.5", _("Multiple ways")),
    ("2.4.6", _("Headings and labels")),
    ("2.4.7", _("Focus visible")),
    ("2.5.1", _("Pointer gestures")),
    ("2.5.2", _("Pointer cancellation")),
    ("2.5.3", _("Label in name")),
    ("2.5.4", _("Motion actuation")),
    ("3.1.1", _("Language of page")),
    ("3.1.2", _("Language of parts")),
    ("3.2.1", _("On focus")),
    ("3.2.2", _("On input")),
    ("3.2.3", _("Consistent navigation")),
    ("3.2.4", _("Consistent identification")),
    ("3.3.1", _("Error identification")),
    ("3.3.2", _("Labels or instructions")),
    ("3.3.3", _("Error suggestion")),
    ("3.3.4", _("Error prevention (legal, financial, data)")),
    ("4.1.1", _("Parsing")),
    ("4.1.2", _("Name, role, value")),
    ("4.1.3", _("Status messages")),
]
CRITERION_NAMES = dict(WCAG_21_AA)


class CriterionChoiceBlock(blocks.MultipleChoiceBlock):
    def __init__(self, **kwargs):
        choices = [(code, format_lazy("{} {}", code, name)) for code, name in WCAG_21_AA]
        super().__init__(choices=choices, **kwargs)


class CriteriaValue(blocks.StructValue):
    def criteria(self):
        """[(code, name)] of the failed criteria, in the order of WCAG."""
        chosen = set(self.get("wcag_criteria") or [])
        return [(code, name) for code, name in WCAG_21_AA if code in chosen]


class LackOfComplianceBlock(blocks.StructBlock):
    description = blocks.TextBlock(
        label=_("What does not work, where, and for whom"),
        help_text=_("E.g. “Tables in PDF reports are read as plain text by screen readers.”"),
    )
    wcag_criteria = CriterionChoiceBlock(
        label=_("WCAG 2.1 success criteria not met"),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose more than one."),
    )
    remedy = blocks.TextBlock(
        label=_("What we do about it"),
        required=False,
        help_text=_("The plan to fix it, or how a reader gets the content another way."),
    )
    fixed_by = blocks.DateBlock(label=_("Planned to be fixed by"), required=False)

    class Meta:
        icon = "warning"
        label = _("Lack of compliance")
        value_class = CriteriaValue


class ExemptionBlock(blocks.StructBlock):
    content = blocks.TextBlock(label=_("Content"))
    reason = blocks.TextBlock(label=_("Reason"))

    class Meta:
        icon = "info-circle"
        label = _("Content")
