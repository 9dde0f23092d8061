#!/usr/bin/env python3
"""Python 3's process pools on the workloads of process_pool_bench.cpp:
100,000 tiny tasks submitted one by one (ProcessPoolExecutor.submit,
multiprocessing.Pool.apply_async), the same through map (default chunk
sizes), and the one-task round trip. Prints "key value" lines.

Usage: process_pool_python.py [workers] [tasks]
"""
import concurrent.futures
import multiprocessing
import statistics
import sys
import time


def tiny(x):
    return x + 1


def round_trip_us(call, rounds=2000):
    samples = []
    for i in range(rounds):
        start = time.perf_counter()
        call(i)
        samples.append((time.perf_counter() - start) * 1e6)
    return statistics.median(samples)


def main():
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    tasks = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    ctx = multiprocessing.get_context("fork")

    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx) as ex:
        ex.submit(tiny, 0).result()
        start = time.perf_counter()
        futures = [ex.submit(tiny, i) for i in range(tasks)]
        total = sum(f.result() for f in futures)
        print("executor_submit_tasks_per_s %.0f" % (tasks / (time.perf_counter() - start)))
        start = time.perf_counter()
        total += sum(ex.map(tiny, range(tasks)))
        print("executor_map_tasks_per_s %.0f" % (tasks / (time.perf_counter() - start)))
        print("executor_round_trip_us %.2f" % round_trip_us(lambda i: ex.submit(tiny, i).result()))

    with ctx.Pool(workers) as pool:
        pool.apply(tiny, (0,))
        start = time.perf_counter()
        results = [pool.apply_async(tiny, (i,)) for i in range(tasks)]
        total += sum(r.get() for r in results)
        print("mp_pool_submit_tasks_per_s %.0f" % (tasks / (time.perf_counter() - start)))
        start = time.perf_counter()
        total += sum(pool.map(tiny, range(tasks)))
        print("mp_pool_map_tasks_per_s %.0f" % (tasks / (time.perf_counter() - start)))
        print("mp_pool_round_trip_us %.2f" % round_trip_us(lambda i: pool.apply(tiny, (i,))))
    print("python %s" % sys.version.split()[0])


if __name__ == "__main__":
    main()
