// Fills the embedded template: the page title (HTML-escaped) and the page
// data (JSON escaped for a <script> element). The script reads the data
// with JSON.parse and writes names only through textContent, so a hostile
// name is text wherever it lands.
#include <string_view>

#include "simulator/report_html.hpp"
#include "simulator/report_template.hpp"

namespace ferry::simulator {

std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string json_for_script(const nlohmann::ordered_json& data) {
  std::string text = data.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + text.size() / 64);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    // Outside strings JSON has none of these, so escaping them everywhere
    // keeps the value and leaves no `</script>` or `<!--` in the page.
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' && (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else out += c;
  }
  return out;
}

std::string report_html(const plan::Fleet& fleet, const SimulationResult& result, const MonteCarloSummary* monte_carlo) {
  const std::string_view page = report_template();
  constexpr std::string_view kTitle = "{{TITLE}}", kData = "{{DATA}}";
  const std::size_t title = page.find(kTitle), data = page.find(kData);
  std::string out;
  out.reserve(page.size() + 256 * (result.servers.size() + 16));
  out += page.substr(0, title);
  out += escape_html(fleet.name);
  out += page.substr(title + kTitle.size(), data - title - kTitle.size());
  out += json_for_script(report_page_data(fleet, result, monte_carlo));
  out += page.substr(data + kData.size());
  return out;
}

}  // namespace ferry::simulator
