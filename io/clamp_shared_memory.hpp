#pragma once
// A ClampExchange (rt/clamp/clamp_exchange.hpp) in POSIX shared memory, mapped before the
// real-time loop starts so that the loop itself only reads and writes memory.
//
// rtcell creates the block (create): a name such as "/rtcell-clamp" (a file in /dev/shm),
// mode 0600, locked in RAM where allowed, header written last so that a bridge that sees the
// magic number sees a complete header. A block left by a kernel that died is taken over; one
// whose kernel still runs is refused. On destruction the creator writes a zero command with the
// stopped flag, then unmaps and removes the name. A bridge maps an existing block (open) and
// checks its magic number, version and size.
#include <cstddef>
#include <string>

#include "rt/clamp/clamp_exchange.hpp"

namespace rtcell::io {

// The block of rig channel k of `channels`: the configured name itself for one channel, with
// ".k" after it for several ("/rtcell-clamp.0", "/rtcell-clamp.1", ...).
inline std::string clamp_channel_block(const std::string& name, std::size_t k,
                                       std::size_t channels) {
    return channels == 1 ? name : name + "." + std::to_string(k);
}

class ClampSharedMemory {
  public:
    // Throws InputError naming the block and the reason.
    static ClampSharedMemory create(const std::string& name, double dt_ms);
    static ClampSharedMemory open(const std::string& name);

    ClampSharedMemory(ClampSharedMemory&& other) noexcept;
    ClampSharedMemory& operator=(ClampSharedMemory&&) = delete;
    ClampSharedMemory(const ClampSharedMemory&) = delete;
    ~ClampSharedMemory();

    rt::ClampExchange& exchange() { return *x_; }
    const std::string& name() const { return name_; }
    bool locked() const { return locked_; }  // mlock succeeded (creator)
    // The creator's last word: a zero command with the stopped flag, state stopped.
    void mark_stopped();

  private:
    ClampSharedMemory(std::string name, rt::ClampExchange* x, bool owner, bool locked)
        : name_(std::move(name)), x_(x), owner_(owner), locked_(locked) {}
    std::string name_;
    rt::ClampExchange* x_;
    bool owner_, locked_;
};

}  // namespace rtcell::io
