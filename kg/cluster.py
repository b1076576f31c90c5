"""A run's shards extracted on a Dask cluster (``kg extract --run DIR --scheduler ADDR``).

Each worker loads the pipeline once, when it joins (a worker plugin), and keeps it for
every shard it is given; a worker that joins later, or is restarted after a crash, loads
its own. A shard's records come back as gzip JSON Lines as soon as it is done, and only
this process writes them into the run folder (kg.runs), once per shard: a shard whose
worker was lost is run again elsewhere by the scheduler, and its future still resolves
once. Workers read the inputs where this process finds them (their absolute paths, from
the run's base folder), so they must see the same files at the same places (a shared
filesystem); the records name them as the run does.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from distributed import Client, LocalCluster, Worker, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from kg.errors import KgError
from kg.runs import Extract, Produce, Shard, ShardResult, extract_shard

PLUGIN = "kg-pipeline"
# A shard whose task raised (not one whose worker died: the scheduler reruns those on
# its own) is tried this many more times before the run stops.
RETRIES = 2


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline on each worker as it starts (by ``load``, sent to the workers
    pickled: kg.pipeline.Extractor with its options bound), and keeps it there.

    Named by ``key`` (the pipeline's options) and registered idempotently: a later run
    with the same options on a long-lived cluster finds the pipeline already loaded.
    """

    idempotent = True

    def __init__(self, load: Callable[[], Any], key: str) -> None:
        self.load = load
        self.name = f"{PLUGIN}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"
        self.pipeline: Any = None

    async def setup(self, worker: Worker) -> None:
        # Loading takes seconds: off the worker's event loop, so that it keeps answering
        # the scheduler's heartbeats meanwhile.
        self.pipeline = await asyncio.get_running_loop().run_in_executor(None, self.load)

    def teardown(self, worker: Worker) -> None:
        self.pipeline = None


def connect(address: str, *, timeout: float = 10.0) -> Client:
    """A client of the scheduler at ``address``; one line if it cannot be reached."""
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        # distributed wraps the refusal in prose over several lines; its first says why.
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise KgError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


def local_cluster(workers: int) -> Client:
    """A client of a cluster of ``workers`` single-threaded processes on this machine."""
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    return Client(cluster, set_as_default=False)


def _extract_on_worker(
    plugin_name: str, produce: Produce, paths: list[str], base: str
) -> ShardResult:
    plugin = get_worker().plugins[plugin_name]
    assert isinstance(plugin, PipelinePlugin)
    if plugin.pipeline is None:
        # Its setup failed (no model yet when the plugin was registered, and the
        # scheduler keeps a registered plugin): try again now, after `kg setup`.
        plugin.pipeline = plugin.load()
    return extract_shard(paths, plugin.pipeline, produce, base)


def dask_extract(client: Client, load: Callable[[], Any], produce: Produce, key: str) -> Extract:
    """Shards extracted on the workers of ``client``'s cluster, yielded as they finish:
    each worker loads its pipeline by ``load`` (once for each ``key``) and makes a
    shard's records by ``produce`` (see kg.runs.Produce); both go to it pickled."""

    def extract(shards: Sequence[Shard]) -> Iterator[tuple[Shard, ShardResult]]:
        plugin = PipelinePlugin(load, key)
        client.register_plugin(plugin)
        futures = {
            client.submit(
                _extract_on_worker,
                plugin.name,
                produce,
                shard.paths,
                shard.base,
                # Named by content: the same shard of the same files is one task.
                key=f"kg-shard-{shard.id}-{shard.digest[:16]}",
                pure=False,
                retries=RETRIES,
            ): shard
            for shard in shards
        }
        try:
            for future in as_completed(futures, loop=client.loop):
                shard = futures.pop(future)
                result = future.result()
                future.release()  # its bytes are on disk from here on
                yield shard, result
        finally:
            # Stopped half-way (Ctrl-C, an error): the cluster drops the rest.
            client.cancel(list(futures))

    return extract
