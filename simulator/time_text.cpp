#include "simulator/time_text.hpp"

#include <date/date.h>

namespace ferry::simulator {

namespace {

// The text reports write hundreds of thousands of these on a large fleet:
// digits go straight into the string (snprintf and the string copies of
// the first version were a fifth of `ferry simulate`).
void append_digits(std::string& out, long long value, int width) {
  char digits[24];
  char* end = digits + sizeof digits;
  char* p = end;
  do {
    *--p = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0 || end - p < width);
  out.append(p, end);
}

// Two digits at `p`: the fixed-width fields below are filled in a buffer
// and appended once (a digit loop and an append per field were half of the
// text report).
char* put_two(char* p, unsigned value) {
  p[0] = static_cast<char>('0' + value / 10);
  p[1] = static_cast<char>('0' + value % 10);
  return p + 2;
}

// "Thu 2026-12-03 " from a local day.
void append_day(std::string& out, std::int64_t day) {
  static const char kWeekdays[] = "SunMonTueWedThuFriSat";
  date::sys_days days{date::days{day}};
  date::year_month_day ymd{days};
  int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {  // not a date a migration reaches: the general path
    static const char* const kNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    out += kNames[date::weekday{days}.c_encoding()];
    out += ' ';
    if (year < 0) out += '-';  // digits of a negative number would not be digits
    append_digits(out, year < 0 ? -static_cast<long long>(year) : year, 4);
    out += '-';
    append_digits(out, static_cast<unsigned>(ymd.month()), 2);
    out += '-';
    append_digits(out, static_cast<unsigned>(ymd.day()), 2);
    out += ' ';
    return;
  }
  char text[15];
  const char* weekday = kWeekdays + 3 * date::weekday{days}.c_encoding();
  text[0] = weekday[0];
  text[1] = weekday[1];
  text[2] = weekday[2];
  text[3] = ' ';
  char* p = put_two(put_two(text + 4, static_cast<unsigned>(year / 100)), static_cast<unsigned>(year % 100));
  *p++ = '-';
  p = put_two(p, static_cast<unsigned>(ymd.month()));
  *p++ = '-';
  p = put_two(p, static_cast<unsigned>(ymd.day()));
  *p = ' ';
  out.append(text, sizeof text);
}

// "14:00:00" from seconds into the day.
void append_clock(std::string& out, plan::Seconds in_day) {
  char text[8];
  char* p = put_two(text, static_cast<unsigned>(in_day / plan::kHour));
  *p++ = ':';
  p = put_two(p, static_cast<unsigned>(in_day / 60 % 60));
  *p++ = ':';
  put_two(p, static_cast<unsigned>(in_day % 60));
  out.append(text, sizeof text);
}

}  // namespace

std::string clock_duration(plan::Seconds seconds) {
  if (seconds < 0) return "-" + clock_duration(-seconds);
  long long d = seconds / plan::kDay, h = seconds % plan::kDay / plan::kHour, m = seconds % plan::kHour / 60,
            s = seconds % 60;
  std::string out;
  if (d > 0) {
    append_digits(out, d, 1);
    out += "d ";
  }
  if (d > 0 || h > 0) {
    append_digits(out, h, d > 0 ? 2 : 1);
    out += "h ";
  }
  if (d > 0 || h > 0 || m > 0) {
    append_digits(out, m, d > 0 || h > 0 ? 2 : 1);
    out += "m ";
  }
  append_digits(out, s, d > 0 || h > 0 || m > 0 ? 2 : 1);
  out += 's';
  return out;
}

std::string signed_duration(plan::Seconds seconds) {
  return seconds > 0 ? "+" + clock_duration(seconds) : clock_duration(seconds);
}

void append_day_time(std::string& out, const plan::TimeZone& zone, plan::Instant instant) {
  plan::LocalSeconds local = zone.to_local(instant);
  std::int64_t day = plan::local_day(local);
  append_day(out, day);
  append_clock(out, local - day * plan::kDay);
}

void append_day_time_after(std::string& out, const plan::TimeZone& zone, plan::Instant start, plan::Instant end) {
  plan::LocalSeconds local = zone.to_local(end);
  std::int64_t day = plan::local_day(local);
  if (day != plan::local_day(zone.to_local(start))) append_day(out, day);
  append_clock(out, local - day * plan::kDay);
}

std::string day_time(const plan::TimeZone& zone, plan::Instant instant) {
  std::string out;
  out.reserve(23);
  append_day_time(out, zone, instant);
  return out;
}

std::string day_time_after(const plan::TimeZone& zone, plan::Instant start, plan::Instant end) {
  std::string out;
  out.reserve(23);
  append_day_time_after(out, zone, start, end);
  return out;
}

}  // namespace ferry::simulator
