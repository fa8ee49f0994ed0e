# rtcell_library(<name> <sources>...): one of rtcell's libraries, built as rtcell_<name>, used
# as rtcell::<name> inside this build and by outside projects (find_package(rtcell)).
#
# Flags are scoped to the targets, never global:
#   PUBLIC   C++20, -march=native (RTCELL_NATIVE) and the sanitizers (RTCELL_SANITIZE): the
#            headers hold Eigen fixed-size arrays whose alignment depends on the instruction
#            set, so a user must compile them as the library was compiled;
#   PRIVATE  warnings (-Wall -Wextra, RTCELL_WERROR): rtcell's, not imposed on its users.
function(rtcell_library name)
  add_library(rtcell_${name} ${ARGN})
  add_library(rtcell::${name} ALIAS rtcell_${name})
  set_target_properties(rtcell_${name} PROPERTIES EXPORT_NAME ${name})
  target_include_directories(rtcell_${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
    $<INSTALL_INTERFACE:include/rtcell>)
  rtcell_target_options(rtcell_${name})
  set_property(GLOBAL APPEND PROPERTY RTCELL_EXPORTED_TARGETS rtcell_${name})
endfunction()

# Flags for any rtcell target (libraries, the command, tests, benchmarks).
function(rtcell_target_options target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  # GCC 12 reports -Wrestrict false positives inside std::string concatenation at -O2
  # (GCC bug 105329); they are not in our code.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(RTCELL_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(RTCELL_NATIVE)
    target_compile_options(${target} PUBLIC -march=native)
  endif()
  if(RTCELL_SANITIZE)
    target_compile_options(${target} PUBLIC
      -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
  if(RTCELL_FUZZ)
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()
