# Two small helpers, after abseil's absl_cc_library/absl_cc_test: every library
# gets a `refnet::` alias and the source root on its include path.

function(refnet_cc_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(refnet_${ARG_NAME} STATIC ${ARG_SRCS})
  add_library(refnet::${ARG_NAME} ALIAS refnet_${ARG_NAME})
  target_include_directories(refnet_${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(refnet_${ARG_NAME} PUBLIC ${ARG_DEPS})
endfunction()

include(GoogleTest)

function(refnet_cc_test)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  # Each test case is its own CTest test, so failures are named and cases run
  # in parallel; discovery happens when the tests run, not at build time.
  gtest_discover_tests(${ARG_NAME}
    DISCOVERY_MODE PRE_TEST
    PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT 300)
endfunction()
