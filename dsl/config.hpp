// The iterator, skipper and context types shared by every grammar TU; the
// rules are instantiated for exactly these (BOOST_SPIRIT_INSTANTIATE).
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <functional>

namespace ferry::dsl::grammar {

namespace x3 = boost::spirit::x3;

// Where the text starts, so that nodes can store byte offsets as spans.
struct Origin {
  const char* begin = nullptr;
};
struct origin_tag;

using iterator_type = const char*;

// Whitespace is space, tab, CR and LF, nothing else (DESIGN §2.1: a
// vertical tab or a form feed is an error where it stands); `#` runs to the
// end of the line. Comments are kept for the formatter by the prescan.
inline auto const comment = x3::lexeme['#' >> *(x3::char_ - x3::eol)];
inline auto const skipper = x3::char_(" \t\r\n") | comment;
using skipper_type = std::remove_cv_t<decltype(skipper)>;

using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type = x3::context<origin_tag, std::reference_wrapper<Origin>, phrase_context_type>;

}  // namespace ferry::dsl::grammar
