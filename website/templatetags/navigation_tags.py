from django import template

from website.navigation import main_menu_pages

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    current = context.get("page")
    current_path = current.url_path if current else ""
    items = [
        (menu_page, current_path.startswith(menu_page.url_path))
        for menu_page in main_menu_pages(context["request"])
    ]
    return {"menu_items": items}
