#include "io/recording/recorder.hpp"

#include <chrono>

namespace rtcell::io {

Recorder::Recorder(std::unique_ptr<RecordingFile> file, std::size_t probe_columns,
                   std::size_t capacity)
    : file_(std::move(file)), row_(probe_columns, 0.0), queue_(capacity) {}

Recorder::~Recorder() {
    stop_.store(true);
    if (thread_.joinable())
        thread_.join();
}

void Recorder::start() {
    thread_ = std::thread([this] { run(); });
}

// Writes as records come; when idle, waits a millisecond (this thread is not real-time).
void Recorder::run() {
    Item item;
    while (true) {
        bool any = false;
        while (queue_.pop(item)) {
            write(item);
            any = true;
        }
        if (!any && stop_.load())
            break;
        if (!any)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

void Recorder::write(const Item& item) {
    if (const auto* s = std::get_if<rt::SpikeRecord>(&item)) {
        file_->spike(s->step, s->t_ms, s->member);
    } else if (const auto* f = std::get_if<rt::FrameRecord>(&item)) {
        for (std::uint32_t j = 0; j < f->count && f->first + j < row_.size(); ++j)
            row_[f->first + j] = f->values[j];
        if (f->first + f->count >= row_.size())  // the row's last slice
            file_->row(f->step, f->t_ms, row_.data());
    } else {
        const auto& a = std::get<rt::AppliedRecord>(item);
        if (a.kind == rt::AppliedRecord::Kind::input)
            file_->input(a.step, a.target, a.member, a.instance, a.value);
        else
            file_->control(a.step, a.tick, rt::control_kind_name(a.control), a.target, a.member,
                           a.value);
    }
    written_.fetch_add(1, std::memory_order_relaxed);
}

void Recorder::finish(const std::map<std::string, double>& timing) {
    stop_.store(true);
    if (thread_.joinable())
        thread_.join();
    file_->timing(timing);
    file_->root_attribute("records_dropped", static_cast<double>(dropped()));
    file_->close();
}

}  // namespace rtcell::io
