// `rtcell run`'s real-time loop from Python: the command runs in-process on a C++ thread of its
// own (which starts the loop's and the IO thread as the command does), so the Python
// interpreter is never on the real-time thread and the GIL is never taken there. Its report is
// the command's JSON. One at a time: a process has one set of stop signals.
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <sstream>
#include <thread>

#include "model/util/input_error.hpp"
#include "tools/cli/stop_signals.hpp"
#include "tools/python/bindings/bindings.hpp"
#include "tools/run_command.hpp"

namespace py = pybind11;

namespace rtcell::python {
namespace {

std::atomic<bool> g_one_running{false};

class RealtimeRun {
  public:
    explicit RealtimeRun(std::vector<std::string> args) {
        if (g_one_running.exchange(true))
            throw InputError("a real-time run is already going in this process; stop it first");
        thread_ = std::thread([this, args = std::move(args)] {
            code_ = tools::run_realtime(args, out_, err_);
            done_.store(true);
        });
    }
    ~RealtimeRun() { finish(60.0); }

    bool done() const { return done_.load(); }
    // Waits up to `timeout_s` for the run to end by itself; true if it has.
    bool wait(double timeout_s) {
        py::gil_scoped_release nogil;
        const auto until = deadline(timeout_s);
        while (!done() && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        return join_if_done();
    }
    // Asks the run to stop (as Ctrl-C would) until it has, up to `timeout_s`.
    bool stop(double timeout_s) { return finish(timeout_s); }
    py::dict result() {
        if (!joined_)
            throw std::runtime_error("the run has not ended; wait() or stop() first");
        return py::dict(py::arg("exit_code") = code_, py::arg("report") = out_.str(),
                        py::arg("log") = err_.str());
    }

  private:
    static std::chrono::steady_clock::time_point deadline(double s) {
        return std::chrono::steady_clock::now() +
               std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                   std::chrono::duration<double>(s));
    }
    bool finish(double timeout_s) {
        py::gil_scoped_release nogil;
        const auto until = deadline(timeout_s);
        // Repeated: a request before the command has set up its stop signals would be lost.
        while (!done() && std::chrono::steady_clock::now() < until) {
            tools::StopSignals::request();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return join_if_done();
    }
    bool join_if_done() {
        if (!done())
            return false;
        if (!joined_) {
            thread_.join();
            joined_ = true;
            g_one_running.store(false);
        }
        return true;
    }

    std::thread thread_;
    std::ostringstream out_, err_;
    std::atomic<bool> done_{false};
    bool joined_ = false;
    int code_ = -1;
};

}  // namespace

void bind_realtime(py::module_& m) {
    py::class_<RealtimeRun>(m, "RealtimeRun")
        .def(py::init<std::vector<std::string>>(), py::arg("args"))
        .def_property_readonly("done", &RealtimeRun::done)
        .def("wait", &RealtimeRun::wait, py::arg("timeout_s"))
        .def("stop", &RealtimeRun::stop, py::arg("timeout_s"))
        .def("result", &RealtimeRun::result);
}

}  // namespace rtcell::python
