#include "plan/fleet.hpp"

#include <cmath>

namespace ferry::plan {

Policy default_policy() {
  Policy policy;
  auto per_gb = Exact::fraction(60, 1000000000);  // 1min/GB in s per byte
  policy.downtime.push_constant(30);
  policy.downtime.push_constant(per_gb);
  policy.downtime.push_variable(Variable::databases);
  policy.downtime.push(OpCode::multiply);
  policy.downtime.push(OpCode::add);
  policy.downtime.text = "30s + 1min/GB * databases";
  // 4h + (files + mail) / 50MB/s
  for (Duration* d : {&policy.install, &policy.reinstall}) {
    d->push_constant(4 * kHour);
    d->push_variable(Variable::files);
    d->push_variable(Variable::mail);
    d->push(OpCode::add);
    d->push_constant(50000000);
    d->push(OpCode::divide);
    d->push(OpCode::add);
    d->text = "4h + (files + mail) / 50MB/s";
  }
  policy.prepare = Duration::constant(0);
  policy.prepare.text = "0s";
  policy.migrate_delay = Duration::constant(0);
  policy.migrate_delay.text = "0s";
  return policy;
}

Variables Account::variables() const {
  Variables v;
  v[static_cast<int>(Variable::databases)] = databases;
  v[static_cast<int>(Variable::files)] = files;
  v[static_cast<int>(Variable::mail)] = mail;
  v[static_cast<int>(Variable::size)] = databases + files + mail;
  v[static_cast<int>(Variable::accounts)] = 1;
  return v;
}

Variables Server::variables() const {
  Variables v;
  for (const Account& a : accounts) {
    Variables av = a.variables();
    for (std::size_t i = 0; i + 1 < kVariableCount; ++i) v[i] = v[i] + av[i];
  }
  v[static_cast<int>(Variable::accounts)] = static_cast<std::int64_t>(accounts.size());
  return v;
}

double Price::value() const { return static_cast<double>(mantissa) / std::pow(10.0, scale); }

}  // namespace ferry::plan
