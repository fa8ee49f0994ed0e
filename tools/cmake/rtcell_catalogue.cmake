# rtcell_add_catalogue(<name> MODS a.mod b.mod ... [OUTPUT_DIRECTORY dir])
# builds the mechanism catalogue <dir>/<name>.so from NMODL files with `rtcell nmodl build`
# (README "Mechanisms"), as target <name>, rebuilt when a .mod file or rtcell changes. Inside
# rtcell's build it uses the rtcell command being built; an outside project that did
# find_package(rtcell) uses the installed one (rtcell::rtcell).
function(rtcell_add_catalogue name)
  cmake_parse_arguments(PARSE_ARGV 1 CAT "" "OUTPUT_DIRECTORY" "MODS")
  if(NOT CAT_MODS)
    message(FATAL_ERROR "rtcell_add_catalogue(${name}): no MODS given")
  endif()
  if(NOT CAT_OUTPUT_DIRECTORY)
    set(CAT_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  endif()
  if(TARGET rtcell)
    set(rtcell_command $<TARGET_FILE:rtcell>)
  else()
    set(rtcell_command $<TARGET_FILE:rtcell::rtcell>)
  endif()
  set(mods)
  foreach(mod IN LISTS CAT_MODS)
    get_filename_component(abs ${mod} ABSOLUTE)
    list(APPEND mods ${abs})
  endforeach()
  set(out ${CAT_OUTPUT_DIRECTORY}/${name}.so)
  add_custom_command(OUTPUT ${out}
    COMMAND ${rtcell_command} nmodl build ${mods} -o ${out}
    DEPENDS ${mods} ${rtcell_command}
    COMMENT "rtcell nmodl build → ${name}.so" VERBATIM)
  add_custom_target(${name} ALL DEPENDS ${out})
  if(TARGET rtcell)
    add_dependencies(${name} rtcell)  # built before it runs, in any -j order
  endif()
endfunction()
