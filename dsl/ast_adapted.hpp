// Fusion adaptation of the AST nodes the grammar fills member by member.
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>

#include "dsl/ast.hpp"

BOOST_FUSION_ADAPT_STRUCT(ferry::dsl::ast::Operation, op, operand)
BOOST_FUSION_ADAPT_STRUCT(ferry::dsl::ast::Expression, first, rest)
BOOST_FUSION_ADAPT_STRUCT(ferry::dsl::ast::CallExpr, function, args)
BOOST_FUSION_ADAPT_STRUCT(ferry::dsl::ast::ListExpr, open, items)
BOOST_FUSION_ADAPT_STRUCT(ferry::dsl::ast::Parens, open, inner)
BOOST_FUSION_ADAPT_STRUCT(ferry::dsl::ast::Negation, sign, operand)
BOOST_FUSION_ADAPT_STRUCT(ferry::dsl::ast::Attribute, key, value)
