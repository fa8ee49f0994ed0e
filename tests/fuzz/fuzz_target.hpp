#pragma once
// A fuzz target: libFuzzer's entry point, one per decoder of untrusted bytes. Built two ways
// (tests/fuzz/CMakeLists.txt): with clang's -fsanitize=fuzzer as a fuzzer, and in every build
// with fuzz_corpus_main.cpp as a program that runs stored inputs (the corpus and the
// reproducers of tests/data/reliability/) through the same function, as an ordinary test.
//
// A target returns normally for an input that is accepted or refused with an InputError, and
// calls fuzz_fail() (which aborts, so libFuzzer records the input) for anything else: another
// exception, or a result that breaks what the decoder promises (a non-finite length, a cable
// with x0 > x1, a reply that is not JSON).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace rtcell::fuzz {

[[noreturn]] inline void fail(const std::string& what) {
    std::fprintf(stderr, "fuzz target: %s\n", what.c_str());
    std::abort();
}

inline std::string text(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

}  // namespace rtcell::fuzz
