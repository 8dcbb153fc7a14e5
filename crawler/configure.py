"""One place that turns leadscout's settings into a Scrapy CrawlerProcess (crawls and re-validation alike)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrapy.crawler import CrawlerProcess

    from leadscout.config import Settings


def crawler_process(settings: Settings, *, job_id: int, allow_private: bool, download_delay: float | None,
                    log_level: str, **extra: Any) -> CrawlerProcess:
    """A CrawlerProcess on crawler/settings.py with every guard configured from ``settings``.

    ``extra`` adds spider-specific Scrapy settings (e.g. ``LEADSCOUT_MAX_PAGES_PER_SITE``).
    """
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings as ScrapySettings

    scrapy_settings = ScrapySettings()
    scrapy_settings.setmodule("crawler.settings", priority="project")
    scrapy_settings.setdict({
        "LEADSCOUT_DB": settings.db,
        "LEADSCOUT_JOB_ID": job_id,
        "LEADSCOUT_ALLOW_PRIVATE": allow_private,
        "USER_AGENT": settings.user_agent,
        "DOWNLOAD_TIMEOUT": settings.download_timeout,
        "DOWNLOAD_MAXSIZE": settings.download_maxsize,
        "DOWNLOAD_WARNSIZE": min(settings.download_maxsize, 4 * 1024 * 1024),
        "LEADSCOUT_DNS_SERVER": settings.dns_server,
        "LEADSCOUT_ALLOW_NETWORKS": [n.strip() for n in settings.allow_networks.split(",") if n.strip()],
        "LEADSCOUT_FOCUSED": settings.focused,
        "LOG_LEVEL": log_level,
        # Scrapy logs go through the CLI's handler (its level, its masking); Scrapy's own root
        # handler would lower the root level to NOTSET and print every DEBUG record.
        "LOG_INSTALL_ROOT_HANDLER": False,
        **extra,
    }, priority="cmdline")
    if download_delay is not None:
        scrapy_settings.set("DOWNLOAD_DELAY", download_delay, priority="cmdline")
        scrapy_settings.set("AUTOTHROTTLE_START_DELAY", download_delay, priority="cmdline")
    process = CrawlerProcess(scrapy_settings)
    # Scrapy's logging defaults set its own logger to DEBUG: bring it back to the process's level.
    logging.getLogger("scrapy").setLevel(logging.getLogger().getEffectiveLevel())
    return process
