#include "io/clamp_shared_memory.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>

#include "model/util/input_error.hpp"

namespace rtcell::io {

namespace {

std::string failure(const std::string& name, const std::string& what) {
    return "shared memory " + name + ": " + what + ": " + std::strerror(errno);
}

rt::ClampExchange* map_block(int fd, const std::string& name) {
    void* p = mmap(nullptr, sizeof(rt::ClampExchange), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        const std::string why = failure(name, "cannot map");
        ::close(fd);
        throw InputError(why);
    }
    ::close(fd);
    return static_cast<rt::ClampExchange*>(p);
}

// A block whose creating kernel no longer runs (it crashed or was killed).
bool abandoned(const std::string& name) {
    const int fd = shm_open(name.c_str(), O_RDONLY, 0);
    if (fd < 0)
        return false;
    struct stat st {};
    std::int32_t pid = 0;
    if (fstat(fd, &st) == 0 && st.st_size >= static_cast<off_t>(sizeof(rt::ClampExchange))) {
        void* p = mmap(nullptr, sizeof(rt::ClampExchange), PROT_READ, MAP_SHARED, fd, 0);
        if (p != MAP_FAILED) {
            pid = static_cast<const rt::ClampExchange*>(p)->kernel_pid;
            munmap(p, sizeof(rt::ClampExchange));
        }
    }
    ::close(fd);
    return pid <= 0 || (kill(pid, 0) != 0 && errno == ESRCH);
}

}  // namespace

ClampSharedMemory ClampSharedMemory::create(const std::string& name, double dt_ms) {
    int fd = shm_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0 && errno == EEXIST && abandoned(name)) {
        shm_unlink(name.c_str());
        fd = shm_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
    }
    if (fd < 0 && errno == EEXIST)
        throw InputError("shared memory " + name +
                         ": in use by another running rtcell (choose another "
                         "dynamic_clamp.shared_memory name)");
    if (fd < 0)
        throw InputError(failure(name, "cannot create"));
    if (ftruncate(fd, sizeof(rt::ClampExchange)) != 0) {
        const std::string why = failure(name, "cannot size");
        ::close(fd);
        shm_unlink(name.c_str());
        throw InputError(why);
    }
    rt::ClampExchange* x = map_block(fd, name);
    const bool locked = mlock(x, sizeof(rt::ClampExchange)) == 0;
    new (x) rt::ClampExchange();  // magic 0 until the header is complete
    x->dt_ms = dt_ms;
    x->kernel_pid = static_cast<std::int32_t>(getpid());
    x->magic.store(rt::ClampExchange::kMagic, std::memory_order_release);
    return ClampSharedMemory(name, x, true, locked);
}

ClampSharedMemory ClampSharedMemory::open(const std::string& name) {
    const int fd = shm_open(name.c_str(), O_RDWR, 0);
    if (fd < 0)
        throw InputError(failure(name,
                                 "cannot open (is rtcell run with this dynamic_clamp "
                                 "running?)"));
    struct stat st {};
    if (fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(rt::ClampExchange))) {
        ::close(fd);
        throw InputError("shared memory " + name + ": too small to be an rtcell clamp block");
    }
    rt::ClampExchange* x = map_block(fd, name);
    if (x->magic.load(std::memory_order_acquire) != rt::ClampExchange::kMagic ||
        x->version != rt::ClampExchange::kVersion || x->size != sizeof(rt::ClampExchange)) {
        munmap(x, sizeof(rt::ClampExchange));
        throw InputError("shared memory " + name + ": not an rtcell clamp block of version " +
                         std::to_string(rt::ClampExchange::kVersion) + " (or not ready yet)");
    }
    return ClampSharedMemory(name, x, false, false);
}

ClampSharedMemory::ClampSharedMemory(ClampSharedMemory&& o) noexcept
    : name_(std::move(o.name_)), x_(o.x_), owner_(o.owner_), locked_(o.locked_) {
    o.x_ = nullptr;
}

void ClampSharedMemory::mark_stopped() {
    if (!x_ || !owner_)
        return;
    rt::ClampCommand last;
    rt::read_command(*x_, last);
    rt::write_command(*x_, {last.step, last.sample_index, 0.0, rt::clamp_flag::stopped});
    x_->state.store(static_cast<std::uint32_t>(rt::ClampState::stopped));
}

ClampSharedMemory::~ClampSharedMemory() {
    if (!x_)
        return;
    if (owner_) {
        mark_stopped();
        shm_unlink(name_.c_str());
    }
    munmap(x_, sizeof(rt::ClampExchange));
}

}  // namespace rtcell::io
