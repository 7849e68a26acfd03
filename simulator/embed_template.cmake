# Embeds the HTML report's template, with its style sheet and script
# inlined, as a raw string literal at build time (no network, no tool beyond
# CMake). Fails the build when a run-time placeholder is missing or repeated,
# or when the text holds the literal's delimiter.
#   cmake -DDIR=simulator -DOUTPUT=report_template.cpp -P embed_template.cmake
file(READ "${DIR}/report_template.html" text)
file(READ "${DIR}/report_style.css" style)
file(READ "${DIR}/report_script.js" script)
string(FIND "${script}" "</script" closes)
string(FIND "${style}" "</style" closes_style)
if(NOT closes EQUAL -1 OR NOT closes_style EQUAL -1)
  message(FATAL_ERROR "report template: the script or style sheet closes its own element")
endif()
string(REPLACE "{{STYLE}}" "${style}" text "${text}")
string(REPLACE "{{SCRIPT}}" "${script}" text "${text}")
foreach(placeholder "{{TITLE}}" "{{DATA}}")
  string(FIND "${text}" "${placeholder}" first)
  string(FIND "${text}" "${placeholder}" last REVERSE)
  if(first EQUAL -1 OR NOT first EQUAL last)
    message(FATAL_ERROR "report template: ${placeholder} must appear exactly once")
  endif()
endforeach()
string(FIND "${text}" "{{TITLE}}" title)
string(FIND "${text}" "{{DATA}}" data)
if(data LESS title)
  message(FATAL_ERROR "report template: {{TITLE}} must come before {{DATA}}")
endif()
string(FIND "${text}" ")ferry_page\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "report template: holds the delimiter )ferry_page\"")
endif()
file(WRITE "${OUTPUT}.new"
  "// Generated from simulator/report_template.html, report_style.css and\n"
  "// report_script.js by embed_template.cmake: do not edit.\n"
  "#include \"simulator/report_template.hpp\"\n\n"
  "namespace ferry::simulator {\n\n"
  "std::string_view report_template() {\n"
  "  static constexpr std::string_view text = R\"ferry_page(${text})ferry_page\";\n"
  "  return text;\n"
  "}\n\n"
  "}  // namespace ferry::simulator\n")
file(COPY_FILE "${OUTPUT}.new" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.new")
