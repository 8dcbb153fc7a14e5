"""The page sink: every fetched HTML page goes into the store and its URL is marked done."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from leadscout.store import create_store_engine
from leadscout.store.crawl import save_page

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from sqlalchemy import Engine


class PageSinkPipeline:
    """Stores pages; extraction runs later over the store, never on the reactor thread."""

    def __init__(self, *, engine: Engine, job_id: int, stats) -> None:
        self.engine = engine
        self.job_id = job_id
        self.stats = stats
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="leadscout-store")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageSinkPipeline:
        job_id = crawler.settings.getint("LEADSCOUT_JOB_ID")
        if not job_id:
            raise NotConfigured("LEADSCOUT_JOB_ID is not set")
        return cls(engine=create_store_engine(crawler.settings["LEADSCOUT_DB"]), job_id=job_id, stats=crawler.stats)

    async def process_item(self, item):
        # The write runs on one store thread, not on the reactor: fetching goes on meanwhile, and
        # pages are written in the order they arrived.
        adapter = ItemAdapter(item)
        await asyncio.get_running_loop().run_in_executor(
            self.writer, partial(save_page, self.engine, self.job_id, adapter["page"],
                                 request_url=adapter["request_url"]))
        self.stats.inc_value("leadscout/pages_stored")
        return item

    def close_spider(self) -> None:
        self.writer.shutdown(wait=True)
