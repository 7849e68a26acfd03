// The operator's requests to a run: `ferry confirm ACTION_ID --by NAME`,
// `ferry retry ACTION_ID`, `ferry rollback --account SERVER/ACCOUNT`. Each
// is checked against the journal, then written there; the running `apply`
// (or the next one) carries it out and answers, and the answer is printed
// when an `apply` is running (DESIGN §5.3).
#include <chrono>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "cli/runtime_access.hpp"
#include "runtime/approval.hpp"

namespace ferry::cli {

namespace {

struct RequestOptions {
  std::string action, account, by;
  std::optional<std::string> journal, plan;
};

const runtime::ActionRow* find_row(const std::vector<runtime::ActionRow>& rows, const std::string& id) {
  for (const runtime::ActionRow& r : rows)
    if (r.id == id) return &r;
  return nullptr;
}

std::string state_text(const runtime::ActionRow& r) {
  return r.waiting_for.empty() ? r.state : r.state + " (for " + r.waiting_for + ")";
}

// Why the request cannot be taken as the journal stands; "" when it can.
std::string refusal(runtime::Request::Kind kind, const std::string& subject, const std::vector<runtime::ActionRow>& rows) {
  using Kind = runtime::Request::Kind;
  if (kind == Kind::rollback) {
    auto slash = subject.find('/');
    if (slash == std::string::npos) return "--account takes SERVER/ACCOUNT";
    std::string server = subject.substr(0, slash);
    const runtime::ActionRow* migrate = find_row(rows, server + "/migrate/" + subject.substr(slash + 1));
    if (!migrate) return "no account " + subject + " in this plan";
    if (migrate->state != "done") return subject + "'s migrate is " + state_text(*migrate) + ", not done";
    const runtime::ActionRow* reinstall = find_row(rows, server + "/reinstall");
    if (reinstall && (reinstall->state == "running" || reinstall->state == "done" ||
                      (reinstall->state == "waiting" && reinstall->waiting_for == "confirmation")))
      return "server " + server + "'s reinstall has started: its accounts can no longer be rolled back";
    return "";
  }
  const runtime::ActionRow* row = find_row(rows, subject);
  if (!row) return "no action " + subject + " in this plan (ids look like web-01/migrate/shop)";
  bool operator_wait = row->state == "waiting" && (row->waiting_for == "confirmation" || row->waiting_for == "operator");
  if (kind == Kind::confirm && !operator_wait)
    return subject + " is " + state_text(*row) + ": it does not wait for a confirmation";
  if (kind == Kind::retry && row->state != "failed" && !(row->state == "waiting" && row->waiting_for == "operator"))
    return subject + " is " + state_text(*row) + ": only a failed (or interrupted) action is retried";
  return "";
}

int send(runtime::Request::Kind kind, const RequestOptions& o) {
  std::optional<ApprovablePlan> file;
  if (o.plan && !(file = read_approvable_plan(*o.plan))) return kInputError;
  auto journal = open_journal_for(file ? &file->plan : nullptr, o.journal, /*create=*/false);
  if (!journal) return kInputError;
  StatusOr<std::vector<runtime::ActionRow>> rows = journal->actions();
  if (!rows.ok()) return print_refusal(rows.status());
  std::string subject = kind == runtime::Request::Kind::rollback ? o.account : o.action;
  if (std::string why = refusal(kind, subject, *rows); !why.empty())
    return print_refusal(Status::refused(why));
  StatusOr<std::int64_t> id = journal->request({0, kind, subject, o.by, runtime::wall_time_now()});
  if (!id.ok()) return print_refusal(id.status());
  if (!journal->apply_running()) {
    std::cout << "recorded: the next `ferry apply` on this journal carries it out\n";
    return kOk;
  }
  // The running apply reads requests several times a second.
  for (int i = 0; i < 600; ++i) {
    StatusOr<std::optional<std::string>> answer = journal->answer(*id);
    if (!answer.ok()) return print_refusal(answer.status());
    if (*answer) {
      if ((*answer)->rfind("refused: ", 0) == 0) return print_refusal(Status::refused((*answer)->substr(9)));
      std::cout << subject << ": " << **answer << "\n";
      return kOk;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::cout << "recorded; the running apply has not answered yet (see `ferry status`)\n";
  return kOk;
}

void add_journal_options(CLI::App* cmd, RequestOptions& o) {
  cmd->add_option("--journal", o.journal, "The journal")->check(not_empty());
  cmd->add_option("--plan", o.plan, "The plan file whose runtime block names the journal")->check(not_empty());
}

}  // namespace

void add_operator_commands(CLI::App& app, Action& chosen) {
  using Kind = runtime::Request::Kind;
  auto confirm = std::make_shared<RequestOptions>();
  auto* c = app.add_subcommand("confirm", "Confirm a manual action (or an interrupted one) is done");
  c->add_option("action", confirm->action, "The action id, e.g. web-01/reinstall")->required()->check(not_empty());
  c->add_option("--by", confirm->by, "Who confirms")->required()->check(not_empty());
  add_journal_options(c, *confirm);
  c->callback([confirm, &chosen] { chosen = [confirm] { return send(Kind::confirm, *confirm); }; });

  auto retry = std::make_shared<RequestOptions>();
  retry->by = "operator";
  auto* r = app.add_subcommand("retry", "Run a failed action again (its server goes on)");
  r->add_option("action", retry->action, "The action id, e.g. web-01/migrate/shop")->required()->check(not_empty());
  r->add_option("--by", retry->by, "Who asks")->check(not_empty());
  add_journal_options(r, *retry);
  r->callback([retry, &chosen] { chosen = [retry] { return send(Kind::retry, *retry); }; });

  auto rollback = std::make_shared<RequestOptions>();
  rollback->by = "operator";
  auto* b = app.add_subcommand("rollback", "Run the rollback command for a migrated account, then migrate it again");
  b->add_option("--account", rollback->account, "SERVER/ACCOUNT")->required()->check(not_empty());
  b->add_option("--by", rollback->by, "Who asks")->check(not_empty());
  add_journal_options(b, *rollback);
  b->callback([rollback, &chosen] { chosen = [rollback] { return send(Kind::rollback, *rollback); }; });
}

}  // namespace ferry::cli
