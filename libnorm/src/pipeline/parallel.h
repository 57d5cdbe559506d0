// An ordered parallel map over a stream: items are fetched one at a time
// (serially), processed on `threads` threads, and delivered in fetch order.
// At most `window` items are in flight, so memory stays bounded by
// window x the largest item whatever the length of the stream.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace norm {

// A thread count as callers give it: <= 0 means one per core.
inline int ThreadCount(int threads) {
  if (threads > 0) return threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// fetch(Item*) -> bool: false at the end of the stream (called under a lock).
// process(Item&): the expensive part, concurrently on different items.
// deliver(Item&) -> bool: in order, one at a time; false stops the run.
// The calling thread is one of the workers.
template <class Item, class Fetch, class Process, class Deliver>
void OrderedParallel(int threads, size_t window, Fetch fetch, Process process, Deliver deliver) {
  if (threads <= 1) {
    for (;;) {
      Item item;
      if (!fetch(&item)) return;
      process(item);
      if (!deliver(item)) return;
    }
  }
  if (window < static_cast<size_t>(threads)) window = static_cast<size_t>(threads);
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::optional<Item>> pending;  // pending[k] is item base+k; empty: in work
  uint64_t base = 0;
  uint64_t next = 0;
  bool eof = false;
  bool stop = false;
  bool delivering = false;

  auto worker = [&] {
    std::unique_lock<std::mutex> lock(mu);
    for (;;) {
      cv.wait(lock, [&] { return stop || eof || next - base < window; });
      if (stop || eof) return;
      Item item;
      if (!fetch(&item)) {
        eof = true;
        cv.notify_all();
        return;
      }
      uint64_t seq = next++;
      pending.emplace_back();
      lock.unlock();
      process(item);
      lock.lock();
      pending[seq - base].emplace(std::move(item));
      if (delivering) continue;
      delivering = true;
      while (!stop && !pending.empty() && pending.front().has_value()) {
        Item ready = std::move(*pending.front());
        pending.pop_front();
        ++base;
        lock.unlock();
        bool ok = deliver(ready);
        lock.lock();
        if (!ok) stop = true;
      }
      delivering = false;
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  // Workers leave at eof once nothing more can be fetched; items finished
  // after the last delivery pass are delivered here.
  while (!stop && !pending.empty() && pending.front().has_value()) {
    if (!deliver(*pending.front())) break;
    pending.pop_front();
  }
}

// fn(i) for every i in [0, n), on `threads` threads (<= 0: one per core).
template <class Fn>
void ParallelFor(size_t n, int threads, Fn fn) {
  const int t = ThreadCount(threads);
  size_t next = 0;
  OrderedParallel<size_t>(
      t, 2 * static_cast<size_t>(t),
      [&](size_t* i) { return next < n ? (*i = next++, true) : false; }, [&](size_t& i) { fn(i); },
      [](size_t&) { return true; });
}

}  // namespace norm
