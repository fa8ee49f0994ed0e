# `cmake --install`: the libraries, their headers (include/rtcell/<layer>/...), the rtcell
# command, and a package configuration so that an outside project can write
#   find_package(rtcell REQUIRED)
#   target_link_libraries(app PRIVATE rtcell::model)
# (tests/install/ is such a project; the install_find_package test builds it.)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

get_property(rtcell_exported GLOBAL PROPERTY RTCELL_EXPORTED_TARGETS)
install(TARGETS ${rtcell_exported} rtcell EXPORT rtcellTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
foreach(layer model rt io config tools)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${layer}/ DESTINATION include/rtcell/${layer}
          FILES_MATCHING PATTERN "*.hpp" PATTERN "examples" EXCLUDE PATTERN "cmake" EXCLUDE
          PATTERN "reference" EXCLUDE PATTERN "pictures" EXCLUDE)
endforeach()

set(rtcell_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/rtcell)
install(EXPORT rtcellTargets NAMESPACE rtcell:: DESTINATION ${rtcell_cmake_dir})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/rtcellConfig.cmake.in
  ${PROJECT_BINARY_DIR}/rtcellConfig.cmake INSTALL_DESTINATION ${rtcell_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/rtcellConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/rtcellConfig.cmake ${PROJECT_BINARY_DIR}/rtcellConfigVersion.cmake
        ${CMAKE_CURRENT_LIST_DIR}/rtcell_catalogue.cmake
        DESTINATION ${rtcell_cmake_dir})
