// The HTML report's template (report_template.html, CSS and script inline),
// embedded at build time by embed_template.cmake. report_html fills its
// {{TITLE}} and {{DATA}} placeholders, each present exactly once.
#pragma once

#include <string_view>

namespace ferry::simulator {

std::string_view report_template();

}  // namespace ferry::simulator
