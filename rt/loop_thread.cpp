#include "rt/loop_thread.hpp"

namespace rtcell::rt {

LoopThread::LoopThread(LoopConfig config)
    : config_(config),
      snapshots_(4),
      timing_(std::make_unique<TimingSnapshot>()),
      final_(std::make_unique<TimingSnapshot>()) {
    config_.validate();
}

LoopThread::~LoopThread() {
    request_stop();
    join();
}

const SetupReport& LoopThread::launch(std::function<void()> body) {
    thread_ = std::thread([this, body = std::move(body)] {
        name_this_thread("rtcell-rt");
        setup_ = setup_realtime_thread(config_);
        ready_.store(true, std::memory_order_release);
        body();
    });
    while (!ready_.load(std::memory_order_acquire))
        std::this_thread::yield();
    return setup_;
}

void LoopThread::join() {
    if (thread_.joinable())
        thread_.join();
}

void LoopThread::finish(const TimingSnapshot& t) {
    *final_ = t;
    final_->stopped = true;
    finished_.store(true, std::memory_order_release);
}

}  // namespace rtcell::rt
