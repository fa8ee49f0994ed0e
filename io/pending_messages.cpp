#include "io/pending_messages.hpp"

#include <algorithm>

namespace rtcell::io {

bool PendingMessages::due(const Entry& e) const {
    return e.control ? e.message.step <= kernel_.current_tick() + lead_
                     : e.event.step <= kernel_.current_step() + lead_;
}

bool PendingMessages::keep(Entry e, std::uint64_t* id) {
    if (entries_.size() >= capacity_)
        return false;
    e.id = next_id_++;
    if (id)
        *id = e.id;
    note_earliest(e);
    entries_.push_back(e);
    return true;
}

void PendingMessages::note_earliest(const Entry& e) {
    if (e.control)
        earliest_tick_ = std::min(earliest_tick_, e.message.step);
    else
        earliest_step_ = std::min(earliest_step_, e.event.step);
}

bool PendingMessages::send(const rt::InputEvent& e, std::uint64_t* id) {
    if (id)
        *id = 0;
    Entry entry{0, false, e, {}};
    if (due(entry))
        return kernel_.send(e);
    return keep(entry, id);
}

bool PendingMessages::send(const rt::ControlMessage& m, std::uint64_t* id) {
    if (id)
        *id = 0;
    Entry entry{0, true, {}, m};
    if (due(entry))
        return kernel_.send(m);
    return keep(entry, id);
}

// In id order, so that messages for the same step keep the order they came in. A message the
// loop's queue cannot take now stays for the next pass.
void PendingMessages::release() {
    if (earliest_tick_ > kernel_.current_tick() + lead_ &&
        earliest_step_ > kernel_.current_step() + lead_)
        return;  // nothing has come within the lead: no need to look
    earliest_tick_ = earliest_step_ = UINT64_MAX;
    auto kept = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        const bool sent =
            due(*it) && (it->control ? kernel_.send(it->message) : kernel_.send(it->event));
        if (!sent) {
            note_earliest(*it);
            *kept++ = *it;
        }
    }
    entries_.erase(kept, entries_.end());
}

nlohmann::json PendingMessages::list(const KernelInfo& info) const {
    auto parameter = [&](int handle) {
        for (const auto& [name, h] : info.parameters)
            if (h == handle)
                return name;
        return std::string("?");
    };
    const auto& synapses = kernel_.synapse_handle_names();
    nlohmann::json out = nlohmann::json::array();
    for (const Entry& e : entries_) {
        nlohmann::json j{{"id", e.id}};
        if (e.control) {
            j["kind"] = rt::control_kind_name(e.message.kind);
            j["tick"] = e.message.step;
            if (e.message.target >= 0) {
                j["target"] = parameter(e.message.target);
                j["member"] = e.message.member;
                j["value"] = e.message.value;
            }
        } else {
            j["kind"] = "event";
            j["step"] = e.event.step;
            const auto s = static_cast<std::size_t>(e.event.synapse);
            j["synapse"] = s < synapses.size() ? synapses[s] : "?";
            j["member"] = e.event.member;
            j["instance"] = e.event.instance;
            j["weight"] = e.event.weight;
        }
        out.push_back(std::move(j));
    }
    return out;
}

bool PendingMessages::cancel(std::uint64_t id) {
    const auto it =
        std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.id == id; });
    if (it == entries_.end())
        return false;
    entries_.erase(it);
    return true;
}

std::size_t PendingMessages::cancel_all() {
    const std::size_t n = entries_.size();
    entries_.clear();
    earliest_tick_ = earliest_step_ = UINT64_MAX;
    return n;
}

}  // namespace rtcell::io
