"""{% fragment "name" part … %}…{% endfragment %}: the enclosed part of a page rendered once
per site, language, fragment version and the parts given, then kept (core/fragments.py).
Only for what every reader of the live site sees alike."""

from django import template
from django.utils.safestring import mark_safe

from core import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        html = fragments.cached(
            context.get("request"),
            self.name.resolve(context),
            [getattr(part, "pk", part) for part in parts],
            lambda: str(self.nodelist.render(context)),
        )
        return mark_safe(html)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), map_filters(parser, bits[2:]))


def map_filters(parser, bits):
    return [parser.compile_filter(bit) for bit in bits]
