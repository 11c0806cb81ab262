"""sitemap.xml: every live, public page in every language, each with its translations as
alternates (hreflang, and x-default for the default language's version)."""

from collections import defaultdict

from django.conf import settings

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.locales import site_pages


class TranslatedSitemap(Sitemap):
    def items(self):
        return (
            site_pages(self.get_wagtail_site())
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        alternates = self._alternates(items)
        urls, last_mods = [], set()
        for item in items:
            for url_info in item.get_sitemap_urls(self.request):
                if url_info["location"] == item.get_full_url(self.request):
                    url_info["alternates"] = alternates.get(item.translation_key, [])
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _alternates(self, items):
        """{translation key: alternates} for the items that have a translation: one query."""
        versions = defaultdict(list)
        translated = (
            Page.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
            .order_by("path")
        )
        for version in translated:
            versions[version.translation_key].append(version)
        alternates = {}
        for key, pages in versions.items():
            if len(pages) < 2:
                continue
            links = [
                {
                    "lang_code": version.locale.language_code,
                    "location": version.get_full_url(self.request),
                }
                for version in pages
            ]
            links += [
                {"lang_code": "x-default", "location": link["location"]}
                for link in links
                if link["lang_code"] == settings.LANGUAGE_CODE
            ]
            alternates[key] = links
        return alternates
