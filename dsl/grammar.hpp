// The Spirit X3 rules of the language, declared here and defined in
// literal_def.hpp (tokens) and expression_def.hpp (values). The block
// structure around them is driven by parser.cpp, which recovers after an
// error so that every error of a file is reported.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "dsl/ast.hpp"
#include "dsl/config.hpp"

namespace ferry::dsl::grammar {

struct literal_class;
struct name_class;
struct string_class;
struct expression_class;

using literal_type = x3::rule<literal_class, ast::Literal>;
using name_type = x3::rule<name_class, ast::Literal>;
using string_type = x3::rule<string_class, ast::Literal>;
using expression_type = x3::rule<expression_class, ast::Expression>;

BOOST_SPIRIT_DECLARE(literal_type, name_type, string_type, expression_type)

literal_type const& literal();
name_type const& name();
string_type const& string_literal();
expression_type const& expression();

}  // namespace ferry::dsl::grammar
