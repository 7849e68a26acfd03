// `ferry plan FILE [-o PLAN]`: compile to a plan file (and say what was
// written), or summarise it; `ferry plan --show PLAN`: read a plan file back.
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "compiler/plan_file_check.hpp"
#include "dsl/output_file.hpp"
#include "cli/load.hpp"
#include "cli/plan_summary.hpp"
#include "plan/plan_json.hpp"
#include "plan/sha256.hpp"

namespace ferry::cli {

namespace {

struct PlanOptions {
  std::string file, output, show;
};

// The plan file's own hash: its last member, written by write_plan_json.
std::string plan_hash_of(const std::string& text) {
  const std::string key = "\"plan_sha256\":\"";
  auto at = text.rfind(key);
  return at == std::string::npos ? "?" : text.substr(at + key.size(), 64);
}

int write_plan(const PlanOptions& o) {
  if (!o.output.empty())
    if (auto clash = dsl::output_is_input(o.output, {o.file})) {
      std::cerr << "ferry: error: " << clash->message << "\n";
      return kInputError;
    }
  std::optional<plan::Plan> plan = load_plan(o.file);
  if (!plan) return kInputError;
  if (o.output.empty()) {
    std::cout << plan_summary(*plan);
    return kOk;
  }
  std::string text = plan::write_plan_json(*plan);
  if (auto failed = dsl::write_atomically(o.output, text)) {
    std::cerr << "ferry: error: " << failed->message << "\n";
    return kInputError;
  }
  std::cout << "wrote " << o.output << " (plan_sha256 " << plan_hash_of(text) << ")\n" << plan_summary(*plan);
  return kOk;
}

int show_plan(const PlanOptions& o) {
  std::string error;
  auto text = dsl::SourceFile::read_text(o.show, error);
  if (!text) {
    std::cerr << "ferry: error: " << error << "\n";
    return kInputError;
  }
  if (input_kind(*text) != InputKind::plan) {
    std::cerr << o.show << ": error: not a plan file: it does not start with '{\"' (a .ferry file is compiled with plan FILE)\n";
    return kInputError;
  }
  plan::PlanFile read = text->rfind("\xEF\xBB\xBF", 0) == 0
                            ? plan::PlanFile{std::nullopt, "malformed plan file: it starts with a byte-order mark; ferry writes none", ""}
                            : compiler::read_plan_file(*text);
  if (!read.plan) {
    std::cerr << o.show << ": error: " << read.error << "\n";
    return kInputError;
  }
  std::cout << plan_summary(*read.plan) << "  plan_sha256 " << read.plan_sha256 << "\n";
  // The plan names its source and the source's hash: say when the file has
  // been edited since, so an outdated plan is not run by mistake.
  const plan::SourceStamp& source = read.plan->source;
  auto now = dsl::SourceFile::read_text(source.path, error);
  if (!now)
    std::cerr << "ferry: warning: cannot check whether the source changed: " << error << "\n";
  else if (plan::sha256_hex(*now) != source.sha256)
    std::cerr << "ferry: warning: " << source.path << " changed since this plan was written (sha256 now "
              << plan::sha256_hex(*now).substr(0, 12) << "..., the plan has " << source.sha256.substr(0, 12)
              << "...): run `ferry plan` again\n";
  return kOk;
}

}  // namespace

void add_plan_command(CLI::App& app, Action& chosen) {
  auto o = std::make_shared<PlanOptions>();
  auto* cmd = app.add_subcommand("plan", "Compile a file to a plan (-o P.json), or summarise one (--show)");
  auto* input = cmd->add_option("file", o->file, "The .ferry file");
  auto* output = cmd->add_option("-o,--output", o->output, "Write the plan file here (JSON)")->check(not_empty());
  cmd->add_option("--show", o->show, "Read a plan file back and summarise it")
      ->check(not_empty())
      ->excludes(input)
      ->excludes(output);
  cmd->callback([o, &chosen] {
    if (o->file.empty() && o->show.empty()) throw CLI::RequiredError("a FILE or --show PLAN");
    chosen = [o] { return o->show.empty() ? write_plan(*o) : show_plan(*o); };
  });
}

}  // namespace ferry::cli
